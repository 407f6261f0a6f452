import type { Locale } from '@guanxi/contract';

/** Row-level problems of an import, worded in the importer's language. */
const messages = {
  required: { 'zh-CN': '必填', 'en-US': 'required' },
  invalid: { 'zh-CN': '格式不正确', 'en-US': 'not a valid value' },
  unknownItem: { 'zh-CN': '数据字典中没有此项：{v}', 'en-US': 'no such dictionary item: {v}' },
  invalidItem: { 'zh-CN': '该字典项已失效：{v}', 'en-US': 'this dictionary item is invalid: {v}' },
  ambiguous: {
    'zh-CN': '有多个同名项，请写完整路径（如 省/市/区）：{v}',
    'en-US': 'several items have this name; give the path (province/city/district): {v}',
  },
  unknownOwner: {
    'zh-CN': '找不到该负责人（或不在您的数据范围内）：{v}',
    'en-US': 'no such owner within your scope: {v}',
  },
  unknownType: {
    'zh-CN': '客户类型应为 直接客户/分销商/个人',
    'en-US': 'type must be direct, distributor or individual',
  },
  duplicate: { 'zh-CN': '与已有客户重复：{v}', 'en-US': 'duplicates an existing customer: {v}' },
  duplicateNotWritable: {
    'zh-CN': '与您无权修改的客户重复：{v}',
    'en-US': 'duplicates a customer you may not change: {v}',
  },
  unknownCustomer: {
    'zh-CN': '找不到该客户（或不在您的数据范围内）：{v}',
    'en-US': 'no such customer within your scope: {v}',
  },
  invalidCustomer: {
    'zh-CN': '该客户已失效，只能查看：{v}',
    'en-US': 'this customer is invalidated and can only be viewed: {v}',
  },
  unknownOption: { 'zh-CN': '该字段没有此选项：{v}', 'en-US': 'no such option of this field: {v}' },
  unknownUser: { 'zh-CN': '找不到该在职用户：{v}', 'en-US': 'no such active user: {v}' },
  notMapped: {
    'zh-CN': '必填字段“{v}”没有对应的列',
    'en-US': 'no column is mapped to the required field “{v}”',
  },
  empty: { 'zh-CN': '文件中没有数据行', 'en-US': 'the file has no data rows' },
  interrupted: {
    'zh-CN': '导入被中断：已导入前 {v} 行，其余未导入，可继续导入',
    'en-US':
      'the import was interrupted: the first {v} rows were imported, the rest were not; resume to finish',
  },
  failed: {
    'zh-CN': '发现 {v} 行有问题，未导入任何数据',
    'en-US': '{v} rows have problems; nothing was imported',
  },
} as const;

export type MessageKey = keyof typeof messages;

export const say = (locale: Locale, key: MessageKey, v: string | number = '') =>
  messages[key][locale].replace('{v}', String(v));
