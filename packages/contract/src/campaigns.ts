import { z } from 'zod';
import { csv, calendarDate as day, id, listQuery, recordBase, timestamp } from './common.ts';
import { amount } from './money.ts';

/** 活动状态: 计划中 → 进行中 → 已结束, or 已取消. */
export const campaignStatuses = ['planned', 'running', 'finished', 'cancelled'] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];

export const campaignLimits = {
  name: 100,
  text: 2000,
  /** 费用明细 lines per campaign. */
  expenses: 100,
  item: 100,
  note: 500,
  participants: 50,
  action: 2000,
} as const;

/** 费用明细: one expense line; `amount` an exact decimal string (`"1234.50"`). */
export const campaignExpense = z.object({
  id: z.string(),
  item: z.string(),
  amount: z.string(),
  spentOn: day.nullable(),
  note: z.string().nullable(),
});
export type CampaignExpense = z.infer<typeof campaignExpense>;

export const campaignExpenseInput = z.object({
  item: z.string().trim().min(1).max(campaignLimits.item),
  amount,
  spentOn: day.nullish(),
  note: z.string().trim().max(campaignLimits.note).nullish(),
});
export type CampaignExpenseInput = z.input<typeof campaignExpenseInput>;

/**
 * What a campaign produced and what each cost. `cost` is the sum of the expense lines; the per-lead
 * and per-customer figures are `null` with nothing to divide by. `wonAmount`: the expected amounts of
 * the won opportunities that came from the campaign (converted from its leads, or naming it).
 */
export const campaignResults = z.object({
  cost: z.string(),
  leads: z.number().int(),
  /** Leads in state converted. */
  converted: z.number().int(),
  /**
   * Distinct customers the campaign's converted leads became (for a channel or a period: the sum
   * over its campaigns, so a customer won by two campaigns counts for each).
   */
  customers: z.number().int(),
  costPerLead: z.string().nullable(),
  costPerCustomer: z.string().nullable(),
  wonAmount: z.string(),
});
export type CampaignResults = z.infer<typeof campaignResults>;

const person = z.object({ id: z.string(), name: z.string() });

/** 市场活动 in a list. */
export const campaignListItem = z.object({
  ...recordBase,
  number: z.string(),
  name: z.string(),
  /** Dictionary `campaign-channel` (活动渠道). */
  channel: z.string(),
  channelName: z.string(),
  status: z.enum(campaignStatuses),
  startDate: day,
  endDate: day,
  budget: z.string().nullable(),
  /** Sum of the expense lines. */
  totalExpense: z.string(),
  ownerId: z.string(),
  ownerName: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  /** Leads it produced and the customers they became (as in `results`). */
  leads: z.number().int(),
  customers: z.number().int(),
});
export type CampaignListItem = z.infer<typeof campaignListItem>;

/** One campaign with its people, expense lines and results. */
export const campaign = campaignListItem.extend({
  targetCustomers: z.string().nullable(),
  products: z.string().nullable(),
  partners: z.string().nullable(),
  description: z.string().nullable(),
  participants: z.array(person),
  expenses: z.array(campaignExpense),
  results: campaignResults,
  canEdit: z.boolean(),
  canDelete: z.boolean(),
});
export type Campaign = z.infer<typeof campaign>;

const optionalText = (max: number) => z.string().trim().max(max).nullish();

const fields = {
  name: z.string().trim().min(1).max(campaignLimits.name),
  channel: id,
  status: z.enum(campaignStatuses).optional(),
  startDate: day,
  endDate: day,
  budget: amount.nullish(),
  targetCustomers: optionalText(campaignLimits.text),
  products: optionalText(campaignLimits.text),
  partners: optionalText(campaignLimits.text),
  description: optionalText(campaignLimits.text),
  /** Defaults to the creator; the campaign's department is its owner's. */
  ownerId: id.optional(),
  participantIds: z.array(id).max(campaignLimits.participants).optional(),
  /** The whole list of expense lines (replaces the previous one on update). */
  expenses: z.array(campaignExpenseInput).max(campaignLimits.expenses).optional(),
};

const datesInOrder = (v: { startDate?: string; endDate?: string }) =>
  !v.startDate || !v.endDate || v.startDate <= v.endDate;
const datesMessage = { message: 'must not be before startDate', path: ['endDate'] };

/** `POST /campaigns` → 201 with a number (HD…). */
export const createCampaign = z.object(fields).refine(datesInOrder, datesMessage);
export type CreateCampaign = z.input<typeof createCampaign>;

/** `PATCH /campaigns/:id`: any fields, with the version read. */
export const updateCampaign = z
  .object({ version: z.number().int(), ...z.object(fields).partial().shape })
  .refine(datesInOrder, datesMessage);
export type UpdateCampaign = z.input<typeof updateCampaign>;

/**
 * `GET /campaigns`: in the caller's campaigns scope (owner and department). `from`/`to` keep the
 * campaigns whose dates overlap `[from, to]`; `q` searches name and number.
 */
export const campaignListQuery = listQuery.extend({
  channel: csv.pipe(z.array(id)).optional(),
  status: csv.pipe(z.array(z.enum(campaignStatuses))).optional(),
  ownerId: id.optional(),
  from: day.optional(),
  to: day.optional(),
});
export type CampaignListQuery = z.infer<typeof campaignListQuery>;

/** 活动记录: a dated entry of what was done, by whom. */
export const campaignAction = z.object({
  id: z.string(),
  campaignId: z.string(),
  occurredOn: day,
  userId: z.string(),
  userName: z.string(),
  content: z.string(),
  createdAt: timestamp,
  /** Its author may delete it (with campaigns:edit). */
  canDelete: z.boolean(),
});
export type CampaignAction = z.infer<typeof campaignAction>;

export const createCampaignAction = z.object({
  /** Defaults to today (the tenant's). */
  occurredOn: day.optional(),
  content: z.string().trim().min(1).max(campaignLimits.action),
});
export type CreateCampaignAction = z.input<typeof createCampaignAction>;

export const campaignActionParams = z.object({ id, actionId: id });

/** `GET /campaigns/roi`: the campaigns in scope whose dates overlap `[from, to]`. */
export const campaignRoiQuery = z
  .object({ from: day.optional(), to: day.optional(), channel: id.optional() })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: 'must not be before from', path: ['to'] });
export type CampaignRoiQuery = z.infer<typeof campaignRoiQuery>;

const roiCampaign = campaignResults.extend({
  id: z.string(),
  number: z.string(),
  name: z.string(),
  channel: z.string(),
  channelName: z.string(),
  status: z.enum(campaignStatuses),
  startDate: day,
  endDate: day,
});
const roiChannel = campaignResults.extend({
  channel: z.string(),
  channelName: z.string(),
  campaigns: z.number().int(),
});

/** ROI per campaign and per channel, with the totals; `counted` names the figures that are counted. */
export const campaignRoi = z.object({
  campaigns: z.array(roiCampaign),
  channels: z.array(roiChannel),
  total: campaignResults.extend({ campaigns: z.number().int() }),
  counted: z.array(z.enum(['cost', 'leads', 'converted', 'customers', 'wonAmount'])),
});
export type CampaignRoi = z.infer<typeof campaignRoi>;
export type CampaignRoiRow = z.infer<typeof roiCampaign>;
