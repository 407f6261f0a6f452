import { sql } from 'drizzle-orm';
import { planReportSource } from '../../marketing-plans/reporting-service.ts';
import { defineReport, type Measure, type Words } from '../kit/definition.ts';
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

const reviewStatuses: Record<string, Words> = {
  unreviewed: { 'zh-CN': '未审核', 'en-US': 'To review' },
  'in-approval': { 'zh-CN': '审批中', 'en-US': 'In approval' },
  approved: { 'zh-CN': '已通过', 'en-US': 'Approved' },
  rejected: { 'zh-CN': '已驳回', 'en-US': 'Rejected' },
  returned: { 'zh-CN': '已退回', 'en-US': 'Returned' },
};
const executions: Record<string, Words> = {
  upcoming: { 'zh-CN': '未开始', 'en-US': 'Upcoming' },
  running: { 'zh-CN': '执行中', 'en-US': 'Running' },
  ended: { 'zh-CN': '已到期', 'en-US': 'Ended' },
  completed: { 'zh-CN': '已完成', 'en-US': 'Completed' },
};
const types: Record<string, Words> = {
  visit: { 'zh-CN': '上门拜访', 'en-US': 'Door-to-door visits' },
  promotion: { 'zh-CN': '营销推广', 'en-US': 'Promotion' },
};

/** A column of the source summed. */
const sum = (
  key: string,
  name: Words,
  column: string,
  format: Measure['format'],
  more: Partial<Measure> = {},
) => ({
  key,
  name,
  agg: sql`coalesce(sum(f.${sql.identifier(column)}), 0)`,
  perRecord: sql`f.${sql.identifier(column)}`,
  format,
  ...more,
});

/** A fixed-set column as a dimension and a filter (400 on a value outside the set). */
const fixed = (column: string, key: string, name: Words, words: Record<string, Words>) => ({
  dimension: {
    key,
    name,
    expr: sql`f.${sql.identifier(column)}`,
    sqlType: 'text' as const,
    label: fixedWords(words),
  },
  filter: choiceFilter(column, key, name, words),
});
const status = fixed('review_status', 'status', { 'zh-CN': '审核状态', 'en-US': 'Review' }, reviewStatuses);
const execution = fixed('execution', 'execution', { 'zh-CN': '执行状态', 'en-US': 'Execution' }, executions);
const type = fixed('type', 'type', { 'zh-CN': '计划类型', 'en-US': 'Type' }, types);

/**
 * 营销计划达成: the plans of the caller's scope whose dates overlap the period, by executor,
 * department, review or execution status, type or start month — planned against done: plans and
 * their goals, those closed by submitted feedback, the 活动签到 made for them, budget against the
 * actual expenses reported; attainment as the module defines it (figures.ts: each plan's average
 * of actual ÷ target over its goals, kept with the feedback), averaged over the plans rated.
 */
export const marketingPlanAttainment = defineReport({
  code: 'marketing-plans',
  name: { 'zh-CN': '营销计划达成', 'en-US': 'Marketing plan attainment' },
  requires: ['marketing-plans:view'],
  source: ({ p, from, to }) => planReportSource(p, from, to),
  timed: true,
  defaultRange: 'thisYear',
  dimensions: [
    ownerDimension,
    departmentDimension,
    status.dimension,
    execution.dimension,
    type.dimension,
    dictionaryDimension('sub_type_id', 'subType', { 'zh-CN': '计划子类', 'en-US': 'Sub-type' }),
    { ...monthDimension, name: { 'zh-CN': '开始月份', 'en-US': 'Start month' } },
  ],
  defaultGroupBy: 'department',
  measures: [
    {
      key: 'plans',
      name: { 'zh-CN': '计划数', 'en-US': 'Plans' },
      agg: sql`count(*)`,
      perRecord: sql`1`,
      format: 'count',
    },
    sum('goals', { 'zh-CN': '目标数', 'en-US': 'Goals' }, 'goals', 'count', { share: false }),
    sum('completed', { 'zh-CN': '已完成', 'en-US': 'Completed' }, 'completed', 'count'),
    sum('checkIns', { 'zh-CN': '活动签到', 'en-US': 'Check-ins' }, 'check_ins', 'count'),
    sum('budget', { 'zh-CN': '预算', 'en-US': 'Budget' }, 'budget', 'money'),
    sum('actual', { 'zh-CN': '实际费用', 'en-US': 'Actual expenses' }, 'actual', 'money'),
    // kept for the average attainment only
    sum('rated', { 'zh-CN': '已评估计划', 'en-US': 'Plans rated' }, 'rated', 'count', { shown: false }),
    sum('attainmentSum', { 'zh-CN': '达成率合计', 'en-US': 'Attainment sum' }, 'attainment', 'number', {
      shown: false,
      share: false,
    }),
  ],
  derived: [
    {
      key: 'attainment',
      name: { 'zh-CN': '达成率', 'en-US': 'Attainment' },
      format: 'percent',
      compute: (v) => (Number(v.rated) > 0 ? Number(v.attainmentSum) / Number(v.rated) : null),
    },
    {
      key: 'completionRate',
      name: { 'zh-CN': '完成率', 'en-US': 'Completion rate' },
      format: 'percent',
      compute: (v) => percentOf(v.completed, v.plans),
    },
    {
      key: 'spentRate',
      name: { 'zh-CN': '费用执行率', 'en-US': 'Budget used' },
      format: 'percent',
      compute: (v) => percentOf(v.actual, v.budget),
    },
  ],
  filters: [
    ownerFilter({ 'zh-CN': '执行人', 'en-US': 'Executor' }),
    departmentFilter,
    status.filter,
    execution.filter,
    type.filter,
  ],
  chart: 'bar',
  chartMeasures: ['plans', 'completed'],
  defaultTop: 20,
  drill: {
    id: sql`f.id`,
    title: sql`f.number || ' ' || f.title`,
    subtitle: sql`to_char(f.at, 'YYYY-MM-DD')`,
    orderBy: sql`f.at DESC, f.id DESC`,
    link: (id) => `/marketing-plans?id=${id}`,
  },
});
