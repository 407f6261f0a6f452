import type { Locale } from '@guanxi/contract';
import { AppError } from '../../platform/errors.ts';
import { FileTooLarge, FileUnreadable, type LimitName } from './limits.ts';

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
  unknownCampaign: { 'zh-CN': '找不到该市场活动：{v}', 'en-US': 'no such campaign: {v}' },
  notWritable: { 'zh-CN': '您无权填写此字段', 'en-US': 'you may not fill in this field' },
  unknownOption: { 'zh-CN': '该字段没有此选项：{v}', 'en-US': 'no such option of this field: {v}' },
  unknownUser: { 'zh-CN': '找不到该在职用户：{v}', 'en-US': 'no such active user: {v}' },
  notMapped: {
    'zh-CN': '必填字段“{v}”没有对应的列',
    'en-US': 'no column is mapped to the required field “{v}”',
  },
  empty: { 'zh-CN': '文件中没有数据行', 'en-US': 'the file has no data rows' },
  unreadable: {
    'zh-CN': '无法读取该文件：不是有效的 XLSX 或 CSV 文件',
    'en-US': 'the file cannot be read: it is not a valid XLSX or CSV file',
  },
  unreadableAt: {
    'zh-CN': '无法读取该文件：第 {v}格式不正确',
    'en-US': 'the file cannot be read: malformed at {v}',
  },
  tooManyRows: {
    'zh-CN': '文件超过 {v} 行的上限（不含表头）',
    'en-US': 'the file has more than {v} rows (not counting the header)',
  },
  tooManyBytes: {
    'zh-CN': '文件解压后超过 {v} MB 的上限',
    'en-US': 'the file unpacks to more than {v} MB',
  },
  tooMuchText: {
    'zh-CN': '文件中的文本（共享字符串）超过 {v} MB 的上限，请另存为 CSV 后导入',
    'en-US': 'the text of the file (shared strings) is over {v} MB; save it as CSV and import that',
  },
  rowTooLong: {
    'zh-CN': '文件中有一行超过 {v} MB 的上限',
    'en-US': 'a row of the file is over {v} MB',
  },
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

/** `line 3, column 2` / `第 3 行第 2 列`: where a reader stopped. */
export const sayWhere = (locale: Locale, line: number, column?: number) =>
  locale === 'zh-CN'
    ? `${line} 行${column ? `第 ${column} 列` : ''}`
    : `line ${line}${column ? `, column ${column}` : ''}`;

const limitMessages: Record<LimitName, MessageKey> = {
  rows: 'tooManyRows',
  bytes: 'tooManyBytes',
  sharedStrings: 'tooMuchText',
  row: 'rowTooLong',
};

/**
 * A file the reader refused, as the API's error: `413 IMPORT_TOO_LARGE` naming the limit
 * (`limit`, `max`), or `IMPORT_FILE_INVALID` with at most the line and column — never the
 * reader's own message, which quotes the file's bytes and the library's internals.
 */
export function fileProblem(err: unknown, locale: Locale): AppError | undefined {
  if (err instanceof FileTooLarge) {
    const max = err.limit === 'rows' ? err.max : Math.round(err.max / 1024 / 1024);
    return new AppError(
      'IMPORT_TOO_LARGE',
      [{ path: 'file', message: say(locale, limitMessages[err.limit], max) }],
      {
        limit: err.limit,
        max: err.max,
      },
    );
  }
  if (err instanceof FileUnreadable)
    return new AppError('IMPORT_FILE_INVALID', [
      {
        path: 'file',
        message: err.line
          ? say(locale, 'unreadableAt', sayWhere(locale, err.line, err.column))
          : say(locale, 'unreadable'),
      },
    ]);
  return undefined;
}
