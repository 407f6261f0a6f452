import { z } from 'zod';
import { id, recordBase } from './common.ts';
import { dictionaryItemLimits } from './limits.ts';

/** Every dictionary a tenant has; `tree` ones have children (plan sub-types, city/district). */
export const dictionaryTypes = {
  'customer-source': { tree: false },
  'relationship-type': { tree: false },
  'communication-type': { tree: false },
  'hot-topic': { tree: false },
  'follow-up-type': { tree: false },
  'follow-up-topic': { tree: false },
  /** 产品分类: a tree (category → sub-category). */
  'product-category': { tree: true },
  /** 产品单位 (个, 台, 套 …). */
  'product-unit': { tree: false },
  /** 回款方式 (银行转账, 现金 …). */
  'payment-method': { tree: false },
  'customer-intention': { tree: false },
  'customer-status': { tree: false },
  'customer-level': { tree: false },
  industry: { tree: false },
  /** 营销计划 types (code `visit` 上门拜访, `promotion` 营销推广) with their sub-types as children. */
  'plan-type': { tree: true },
  'campaign-channel': { tree: false },
  'lead-disqualify-reason': { tree: false },
  /** 服务工单 types (咨询, 投诉, 建议, 报修 …). */
  'service-type': { tree: false },
  /** 知识库 categories: a tree. */
  'kb-category': { tree: true },
  'churn-reason': { tree: false },
  /** 开发失败 reasons of opportunities. */
  'lost-reason': { tree: false },
  /** 会员等级 (普通, 银卡, 金卡, 钻石), in order; thresholds by code in the member settings. */
  'member-level': { tree: false },
  region: { tree: true },
} as const;
export type DictionaryType = keyof typeof dictionaryTypes;
export const dictionaryTypeCodes = Object.keys(dictionaryTypes) as DictionaryType[];
export const dictionaryType = z.enum(dictionaryTypeCodes as [DictionaryType, ...DictionaryType[]]);

export const dictionaryTypeParams = z.object({ type: dictionaryType });
export const dictionaryItemParams = z.object({ type: dictionaryType, id });

export const dictionaryItem = z.object({
  ...recordBase,
  type: dictionaryType,
  parentId: z.string().nullable(),
  name: z.string(),
  nameEn: z.string().nullable(),
  code: z.string().nullable(),
  remark: z.string().nullable(),
  /** 1-based position among its siblings. */
  sortOrder: z.number().int(),
  /** false once invalidated (失效): shown on old records, not offered for new ones, view-only. */
  valid: z.boolean(),
});
export type DictionaryItem = z.infer<typeof dictionaryItem>;

const itemName = z.string().trim().min(1).max(dictionaryItemLimits.name);
const remark = z.string().trim().max(dictionaryItemLimits.remark);

export const createDictionaryItem = z.object({
  name: itemName,
  nameEn: itemName.nullish(),
  remark: remark.nullish(),
  parentId: id.nullish(),
});
export type CreateDictionaryItem = z.infer<typeof createDictionaryItem>;

export const updateDictionaryItem = z.object({
  version: z.number().int(),
  name: itemName.optional(),
  nameEn: itemName.nullish(),
  remark: remark.nullish(),
});
export type UpdateDictionaryItem = z.infer<typeof updateDictionaryItem>;

export const dictionaryItemsQuery = z.object({
  /** Only the children of this item (`root` for the top level); all items of the type when absent. */
  parentId: z.union([id, z.literal('root')]).optional(),
  /** `false` leaves invalidated items out (what pickers use). */
  includeInvalid: z.enum(['true', 'false']).default('true'),
});

export const dictionaryIds = z.object({ ids: z.array(id).min(1).max(500) });
export const moveDictionaryItem = z.object({ to: z.number().int().min(1) });

export const dictionarySummary = z.object({
  type: dictionaryType,
  tree: z.boolean(),
  total: z.number().int(),
  invalid: z.number().int(),
});
export type DictionarySummary = z.infer<typeof dictionarySummary>;
