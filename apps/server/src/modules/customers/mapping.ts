import type { Customer, CustomerState } from '@guanxi/contract';
import { applyFieldAccess } from '../../platform/access.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { isoOf } from '../../platform/dates.ts';
import { auditableCustom } from '../custom-fields/service.ts';
import type { CustomerRow, CustomerView } from './repository.ts';

const num = (v: unknown) => (v == null ? null : Number(v));
const str = (v: unknown) => (v == null ? null : String(v));
const day = (v: unknown) =>
  v == null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);

/** `KH20261123-0001 深圳前海科技` (drafts have no number): how audit summaries name a customer. */
export const customerLabel = (r: Pick<CustomerRow, 'number' | 'name'>) =>
  r.number ? `${r.number} ${r.name}` : r.name;

/** A customer row (with joined names) as the API shows it, after field permissions. */
export function toCustomer(p: Principal, r: CustomerView): Customer {
  const c: Customer = {
    id: r.id as string,
    version: Number(r.version),
    createdAt: isoOf(r.created_at)!,
    updatedAt: isoOf(r.updated_at)!,
    number: str(r.number),
    name: r.name as string,
    shortName: str(r.short_name),
    type: r.type as Customer['type'],
    levelId: str(r.level_id),
    sourceId: str(r.source_id),
    industryId: str(r.industry_id),
    statusId: str(r.status_id),
    intentionId: str(r.intention_id),
    regionId: str(r.region_id),
    levelName: str(r.level_name),
    sourceName: str(r.source_name),
    industryName: str(r.industry_name),
    statusName: str(r.status_name),
    intentionName: str(r.intention_name),
    regionName: str(r.region_name),
    address: str(r.address),
    lat: num(r.lat),
    lng: num(r.lng),
    phone: str(r.phone),
    mobile: str(r.mobile),
    email: str(r.email),
    website: str(r.website),
    taxNumber: str(r.tax_number),
    bankName: str(r.bank_name),
    bankAccount: str(r.bank_account),
    credit: num(r.credit),
    satisfaction: num(r.satisfaction),
    legalRepresentative: str(r.legal_representative),
    registeredCapital: str(r.registered_capital),
    annualTurnover: str(r.annual_turnover),
    tags: (r.tags as string[] | null) ?? [],
    profile: str(r.profile),
    custom: (r.custom as Customer['custom']) ?? {},
    ownerId: str(r.owner_id),
    ownerName: str(r.owner_name),
    departmentId: str(r.department_id),
    departmentName: str(r.department_name),
    state: r.state as CustomerState,
    poolId: str(r.pool_id),
    poolName: str(r.pool_name),
    createdById: str(r.created_by),
    lastFollowUpAt: isoOf(r.last_follow_up_at),
    nextFollowUpAt: isoOf(r.next_follow_up_at),
    lastOrderAt: isoOf(r.last_order_at),
    riskScore: num(r.risk_score),
    churnedAt: isoOf(r.churned_at),
    protectedUntil: day(r.protected_until),
    submittedAt: isoOf(r.submitted_at),
    valid: r.invalidated_at == null,
    invalidatedAt: isoOf(r.invalidated_at),
    invalidReason: str(r.invalid_reason),
    canEdit: Boolean(r.can_edit),
  };
  return applyFieldAccess(p, 'customers', c);
}

/** The fields the audit log and the field history record for a customer (custom values as `custom.<key>`). */
export const auditable = (r: CustomerRow) => ({
  number: r.number,
  name: r.name,
  shortName: r.shortName,
  type: r.type,
  levelId: r.levelId,
  sourceId: r.sourceId,
  industryId: r.industryId,
  statusId: r.statusId,
  intentionId: r.intentionId,
  regionId: r.regionId,
  address: r.address,
  lat: r.lat,
  lng: r.lng,
  phone: r.phone,
  mobile: r.mobile,
  email: r.email,
  website: r.website,
  taxNumber: r.taxNumber,
  bankName: r.bankName,
  bankAccount: r.bankAccount,
  credit: r.credit,
  satisfaction: r.satisfaction,
  legalRepresentative: r.legalRepresentative,
  registeredCapital: r.registeredCapital,
  annualTurnover: r.annualTurnover,
  tags: r.tags,
  profile: r.profile,
  ...auditableCustom(r.custom),
  state: r.state,
  ownerId: r.ownerId,
  poolId: r.poolId,
  nextFollowUpAt: r.nextFollowUpAt,
  protectedUntil: r.protectedUntil,
});
