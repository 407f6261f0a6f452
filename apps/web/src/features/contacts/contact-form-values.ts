import type { Contact, CreateContact, FieldAccess, UpdateContact } from '@guanxi/contract';
import dayjs, { type Dayjs } from 'dayjs';
import { type CustomValues, customChanges, customForCreate } from '../custom-fields/custom-values.ts';

export type ContactFormValues = {
  name: string;
  gender: Contact['gender'];
  title?: string | null;
  department?: string | null;
  mobile?: string | null;
  phone?: string | null;
  email?: string | null;
  wechat?: string | null;
  birthday?: Dayjs | null;
  decisionRole?: string | null;
  isPrimary?: boolean;
  remark?: string | null;
  custom?: CustomValues;
};

const texts = [
  'title',
  'department',
  'mobile',
  'phone',
  'email',
  'wechat',
  'decisionRole',
  'remark',
] as const;
const nullable = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

export function toFormValues(c: Contact): ContactFormValues {
  return {
    name: c.name,
    gender: c.gender,
    title: c.title,
    department: c.department,
    mobile: c.mobile ?? null,
    phone: c.phone ?? null,
    email: c.email ?? null,
    wechat: c.wechat ?? null,
    birthday: c.birthday ? dayjs(c.birthday) : null,
    decisionRole: c.decisionRole,
    isPrimary: c.isPrimary,
    remark: c.remark,
    custom: c.custom,
  };
}

function apiValues(v: ContactFormValues, editable: (field: string) => boolean) {
  const out: Record<string, unknown> = {
    name: v.name.trim(),
    gender: v.gender,
    birthday: v.birthday ? v.birthday.format('YYYY-MM-DD') : null,
    isPrimary: !!v.isPrimary,
  };
  for (const f of texts) out[f] = nullable(v[f]);
  for (const f of Object.keys(out)) if (!editable(f)) delete out[f];
  return out;
}

export function toCreate(
  v: ContactFormValues,
  customerId: string,
  access: (field: string) => FieldAccess,
): CreateContact {
  const values = apiValues(v, (f) => access(f) === 'edit');
  for (const [key, value] of Object.entries(values)) if (value === null) delete values[key];
  // unticked: the server decides (the first contact of a customer becomes its primary one)
  if (!v.isPrimary) delete values.isPrimary;
  const custom = customForCreate(v.custom);
  if (custom) values.custom = custom;
  return { ...values, customerId } as CreateContact;
}

/** Only what changed, plus the version. */
export function toUpdate(
  v: ContactFormValues,
  c: Contact,
  access: (field: string) => FieldAccess,
): UpdateContact {
  const values = apiValues(v, (f) => access(f) === 'edit' && f in c);
  const out: Record<string, unknown> = { version: c.version };
  const before = c as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(values)) {
    if (JSON.stringify(value ?? null) !== JSON.stringify(before[key] ?? null)) out[key] = value;
  }
  const custom = customChanges(v.custom, c.custom);
  if (custom) out.custom = custom;
  return out as UpdateContact;
}
