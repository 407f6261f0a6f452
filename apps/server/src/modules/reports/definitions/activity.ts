import { type SQL, sql } from 'drizzle-orm';
import { checkInActivitySource } from '../../check-ins/reporting-service.ts';
import { newCustomerActivitySource } from '../../customers/activity-reporting-service.ts';
import { followUpActivitySource } from '../../follow-ups/reporting-service.ts';
import { defineReport, type Measure, type Words } from '../kit/definition.ts';
import {
  choiceFilter,
  departmentDimension,
  departmentFilter,
  monthDimension,
  uuidFilter,
} from '../kit/dimensions.ts';
import { activityRollup } from './activity-rollup.ts';

/** The columns every part gives, in one order (only check-ins know visits). */
const part = (source: SQL, visit: SQL) =>
  sql`SELECT kind, id, title, user_id, department_id, at, month, ${visit} AS visit FROM (${source}) part`;

/** A count of the rows matching `when`: one column per kind of activity. */
const countOf = (key: string, name: Words, when: SQL): Measure => ({
  key,
  name,
  agg: sql`count(*) FILTER (WHERE ${when})`,
  perRecord: sql`(${when})::int`,
  format: 'count',
});

const kinds: Record<string, Words> = {
  'follow-up': { 'zh-CN': '跟进', 'en-US': 'Follow-ups' },
  'check-in': { 'zh-CN': '签到', 'en-US': 'Check-ins' },
  customer: { 'zh-CN': '新增客户', 'en-US': 'New customers' },
};

/**
 * 活动量: what each person did in the period — follow-ups written (by author), check-ins made and,
 * of them, visits (拜访签到, the check-ins module's visit; the follow-up type 上门拜访 is a renamable
 * dictionary item, so it is not used), new customers entered (by creator). Each part is within its
 * own module's scope and permission (a part the caller may not view counts nothing); people and
 * departments as each module credits them (follow-ups and customers: the person's department now;
 * check-ins: their department then).
 */
export const activity = defineReport({
  code: 'activity',
  name: { 'zh-CN': '活动量', 'en-US': 'Activity' },
  requires: ['follow-ups:view'],
  source: ({ p, from, to }) =>
    sql`${part(followUpActivitySource(p, from, to), sql`FALSE`)}
      UNION ALL ${part(checkInActivitySource(p, from, to), sql`visit`)}
      UNION ALL ${part(newCustomerActivitySource(p, from, to), sql`FALSE`)}`,
  timed: true,
  defaultRange: 'thisMonth',
  dimensions: [
    {
      key: 'user',
      name: { 'zh-CN': '人员', 'en-US': 'Person' },
      expr: sql`f.user_id`,
      sqlType: 'uuid',
      label: 'user',
    },
    departmentDimension,
    monthDimension,
  ],
  defaultGroupBy: 'user',
  measures: [
    countOf('followUps', { 'zh-CN': '跟进', 'en-US': 'Follow-ups' }, sql`f.kind = 'follow-up'`),
    countOf('visits', { 'zh-CN': '拜访', 'en-US': 'Visits' }, sql`f.visit`),
    countOf('checkIns', { 'zh-CN': '签到', 'en-US': 'Check-ins' }, sql`f.kind = 'check-in'`),
    countOf('customers', { 'zh-CN': '新增客户', 'en-US': 'New customers' }, sql`f.kind = 'customer'`),
  ],
  filters: [
    uuidFilter('user_id', 'userId', { 'zh-CN': '人员', 'en-US': 'Person' }, 'user'),
    departmentFilter,
    choiceFilter('kind', 'kind', { 'zh-CN': '类型', 'en-US': 'Kind' }, kinds),
  ],
  chart: 'bar',
  chartMeasures: ['followUps', 'visits', 'checkIns', 'customers'],
  defaultTop: 20,
  // whole months: follow-ups and (department scopes) new customers from their monthly rollups (freshness: the older refresh)
  rollup: activityRollup,
  drill: {
    id: sql`f.id`,
    // what the record is, then its words: 跟进 · …, 签到 · visit-in …, 新增客户 · name
    title: sql`(CASE f.kind WHEN 'follow-up' THEN '跟进' WHEN 'check-in' THEN '签到' ELSE '新增客户' END) || ' · ' || coalesce(f.title, '')`,
    subtitle: sql`to_char(f.at, 'YYYY-MM-DD HH24:MI')`,
    orderBy: sql`f.at DESC, f.id DESC`,
    // a record of any of three kinds: the id alone does not say which page opens it
    link: () => null,
  },
});
