import { sql } from 'drizzle-orm';
import { campaignExpenseSource } from '../../campaigns/reporting-service.ts';
import { planExpenseSource } from '../../marketing-plans/reporting-service.ts';
import { defineReport, type Words } from '../kit/definition.ts';
import {
  choiceFilter,
  departmentDimension,
  departmentFilter,
  dictionaryDimension,
  monthDimension,
  ownerDimension,
  ownerFilter,
} from '../kit/dimensions.ts';
import { fixedWords } from './fixed-words.ts';
import { percentOf } from './rates.ts';

const kinds: Record<string, Words> = {
  plan: { 'zh-CN': '营销计划', 'en-US': 'Marketing plans' },
  campaign: { 'zh-CN': '市场活动', 'en-US': 'Campaigns' },
};
const kindName = { 'zh-CN': '费用来源', 'en-US': 'Spent on' };

/**
 * 费用分析: budget against actual of the marketing plans and campaigns of the caller's scope whose
 * dates overlap the period (each within its own module's scope and permission: a part the caller
 * may not view counts nothing), by source, type (a plan's sub-type, a campaign's channel — both
 * dictionary items), department, owner or start month; actual % of budget derived. A plan's budget
 * is its expense lines and its actual the expenses of its submitted feedback; a campaign's budget
 * is its 预算 and its actual its expense lines.
 */
export const expenses = defineReport({
  code: 'expenses',
  name: { 'zh-CN': '费用分析', 'en-US': 'Expenses' },
  requires: ['marketing-plans:view'],
  source: ({ p, from, to }) =>
    sql`${planExpenseSource(p, from, to)} UNION ALL ${campaignExpenseSource(p, from, to)}`,
  timed: true,
  defaultRange: 'thisYear',
  dimensions: [
    {
      key: 'kind',
      name: kindName,
      expr: sql`f.kind`,
      sqlType: 'text',
      label: fixedWords(kinds),
      order: 'key',
    },
    dictionaryDimension('type_id', 'type', { 'zh-CN': '费用类型', 'en-US': 'Type' }),
    departmentDimension,
    ownerDimension,
    monthDimension,
  ],
  defaultGroupBy: 'type',
  measures: [
    {
      key: 'budget',
      name: { 'zh-CN': '预算', 'en-US': 'Budget' },
      agg: sql`coalesce(sum(f.budget), 0)`,
      perRecord: sql`f.budget`,
      format: 'money',
    },
    {
      key: 'actual',
      name: { 'zh-CN': '实际费用', 'en-US': 'Actual' },
      agg: sql`coalesce(sum(f.actual), 0)`,
      perRecord: sql`f.actual`,
      format: 'money',
    },
  ],
  derived: [
    {
      key: 'actualRate',
      name: { 'zh-CN': '预算执行率', 'en-US': 'Actual % of budget' },
      format: 'percent',
      compute: (v) => percentOf(v.actual, v.budget),
    },
  ],
  filters: [choiceFilter('kind', 'kind', kindName, kinds), departmentFilter, ownerFilter()],
  chart: 'bar',
  chartMeasures: ['budget', 'actual'],
  defaultTop: 20,
  drill: {
    id: sql`f.id`,
    title: sql`(CASE f.kind WHEN 'plan' THEN '营销计划' ELSE '市场活动' END) || ' · ' || f.number || ' ' || f.title`,
    subtitle: sql`to_char(f.at, 'YYYY-MM-DD')`,
    orderBy: sql`f.at DESC, f.id DESC`,
    // a plan or a campaign: the id alone does not say which page opens it
    link: () => null,
  },
});
