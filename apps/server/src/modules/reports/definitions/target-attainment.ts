import { sql } from 'drizzle-orm';
import { targetReportSource } from '../../targets/reporting-service.ts';
import { defineReport, type Words } from '../kit/definition.ts';
import {
  choiceFilter,
  departmentDimension,
  departmentFilter,
  monthDimension,
  uuidFilter,
} from '../kit/dimensions.ts';
import { fixedWords } from './fixed-words.ts';
import { percentOf } from './rates.ts';

/** Fixed words of a text key: names in the reader's language, and a filter accepting only those keys. */
const fixed = (words: Record<string, Words>) => {
  const label = fixedWords(words);
  const filter = (column: string, key: string, name: Words) => choiceFilter(column, key, name, words);
  return { label, filter };
};

const subjects = fixed({
  department: { 'zh-CN': '部门任务', 'en-US': 'Department targets' },
  person: { 'zh-CN': '个人任务', 'en-US': 'Personal targets' },
});
const periods = fixed({
  month: { 'zh-CN': '月度', 'en-US': 'Monthly' },
  quarter: { 'zh-CN': '季度', 'en-US': 'Quarterly' },
  year: { 'zh-CN': '年度', 'en-US': 'Yearly' },
});

/**
 * 目标达成: the amount targets of the caller's targets scope starting in the period against their
 * actual (the targets page's figure) — by department, person, month, kind of subject or length of
 * period; attainment % derived. A department's actual is its whole subtree's, so filter 对象 to
 * people or to departments before adding targets up (or group by 对象).
 */
export const targetAttainment = defineReport({
  code: 'target-attainment',
  name: { 'zh-CN': '目标达成', 'en-US': 'Target attainment' },
  requires: ['targets:view'],
  source: ({ p, from, to }) => targetReportSource(p, from, to),
  timed: true,
  defaultRange: 'thisYear',
  dimensions: [
    {
      key: 'person',
      name: { 'zh-CN': '人员', 'en-US': 'Person' },
      expr: sql`f.user_id`,
      sqlType: 'uuid',
      label: 'user',
    },
    departmentDimension,
    monthDimension,
    {
      key: 'subject',
      name: { 'zh-CN': '对象', 'en-US': 'Subject' },
      expr: sql`f.subject`,
      sqlType: 'text',
      label: subjects.label,
      order: 'key',
    },
    {
      key: 'targetPeriod',
      name: { 'zh-CN': '任务周期', 'en-US': 'Target period' },
      expr: sql`f.target_period`,
      sqlType: 'text',
      label: periods.label,
    },
  ],
  defaultGroupBy: 'subject',
  measures: [
    {
      key: 'target',
      name: { 'zh-CN': '目标金额', 'en-US': 'Target' },
      agg: sql`coalesce(sum(f.target), 0)::numeric(18, 2)`,
      perRecord: sql`f.target`,
      format: 'money',
    },
    {
      key: 'actual',
      name: { 'zh-CN': '实际完成', 'en-US': 'Actual' },
      agg: sql`coalesce(sum(f.actual), 0)::numeric(18, 2)`,
      perRecord: sql`f.actual`,
      format: 'money',
    },
  ],
  derived: [
    {
      key: 'attainment',
      name: { 'zh-CN': '达成率 %', 'en-US': 'Attainment %' },
      format: 'percent',
      compute: (v) => percentOf(v.actual, v.target),
    },
  ],
  filters: [
    subjects.filter('subject', 'subject', { 'zh-CN': '对象', 'en-US': 'Subject' }),
    periods.filter('target_period', 'targetPeriod', { 'zh-CN': '任务周期', 'en-US': 'Target period' }),
    departmentFilter,
    uuidFilter('user_id', 'userId', { 'zh-CN': '人员', 'en-US': 'Person' }, 'user'),
  ],
  chart: 'bar',
  chartMeasures: ['target', 'actual'],
  defaultTop: 20,
  drill: {
    id: sql`f.id`,
    title: sql`f.subject_name`,
    subtitle: sql`to_char(f.start, 'YYYY-MM') || CASE f.target_period WHEN 'month' THEN ' 月度' WHEN 'quarter' THEN ' 季度' ELSE ' 年度' END`,
    orderBy: sql`f.start DESC, f.id DESC`,
    link: () => '/targets',
  },
});
