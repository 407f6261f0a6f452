import type { CreateCustomer, Customer, FieldAccess, UpdateCustomer } from '@guanxi/contract';
import dayjs, { type Dayjs } from 'dayjs';
import { type CustomValues, customChanges, customForCreate } from '../custom-fields/custom-values.ts';
import { normaliseMoney } from './money.ts';

/** The customer form's values (money as typed text, the next follow-up as a date-time). */
export type CustomerFormValues = {
  name: string;
  shortName?: string | null;
  type: Customer['type'];
  ownerId?: string | null;
  nextFollowUpAt?: Dayjs | null;
  levelId?: string | null;
  sourceId?: string | null;
  industryId?: string | null;
  statusId?: string | null;
  intentionId?: string | null;
  regionId?: string | null;
  address?: string | null;
  /** WGS-84 degrees; both or neither. */
  lat?: number | null;
  lng?: number | null;
  phone?: string | null;
  mobile?: string | null;
  email?: string | null;
  website?: string | null;
  taxNumber?: string | null;
  bankName?: string | null;
  bankAccount?: string | null;
  credit?: number | null;
  satisfaction?: number | null;
  legalRepresentative?: string | null;
  registeredCapital?: string | null;
  annualTurnover?: string | null;
  tags?: string[];
  profile?: string | null;
  custom?: CustomValues;
};

const textFields = [
  'shortName',
  'address',
  'phone',
  'mobile',
  'email',
  'website',
  'taxNumber',
  'bankName',
  'bankAccount',
  'legalRepresentative',
  'profile',
] as const;
const idFields = ['levelId', 'sourceId', 'industryId', 'statusId', 'intentionId', 'regionId'] as const;
const moneyFields = ['registeredCapital', 'annualTurnover'] as const;
const scoreFields = ['credit', 'satisfaction'] as const;

const nullable = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);
/** Rate gives 0 when cleared. */
const score = (v: number | null | undefined) => (v ? v : null);

export function toFormValues(c: Customer): CustomerFormValues {
  return {
    name: c.name,
    shortName: c.shortName,
    type: c.type,
    nextFollowUpAt: c.nextFollowUpAt ? dayjs(c.nextFollowUpAt) : null,
    levelId: c.levelId,
    sourceId: c.sourceId,
    industryId: c.industryId,
    statusId: c.statusId,
    intentionId: c.intentionId,
    regionId: c.regionId,
    address: c.address ?? null,
    lat: c.lat,
    lng: c.lng,
    phone: c.phone ?? null,
    mobile: c.mobile ?? null,
    email: c.email ?? null,
    website: c.website,
    taxNumber: c.taxNumber ?? null,
    bankName: c.bankName,
    bankAccount: c.bankAccount ?? null,
    credit: c.credit,
    satisfaction: c.satisfaction,
    legalRepresentative: c.legalRepresentative ?? null,
    registeredCapital: c.registeredCapital ?? null,
    annualTurnover: c.annualTurnover ?? null,
    tags: c.tags,
    profile: c.profile,
    custom: c.custom,
  };
}

type Editable = (field: string) => boolean;

/** Every field as the API takes it; fields the user may not edit are left out. */
function apiValues(v: CustomerFormValues, editable: Editable) {
  const out: Record<string, unknown> = {
    name: v.name.trim(),
    type: v.type,
    nextFollowUpAt: v.nextFollowUpAt ? v.nextFollowUpAt.toISOString() : null,
    tags: (v.tags ?? []).map((tag) => tag.trim()).filter(Boolean),
  };
  for (const f of textFields) out[f] = nullable(v[f]);
  for (const f of idFields) out[f] = v[f] ?? null;
  for (const f of moneyFields) out[f] = normaliseMoney(v[f]);
  for (const f of scoreFields) out[f] = score(v[f]);
  out.lat = v.lat ?? null;
  out.lng = v.lng ?? null;
  for (const f of Object.keys(out)) if (!editable(f)) delete out[f];
  return out;
}

export function toCreate(v: CustomerFormValues, access: (field: string) => FieldAccess): CreateCustomer {
  const values = apiValues(v, (f) => access(f) === 'edit');
  // empty optional fields are simply not sent on create
  for (const [key, value] of Object.entries(values)) if (value === null) delete values[key];
  if (v.ownerId) values.ownerId = v.ownerId;
  const custom = customForCreate(v.custom);
  if (custom) values.custom = custom;
  return values as CreateCustomer;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Only what changed (a field hidden from the user is never touched), plus the version. */
export function toUpdate(
  v: CustomerFormValues,
  c: Customer,
  access: (field: string) => FieldAccess,
): UpdateCustomer {
  const values = apiValues(v, (f) => access(f) === 'edit' && (f in c || f === 'nextFollowUpAt'));
  const out: Record<string, unknown> = { version: c.version };
  const before = c as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(values)) {
    const old =
      key === 'nextFollowUpAt' && c.nextFollowUpAt ? new Date(c.nextFollowUpAt).toISOString() : before[key];
    if (!same(value, old)) out[key] = value;
  }
  const custom = customChanges(v.custom, c.custom);
  if (custom) out.custom = custom;
  return out as UpdateCustomer;
}
