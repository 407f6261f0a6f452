import { sql } from 'drizzle-orm';
import { campaignNames, campaignRoiSource } from '../../campaigns/reporting-service.ts';
import { defineReport } from '../kit/definition.ts';
import {
  departmentDimension,
  departmentFilter,
  dictionaryDimension,
  dictionaryFilter,
  monthDimension,
  ownerDimension,
  ownerFilter,
} from '../kit/dimensions.ts';
import { percentOf } from './rates.ts';

/**
 * 活动投入产出: the campaigns of the caller's scope whose dates overlap the period (as the campaigns
 * ROI page selects them) — cost, leads, customers and won amount, counted as that page counts them
 * (the campaigns, leads and opportunities modules publish the SQL) — per campaign, channel, owner,
 * department or start month; ROI % = (won − cost) ÷ cost, cost per lead = cost ÷ leads.
 */
export const campaignRoi = defineReport({
  code: 'campaign-roi',
  name: { 'zh-CN': '活动投入产出', 'en-US': 'Campaign ROI' },
  requires: ['campaigns:view'],
  source: ({ p, from, to }) => campaignRoiSource(p, from, to),
  timed: true,
  defaultRange: 'thisYear',
  dimensions: [
    {
      key: 'campaign',
      name: { 'zh-CN': '市场活动', 'en-US': 'Campaign' },
      expr: sql`f.id`,
      sqlType: 'uuid',
      label: campaignNames,
    },
    dictionaryDimension('channel_id', 'channel', { 'zh-CN': '渠道', 'en-US': 'Channel' }),
    ownerDimension,
    departmentDimension,
    { ...monthDimension, name: { 'zh-CN': '开始月份', 'en-US': 'Start month' } },
  ],
  defaultGroupBy: 'campaign',
  measures: [
    {
      key: 'cost',
      name: { 'zh-CN': '投入', 'en-US': 'Cost' },
      agg: sql`coalesce(sum(f.cost), 0)`,
      perRecord: sql`f.cost`,
      format: 'money',
    },
    {
      key: 'leads',
      name: { 'zh-CN': '线索', 'en-US': 'Leads' },
      agg: sql`coalesce(sum(f.leads), 0)`,
      perRecord: sql`f.leads`,
      format: 'count',
    },
    {
      key: 'customers',
      name: { 'zh-CN': '转化客户', 'en-US': 'Customers' },
      agg: sql`coalesce(sum(f.customers), 0)`,
      perRecord: sql`f.customers`,
      format: 'count',
    },
    {
      key: 'wonAmount',
      name: { 'zh-CN': '赢单金额', 'en-US': 'Won amount' },
      agg: sql`coalesce(sum(f.won_amount), 0)`,
      perRecord: sql`f.won_amount`,
      format: 'money',
    },
    {
      key: 'campaigns',
      name: { 'zh-CN': '活动数', 'en-US': 'Campaigns' },
      agg: sql`count(*)`,
      perRecord: sql`1`,
      format: 'count',
      // how many campaigns a row sums, not a share of anything
      share: false,
    },
  ],
  derived: [
    {
      key: 'roi',
      name: { 'zh-CN': '投资回报率', 'en-US': 'ROI' },
      format: 'percent',
      compute: (v) => percentOf(Number(v.wonAmount) - Number(v.cost), v.cost),
    },
    {
      key: 'costPerLead',
      name: { 'zh-CN': '单条线索成本', 'en-US': 'Cost per lead' },
      format: 'money',
      compute: (v) => (Number(v.leads) > 0 ? (Number(v.cost) / Number(v.leads)).toFixed(2) : null),
    },
  ],
  filters: [
    dictionaryFilter('channel_id', 'channelId', { 'zh-CN': '渠道', 'en-US': 'Channel' }, 'campaign-channel'),
    ownerFilter(),
    departmentFilter,
  ],
  chart: 'bar',
  chartMeasures: ['cost', 'wonAmount'],
  defaultTop: 20,
  drill: {
    id: sql`f.id`,
    title: sql`f.number || ' ' || f.name`,
    subtitle: sql`to_char(f.at, 'YYYY-MM-DD')`,
    orderBy: sql`f.at DESC, f.id DESC`,
    link: (id) => `/campaigns?id=${id}`,
  },
});
