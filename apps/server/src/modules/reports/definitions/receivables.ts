import { sql } from 'drizzle-orm';
import { customerAndContactNames } from '../../customers/follow-up-service.ts';
import { receivableReportSource } from '../../receivables/reporting-service.ts';
import { defineReport, type LabelLookup, type Words } from '../kit/definition.ts';
import {
  departmentDimension,
  departmentFilter,
  monthDimension,
  ownerDimension,
  ownerFilter,
  uuidFilter,
} from '../kit/dimensions.ts';
import { fixedWords } from './fixed-words.ts';
import { percentOf } from './rates.ts';
import { receivableRollup } from './receivable-rollup.ts';

/** The ageing buckets' names; the keys ('0'…'4') sort in the order they are read. */
const ageing: Record<string, Words> = {
  '0': { 'zh-CN': '未逾期', 'en-US': 'Not overdue' },
  '1': { 'zh-CN': '逾期 0–30 天', 'en-US': '0–30 days overdue' },
  '2': { 'zh-CN': '逾期 31–60 天', 'en-US': '31–60 days overdue' },
  '3': { 'zh-CN': '逾期 61–90 天', 'en-US': '61–90 days overdue' },
  '4': { 'zh-CN': '逾期 90 天以上', 'en-US': 'Over 90 days overdue' },
};
const ageingNames = fixedWords(ageing);

/** Customers' names for the groups shown (names are not translated). */
export const customerNames: LabelLookup = async (db, tenantId, keys) =>
  (await customerAndContactNames(db, tenantId, keys, [])).customers;

/**
 * 回款分析: payment plans (planned, by due date) against counted payments (received, by paid
 * date) of the caller's receivables scope — by month, ageing of the overdue remainder, customer,
 * owner or department. A payment has no ageing (its row reads 未设置 there).
 */
export const receivables = defineReport({
  code: 'receivables',
  name: { 'zh-CN': '回款分析', 'en-US': 'Receivables' },
  requires: ['receivables:view'],
  source: ({ p, from, to }) => receivableReportSource(p, from, to),
  timed: true,
  defaultRange: 'thisYear',
  // whole months by month, owner or department: from the receivables' monthly rollup (freshness: its refresh)
  rollup: receivableRollup,
  dimensions: [
    monthDimension,
    {
      key: 'ageing',
      name: { 'zh-CN': '逾期账龄', 'en-US': 'Overdue ageing' },
      expr: sql`f.ageing`,
      sqlType: 'text',
      label: ageingNames,
      order: 'key',
    },
    {
      key: 'customer',
      name: { 'zh-CN': '客户', 'en-US': 'Customer' },
      expr: sql`f.customer_id`,
      sqlType: 'uuid',
      label: customerNames,
    },
    ownerDimension,
    departmentDimension,
  ],
  defaultGroupBy: 'month',
  measures: [
    {
      key: 'planned',
      name: { 'zh-CN': '计划回款', 'en-US': 'Planned' },
      agg: sql`coalesce(sum(f.planned), 0)`,
      perRecord: sql`f.planned`,
      format: 'money',
    },
    {
      key: 'received',
      name: { 'zh-CN': '实际回款', 'en-US': 'Received' },
      agg: sql`coalesce(sum(f.received), 0)`,
      perRecord: sql`f.received`,
      format: 'money',
    },
    {
      key: 'overdue',
      name: { 'zh-CN': '逾期未回', 'en-US': 'Overdue' },
      agg: sql`coalesce(sum(f.overdue), 0)`,
      perRecord: sql`f.overdue`,
      format: 'money',
    },
  ],
  derived: [
    {
      key: 'receivedRate',
      name: { 'zh-CN': '回款率 %', 'en-US': 'Received %' },
      format: 'percent',
      compute: (v) => percentOf(v.received, v.planned),
    },
  ],
  filters: [
    {
      // the page searches customers; the XLSX names the one chosen
      ...uuidFilter('customer_id', 'customerId', { 'zh-CN': '客户', 'en-US': 'Customer' }, 'customer'),
      label: customerNames,
    },
    ownerFilter(),
    departmentFilter,
  ],
  chart: 'bar',
  chartMeasures: ['planned', 'received'],
  defaultTop: 20,
  drill: {
    id: sql`f.id`,
    title: sql`CASE f.kind WHEN 'plan' THEN '回款计划 ' ELSE '回款 ' END || to_char(f.at, 'YYYY-MM-DD')`,
    subtitle: sql`f.month`,
    orderBy: sql`f.at DESC, f.id DESC`,
    link: (id) =>
      id.startsWith('payment:') ? `/receivables?payment=${id.slice(8)}` : '/receivables?tab=plans',
  },
});
