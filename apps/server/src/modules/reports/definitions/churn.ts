import { sql } from 'drizzle-orm';
import { churnReportSource } from '../../churn/reporting-service.ts';
import { defineReport } from '../kit/definition.ts';
import {
  departmentDimension,
  departmentFilter,
  dictionaryDimension,
  dictionaryFilter,
  monthDimension,
  ownerFilter,
} from '../kit/dimensions.ts';
import { fixedWords } from './fixed-words.ts';
import { percentOf } from './rates.ts';

const ofStatus = (status: string) => sql`count(*) FILTER (WHERE f.state = ${status})`;
const perStatus = (status: string) => sql`CASE WHEN f.state = ${status} THEN 1 ELSE 0 END`;

/**
 * 流失分析: the churn warnings raised in the period within the caller's churn scope, by reason,
 * manager (the customer's owner when raised), month, status or risk band — how many, how many were
 * confirmed lost and how many recovered, and the recovery rate: recovered of those decided
 * (confirmed + recovered), since a record still open has not been won or lost yet.
 */
export const churn = defineReport({
  code: 'churn',
  name: { 'zh-CN': '流失分析', 'en-US': 'Churn analysis' },
  requires: ['churn:view'],
  source: ({ p, from, to }) => churnReportSource(p, from, to),
  timed: true,
  defaultRange: 'thisYear',
  dimensions: [
    dictionaryDimension('reason_id', 'reason', { 'zh-CN': '流失原因', 'en-US': 'Reason' }),
    {
      key: 'manager',
      name: { 'zh-CN': '客户经理', 'en-US': 'Manager' },
      expr: sql`f.owner_id`,
      sqlType: 'uuid',
      label: 'user',
    },
    departmentDimension,
    monthDimension,
    {
      key: 'status',
      name: { 'zh-CN': '状态', 'en-US': 'Status' },
      expr: sql`f.status`,
      sqlType: 'text',
      label: fixedWords({
        '1-warning': { 'zh-CN': '预警中', 'en-US': 'Warning' },
        '2-delayed': { 'zh-CN': '暂缓', 'en-US': 'Delayed' },
        '3-confirmed': { 'zh-CN': '已流失', 'en-US': 'Lost' },
        '4-recovered': { 'zh-CN': '已挽回', 'en-US': 'Recovered' },
      }),
      order: 'key',
    },
    {
      key: 'risk',
      name: { 'zh-CN': '流失风险', 'en-US': 'Risk' },
      expr: sql`f.risk_band`,
      sqlType: 'text',
      label: 'key',
      order: 'key',
    },
  ],
  defaultGroupBy: 'reason',
  measures: [
    {
      key: 'records',
      name: { 'zh-CN': '预警数', 'en-US': 'Warnings' },
      agg: sql`count(*)`,
      perRecord: sql`1`,
      format: 'count',
    },
    {
      key: 'confirmed',
      name: { 'zh-CN': '已流失', 'en-US': 'Lost' },
      agg: ofStatus('confirmed'),
      perRecord: perStatus('confirmed'),
      format: 'count',
      // what share of all losses (or saves) a group holds says less than its rate
      share: false,
    },
    {
      key: 'recovered',
      name: { 'zh-CN': '已挽回', 'en-US': 'Recovered' },
      agg: ofStatus('recovered'),
      perRecord: perStatus('recovered'),
      format: 'count',
      share: false,
    },
  ],
  derived: [
    {
      key: 'recoveryRate',
      name: { 'zh-CN': '挽回率 %', 'en-US': 'Recovery rate %' },
      format: 'percent',
      compute: (v) => percentOf(v.recovered, Number(v.confirmed) + Number(v.recovered)),
    },
  ],
  filters: [
    dictionaryFilter('reason_id', 'reasonId', { 'zh-CN': '流失原因', 'en-US': 'Reason' }, 'churn-reason'),
    ownerFilter({ 'zh-CN': '客户经理', 'en-US': 'Manager' }),
    departmentFilter,
  ],
  chart: 'bar',
  // the open warnings too: by status or risk most records are undecided
  chartMeasures: ['records', 'confirmed', 'recovered'],
  defaultTop: 20,
  drill: {
    id: sql`f.id`,
    title: sql`f.customer_name`,
    subtitle: sql`to_char(f.at, 'YYYY-MM-DD') || ' · ' || f.risk`,
    orderBy: sql`f.at DESC, f.id DESC`,
    // the churn page lists by status, it opens no single record
    link: () => null,
  },
});
