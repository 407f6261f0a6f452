import type { TFunction } from 'i18next';

type LooseT = (key: string, options: { defaultValue: string }) => string;

/** Entities the foundation audits; later modules add theirs (unknown ones show their key). */
export const knownEntities = ['users', 'departments', 'roles', 'tenants', 'numbering_rules'];

export function auditActionLabel(t: TFunction<'audit'>, action: string): string {
  return (t as unknown as LooseT)(`actions.${action}`, { defaultValue: action });
}

export function entityLabel(t: TFunction<'audit'>, entity: string): string {
  return (t as unknown as LooseT)(`entities.${entity}`, { defaultValue: entity });
}

export function changeFieldLabel(t: TFunction<'audit'>, field: string): string {
  return (t as unknown as LooseT)(`changeFields.${field}`, { defaultValue: field });
}
