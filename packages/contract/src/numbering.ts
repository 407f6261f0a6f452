import { z } from 'zod';
import { NUMBERING_PREFIX_PATTERN, numberingLimits } from './limits.ts';

/**
 * Entities whose numbers (编号) a tenant configures on the settings page, with their labels.
 * A module that numbers its records adds itself here (and its default in the server's
 * `platform/numbering.ts`).
 */
export const numberedEntities = {
  customer: { 'zh-CN': '客户', 'en-US': 'Customer' },
  plan: { 'zh-CN': '计划', 'en-US': 'Plan' },
  campaign: { 'zh-CN': '市场活动', 'en-US': 'Campaign' },
  quote: { 'zh-CN': '报价单', 'en-US': 'Quote' },
  order: { 'zh-CN': '订单', 'en-US': 'Order' },
  contract: { 'zh-CN': '合同', 'en-US': 'Contract' },
  ticket: { 'zh-CN': '服务工单', 'en-US': 'Ticket' },
  member: { 'zh-CN': '会员', 'en-US': 'Member' },
} as const;
export type NumberedEntity = keyof typeof numberedEntities;
export const numberedEntityCodes = Object.keys(numberedEntities) as NumberedEntity[];
const numberedEntity = z.enum(numberedEntityCodes as [NumberedEntity, ...NumberedEntity[]]);

/** Date part after the prefix, in the tenant's time zone (`''`: none). */
export const numberingDatePatterns = ['', 'YYYY', 'YYYYMM', 'YYYYMMDD'] as const;
/** When the sequence starts again at 1. */
export const numberingResetPeriods = ['daily', 'monthly', 'yearly', 'never'] as const;
/** Between the date part and the sequence (not used without a date part). */
export const numberingSeparators = ['', '-', '_', '/'] as const;
export type NumberingDatePattern = (typeof numberingDatePatterns)[number];
export type NumberingResetPeriod = (typeof numberingResetPeriods)[number];

/** The parts of a number: prefix + date part + separator + zero-padded sequence. */
const numberingRuleSettings = z.object({
  prefix: z.string().trim().regex(NUMBERING_PREFIX_PATTERN),
  datePattern: z.enum(numberingDatePatterns),
  sequenceWidth: z
    .number()
    .int()
    .min(numberingLimits.sequenceWidth.min)
    .max(numberingLimits.sequenceWidth.max),
  resetPeriod: z.enum(numberingResetPeriods),
  separator: z.enum(numberingSeparators),
});
export type NumberingRuleSettings = z.infer<typeof numberingRuleSettings>;

/** `GET /numbering-rules`: one per entity, the tenant's own or the default. */
export const numberingRule = numberingRuleSettings.extend({
  entity: numberedEntity,
  /** 0 while the tenant uses the default (send it back to create its own rule). */
  version: z.number().int(),
  /** What a number looks like today (tenant time zone), with sequence 1, e.g. `KH20261123-0001`. */
  example: z.string(),
  /** true when the tenant has no rule of its own for this entity. */
  isDefault: z.boolean(),
});
export type NumberingRule = z.infer<typeof numberingRule>;

export const numberingRuleParams = z.object({ entity: numberedEntity });

/** `PUT /numbering-rules/:entity`; `version` 0 while the rule is the default. */
export const updateNumberingRule = numberingRuleSettings.extend({ version: z.number().int().min(0) });
export type UpdateNumberingRule = z.infer<typeof updateNumberingRule>;

const dateRank: Record<NumberingDatePattern, number> = { '': 0, YYYY: 1, YYYYMM: 2, YYYYMMDD: 3 };
const resetRank: Record<NumberingResetPeriod, number> = { never: 0, yearly: 1, monthly: 2, daily: 3 };

/**
 * A reset finer than the date part makes numbers repeat (reset daily under `YYYYMM` gives
 * `…202611-0001` every day); such a rule is refused with `NUMBERING_RULE_AMBIGUOUS`.
 */
export function numberingRuleAmbiguous(rule: {
  datePattern: NumberingDatePattern;
  resetPeriod: NumberingResetPeriod;
}): boolean {
  return resetRank[rule.resetPeriod] > dateRank[rule.datePattern];
}
