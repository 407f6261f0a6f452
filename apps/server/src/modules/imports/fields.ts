import {
  createContact,
  createCustomer,
  createLead,
  type DictionaryType,
  type ImportEntity,
  type ImportField,
  type Locale,
} from '@guanxi/contract';
import type { z } from 'zod';
import { type FieldDef as CustomFieldDef, checkCustomValues } from '../custom-fields/service.ts';
import { type MessageKey, say } from './messages.ts';
import type { Resolver } from './resolver.ts';

type Kind =
  | { kind: 'text' }
  | { kind: 'int' }
  | { kind: 'tags' }
  | { kind: 'date' }
  | { kind: 'bool' }
  | { kind: 'type' }
  | { kind: 'gender' }
  | { kind: 'dict'; type: DictionaryType }
  | { kind: 'owner' }
  | { kind: 'customer' }
  /** A region by name or path, as its GB/T 2260 code (leads keep the code, not the item). */
  | { kind: 'regionCode' }
  /** A campaign by its exact name. */
  | { kind: 'campaign' }
  /** An enabled custom field (`cf.<key>`): labelled by its title, values by option label or value. */
  | { kind: 'custom'; field: CustomFieldDef };

type FieldDef = Kind & { key: string; zh: string; en: string; aliases: string[]; required?: boolean };

const f = (
  key: string,
  zh: string,
  en: string,
  aliases: string[],
  kind: Kind,
  required = false,
): FieldDef => ({
  key,
  zh,
  en,
  aliases,
  required,
  ...kind,
});
const text = { kind: 'text' } as const;

export const customerFields: FieldDef[] = [
  f(
    'name',
    '客户名称',
    'Name',
    ['公司名称', '企业名称', '名称', 'customer name', 'company', 'company name'],
    text,
    true,
  ),
  f('shortName', '简称', 'Short name', ['客户简称', 'short name'], text),
  f('type', '客户类型', 'Type', ['类型', 'customer type'], { kind: 'type' }),
  f('levelId', '客户等级', 'Level', ['等级', 'level'], { kind: 'dict', type: 'customer-level' }),
  f('sourceId', '客户来源', 'Source', ['来源', 'source'], { kind: 'dict', type: 'customer-source' }),
  f('industryId', '行业', 'Industry', ['所属行业', 'industry'], { kind: 'dict', type: 'industry' }),
  f('statusId', '客户状态', 'Status', ['状态', 'status'], { kind: 'dict', type: 'customer-status' }),
  f('intentionId', '客户意向', 'Intention', ['意向', 'intention'], {
    kind: 'dict',
    type: 'customer-intention',
  }),
  f('regionId', '地区', 'Region', ['所在地区', '省市区', 'region'], { kind: 'dict', type: 'region' }),
  f('address', '地址', 'Address', ['详细地址', 'address'], text),
  f('phone', '电话', 'Phone', ['座机', '联系电话', 'tel', 'telephone', 'phone'], text),
  f('mobile', '手机', 'Mobile', ['手机号', '手机号码', '移动电话', 'mobile'], text),
  f('email', '邮箱', 'Email', ['电子邮件', 'e-mail', 'email'], text),
  f('website', '网址', 'Website', ['网站', '官网', 'website'], text),
  f('taxNumber', '税号', 'Tax number', ['纳税人识别号', '统一社会信用代码', 'tax number', 'tax id'], text),
  f('bankName', '开户行', 'Bank', ['开户银行', 'bank'], text),
  f('bankAccount', '银行账号', 'Bank account', ['账号', 'bank account'], text),
  f('credit', '信用等级', 'Credit', ['信用', 'credit'], { kind: 'int' }),
  f('satisfaction', '满意度', 'Satisfaction', ['satisfaction'], { kind: 'int' }),
  f('legalRepresentative', '法人代表', 'Legal representative', ['法定代表人', 'legal representative'], text),
  f('registeredCapital', '注册资本', 'Registered capital', ['registered capital'], text),
  f('annualTurnover', '年营业额', 'Annual turnover', ['年销售额', 'annual turnover', 'turnover'], text),
  f('tags', '标签', 'Tags', ['tags'], { kind: 'tags' }),
  f('profile', '公司简介', 'Profile', ['简介', '备注', 'profile', 'notes'], text),
  f('ownerId', '负责人', 'Owner', ['客户负责人', '销售', 'owner'], { kind: 'owner' }),
  f('nextFollowUpAt', '下次跟进', 'Next follow-up', ['下次跟进时间', 'next follow-up'], { kind: 'date' }),
];

export const contactFields: FieldDef[] = [
  f(
    'customerId',
    '客户',
    'Customer',
    ['客户名称', '客户编号', '公司名称', 'customer', 'company'],
    { kind: 'customer' },
    true,
  ),
  f('name', '姓名', 'Name', ['联系人', '联系人姓名', 'name', 'contact'], text, true),
  f('gender', '性别', 'Gender', ['gender'], { kind: 'gender' }),
  f('title', '职务', 'Title', ['职位', 'title', 'job title'], text),
  f('department', '部门', 'Department', ['department'], text),
  f('mobile', '手机', 'Mobile', ['手机号', '手机号码', 'mobile'], text),
  f('phone', '电话', 'Phone', ['座机', '办公电话', 'phone', 'tel'], text),
  f('email', '邮箱', 'Email', ['电子邮件', 'email', 'e-mail'], text),
  f('wechat', '微信', 'WeChat', ['微信号', 'wechat'], text),
  f('birthday', '生日', 'Birthday', ['出生日期', 'birthday'], { kind: 'date' }),
  f('decisionRole', '决策角色', 'Decision role', ['角色', 'decision role'], text),
  f('isPrimary', '主联系人', 'Primary', ['是否主联系人', 'primary'], { kind: 'bool' }),
  f('remark', '备注', 'Remark', ['remark', 'notes'], text),
];

export const leadFields: FieldDef[] = [
  f(
    'name',
    '线索名称',
    'Name',
    ['线索', '公司名称', '客户名称', '企业名称', '名称', 'lead', 'lead name', 'company'],
    text,
    true,
  ),
  f('contactName', '联系人', 'Contact', ['联系人姓名', '姓名', 'contact name', 'contact'], text),
  f('mobile', '手机', 'Mobile', ['手机号', '手机号码', '移动电话', '电话', 'mobile', 'phone'], text),
  f('email', '邮箱', 'Email', ['电子邮件', 'e-mail', 'email'], text),
  f('source', '线索来源', 'Source', ['来源', '客户来源', 'source'], {
    kind: 'dict',
    type: 'customer-source',
  }),
  f('campaignId', '市场活动', 'Campaign', ['活动', '活动名称', 'campaign'], { kind: 'campaign' }),
  f('regionCode', '地区', 'Region', ['所在地区', '省市区', '区域', 'region'], { kind: 'regionCode' }),
  f('remark', '备注', 'Remark', ['说明', 'remark', 'notes'], text),
];

const builtIn: Record<ImportEntity, FieldDef[]> = {
  customers: customerFields,
  contacts: contactFields,
  leads: leadFields,
};
const schemas: Record<ImportEntity, z.ZodObject> = {
  customers: createCustomer,
  contacts: createContact,
  leads: createLead,
};

/** The import fields of an entity's enabled custom fields (after the built-in ones). */
const customImportFields = (custom: CustomFieldDef[]): FieldDef[] =>
  custom
    .filter((c) => c.enabled)
    .map((field) =>
      f(`cf.${field.key}`, field.title, field.title, [], { kind: 'custom', field }, field.required),
    );

/** Built-in fields, then the given custom fields of the entity (its definitions, enabled ones used). */
export const fieldsOf = (entity: ImportEntity, custom: CustomFieldDef[] = []) => [
  ...builtIn[entity],
  ...customImportFields(custom),
];

export const describeFields = (
  entity: ImportEntity,
  locale: Locale,
  custom: CustomFieldDef[] = [],
): ImportField[] =>
  fieldsOf(entity, custom).map((d) => ({
    key: d.key,
    label: locale === 'zh-CN' ? d.zh : d.en,
    required: Boolean(d.required),
  }));

const norm = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}*]/gu, '');

/** Header → field by the zh/en label or a common synonym; unknown headers stay unmapped. */
export function suggestMapping(
  entity: ImportEntity,
  headers: string[],
  custom: CustomFieldDef[] = [],
): Record<string, string> {
  const byLabel = new Map<string, string>();
  for (const d of fieldsOf(entity, custom)) {
    for (const label of [d.key, d.zh, d.en, ...d.aliases])
      if (!byLabel.has(norm(label))) byLabel.set(norm(label), d.key);
  }
  const used = new Set<string>();
  const mapping: Record<string, string> = {};
  for (const h of headers) {
    const key = byLabel.get(norm(h));
    if (key && !used.has(key)) {
      mapping[h] = key;
      used.add(key);
    }
  }
  return mapping;
}

export type RowError = { field: string; message: string };
export type Converted = { values: Record<string, unknown>; errors: RowError[] };

const typeWords: Record<string, 'direct' | 'distributor' | 'individual'> = {
  直接客户: 'direct',
  direct: 'direct',
  分销商: 'distributor',
  经销商: 'distributor',
  代理商: 'distributor',
  distributor: 'distributor',
  个人: 'individual',
  个人客户: 'individual',
  individual: 'individual',
};
const genderWords: Record<string, 'male' | 'female' | 'unknown'> = {
  男: 'male',
  male: 'male',
  m: 'male',
  女: 'female',
  female: 'female',
  f: 'female',
};
const truthy = new Set(['是', 'y', 'yes', 'true', '1', '√', '主']);

/** `2026/11/23`, `2026-11-23`, `20261123` → `2026-11-23`. */
function isoDate(v: string): string | null {
  const m = v.match(/^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/);
  if (!m) return null;
  return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
}

const listSeparators = /[,，、;；|]/;

/** A cell of a custom field as its stored form: options by label or value, users by name. */
function customValue(
  field: CustomFieldDef,
  raw: string,
  r: Resolver,
): { value: unknown } | { error: MessageKey; v?: string } {
  const option = (text: string) => {
    const wanted = norm(text);
    return (
      field.options.find((o) => norm(o.label) === wanted) ??
      field.options.find((o) => norm(o.value) === wanted)
    );
  };
  switch (field.type) {
    case 'dropdown': {
      const found = option(raw);
      return found ? { value: found.value } : { error: 'unknownOption', v: raw };
    }
    case 'multi-select': {
      const parts = raw
        .split(listSeparators)
        .map((x) => x.trim())
        .filter(Boolean);
      const missing = parts.find((x) => !option(x));
      return missing ? { error: 'unknownOption', v: missing } : { value: parts.map((x) => option(x)!.value) };
    }
    case 'integer':
      return /^-?\d+$/.test(raw) ? { value: Number(raw) } : { error: 'invalid' };
    case 'date': {
      const day = isoDate(raw);
      return day ? { value: day } : { error: 'invalid' };
    }
    case 'user': {
      const id = r.user(raw);
      return id ? { value: id } : { error: 'unknownUser', v: raw };
    }
    default:
      return { value: raw };
  }
}

/**
 * One file row (field → cell text) as API input, with its problems: dictionary names, owners,
 * regions and customers are resolved to ids; the result is validated by the same Zod schema
 * as the API (so an imported customer obeys exactly the rules of a typed-in one).
 */
export function convertRow(
  entity: ImportEntity,
  cells: Record<string, string>,
  r: Resolver,
  locale: Locale,
): Converted {
  const errors: RowError[] = [];
  const values: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  const customDefs = r.customFields(entity);
  const fail = (field: string, key: MessageKey, v: string | number = '') =>
    errors.push({ field, message: say(locale, key, v) });
  for (const d of fieldsOf(entity, customDefs)) {
    const raw = (cells[d.key] ?? '').trim();
    if (!raw) {
      if (d.required) fail(d.key, 'required');
      continue;
    }
    switch (d.kind) {
      case 'text':
        values[d.key] = raw;
        break;
      case 'int': {
        const n = Number(raw);
        if (Number.isInteger(n)) values[d.key] = n;
        else fail(d.key, 'invalid');
        break;
      }
      case 'tags':
        values[d.key] = [
          ...new Set(
            raw
              .split(/[,，、;；|]/)
              .map((t) => t.trim())
              .filter(Boolean),
          ),
        ];
        break;
      case 'date': {
        const day = isoDate(raw);
        if (!day) fail(d.key, 'invalid');
        else values[d.key] = d.key === 'birthday' ? day : `${day}T09:00:00+08:00`;
        break;
      }
      case 'bool':
        values[d.key] = truthy.has(raw.toLowerCase());
        break;
      case 'type': {
        const t = typeWords[raw.toLowerCase()];
        if (t) values[d.key] = t;
        else fail(d.key, 'unknownType');
        break;
      }
      case 'gender':
        values[d.key] = genderWords[raw.toLowerCase()] ?? 'unknown';
        break;
      case 'dict': {
        const found = r.dictionaryItem(d.type, raw);
        if (found.ok) values[d.key] = found.id;
        else fail(d.key, found.reason, raw);
        break;
      }
      case 'owner': {
        const id = r.owner(raw);
        if (id) values[d.key] = id;
        else fail(d.key, 'unknownOwner', raw);
        break;
      }
      case 'customer': {
        const found = r.customer(raw);
        if (found.ok) values[d.key] = found.id;
        else fail(d.key, found.reason, raw);
        break;
      }
      case 'regionCode': {
        const code = r.regionCode(raw);
        if (code.ok) values[d.key] = code.id;
        else fail(d.key, code.reason, raw);
        break;
      }
      case 'campaign': {
        const id = r.campaign(raw);
        if (id) values[d.key] = id;
        else fail(d.key, 'unknownCampaign', raw);
        break;
      }
      case 'custom': {
        const converted = customValue(d.field, raw, r);
        if ('value' in converted) custom[d.field.key] = converted.value;
        else fail(d.key, converted.error, converted.v);
        break;
      }
    }
  }
  if (customDefs.length) {
    // the same rules as a typed-in record (types, options, dependencies, required)
    const checked = checkCustomValues(customDefs, custom, undefined);
    for (const issue of checked.issues) {
      const field = `cf.${issue.path.slice('custom.'.length)}`;
      if (!errors.some((e) => e.field === field))
        fail(field, issue.message === 'required' ? 'required' : 'invalid');
    }
    if (Object.keys(checked.values).length) values.custom = checked.values;
  }
  const parsed = schemas[entity].safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      if (!errors.some((e) => e.field === field)) fail(field, cells[field] ? 'invalid' : 'required');
    }
  }
  return { values: parsed.success ? (parsed.data as Record<string, unknown>) : values, errors };
}
