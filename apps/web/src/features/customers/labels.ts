import './texts.ts';
import type { CustomerState, customerTypes } from '@guanxi/contract';
import type { TFunction } from 'i18next';

type LooseT = (key: string, options: { defaultValue: string }) => string;

export function customerTypeLabel(t: TFunction<'customers'>, type: (typeof customerTypes)[number]): string {
  return t(`types.${type}`);
}

export function customerStateLabel(t: TFunction<'customers'>, state: CustomerState): string {
  return t(`states.${state}`);
}

/** A customer field's name (history, timeline, duplicate matches); unknown ones show their key. */
export function customerFieldLabel(t: TFunction<'customers'>, field: string): string {
  return (t as unknown as LooseT)(`fields.${field}`, { defaultValue: field });
}

/** What happened in a timeline entry (新增, 转移, 领取 …); unknown actions show their code. */
export function timelineActionLabel(t: TFunction<'customers'>, action: string): string {
  return (t as unknown as LooseT)(`timeline.actions.${action}`, { defaultValue: action });
}

/** Which kind of record a timeline entry is about (客户, 联系人 …). */
export function timelineEntityLabel(t: TFunction<'customers'>, entity: string): string {
  return (t as unknown as LooseT)(`timeline.entities.${entity}`, { defaultValue: entity });
}
