import { sql } from 'drizzle-orm';
import { ticketReportSource } from '../../tickets/reporting-service.ts';
import { defineReport } from '../kit/definition.ts';
import {
  departmentDimension,
  departmentFilter,
  dictionaryDimension,
  dictionaryFilter,
  monthDimension,
  uuidFilter,
} from '../kit/dimensions.ts';
import { fixedWords } from './fixed-words.ts';

/** A count of the tickets a flag of the source marks. */
const flagged = (column: string) => sql`count(*) FILTER (WHERE f.${sql.identifier(column)})`;
const perFlag = (column: string) => sql`CASE WHEN f.${sql.identifier(column)} THEN 1 ELSE 0 END`;

/** An average over the tickets that have the figure: null when none does. */
const average = (sum: string | number, n: string | number, scale = 1) =>
  Number(n) ? Number(sum) / Number(n) / scale : null;

/**
 * 服务分析: the tickets created in the period within the caller's tickets scope, by type, month,
 * priority, handler, department or satisfaction — how many, how many met or breached their
 * response and resolution SLA (the flags the SLA sweep keeps), and the average first response and
 * resolution times in wall-clock hours and the average satisfaction (derived from hidden sums).
 */
export const service = defineReport({
  code: 'service',
  name: { 'zh-CN': '服务分析', 'en-US': 'Service analysis' },
  requires: ['tickets:view'],
  source: ({ p, from, to }) => ticketReportSource(p, from, to),
  timed: true,
  defaultRange: 'thisYear',
  dimensions: [
    dictionaryDimension('type_id', 'type', { 'zh-CN': '服务类型', 'en-US': 'Type' }),
    monthDimension,
    {
      key: 'priority',
      name: { 'zh-CN': '优先级', 'en-US': 'Priority' },
      expr: sql`f.priority`,
      sqlType: 'text',
      label: fixedWords({
        '1-low': { 'zh-CN': '低', 'en-US': 'Low' },
        '2-normal': { 'zh-CN': '普通', 'en-US': 'Normal' },
        '3-high': { 'zh-CN': '高', 'en-US': 'High' },
        '4-urgent': { 'zh-CN': '紧急', 'en-US': 'Urgent' },
      }),
      order: 'key',
    },
    {
      key: 'handler',
      name: { 'zh-CN': '处理人', 'en-US': 'Handler' },
      expr: sql`f.handler_id`,
      sqlType: 'uuid',
      label: 'user',
    },
    departmentDimension,
    {
      key: 'satisfaction',
      name: { 'zh-CN': '满意度', 'en-US': 'Satisfaction' },
      expr: sql`f.satisfaction`,
      sqlType: 'int',
      // not rated: the kit's 未设置
      label: fixedWords(
        Object.fromEntries(
          [1, 2, 3, 4, 5].map((n) => [String(n), { 'zh-CN': `${n} 分`, 'en-US': `${n} / 5` }]),
        ),
      ),
      order: 'key',
    },
  ],
  defaultGroupBy: 'type',
  measures: [
    {
      key: 'tickets',
      name: { 'zh-CN': '工单数', 'en-US': 'Tickets' },
      agg: sql`count(*)`,
      perRecord: sql`1`,
      format: 'count',
    },
    ...(
      [
        ['responseMet', 'response_met', '响应达标', 'Response met'],
        ['responseBreached', 'response_breached', '响应超时', 'Response breached'],
        ['resolutionMet', 'resolution_met', '解决达标', 'Resolution met'],
        ['resolutionBreached', 'resolution_breached', '解决超时', 'Resolution breached'],
      ] as const
    ).map(([key, column, zh, en]) => ({
      key,
      name: { 'zh-CN': zh, 'en-US': en },
      agg: flagged(column),
      perRecord: perFlag(column),
      format: 'count' as const,
      share: false as const,
    })),
    // kept for the averages only
    ...(
      [
        ['responded', flagged('responded'), perFlag('responded'), '已响应', 'Responded'],
        [
          'responseMinutes',
          sql`coalesce(sum(f.response_minutes), 0)`,
          sql`coalesce(f.response_minutes, 0)`,
          '响应分钟',
          'Response minutes',
        ],
        ['resolved', flagged('resolved'), perFlag('resolved'), '已解决', 'Resolved'],
        [
          'resolutionMinutes',
          sql`coalesce(sum(f.resolution_minutes), 0)`,
          sql`coalesce(f.resolution_minutes, 0)`,
          '解决分钟',
          'Resolution minutes',
        ],
        [
          'rated',
          sql`count(f.satisfaction)`,
          sql`CASE WHEN f.satisfaction IS NULL THEN 0 ELSE 1 END`,
          '已评价',
          'Rated',
        ],
        [
          'satisfactionSum',
          sql`coalesce(sum(f.satisfaction), 0)`,
          sql`coalesce(f.satisfaction, 0)`,
          '满意度合计',
          'Satisfaction sum',
        ],
      ] as const
    ).map(([key, agg, perRecord, zh, en]) => ({
      key,
      name: { 'zh-CN': zh, 'en-US': en },
      agg,
      perRecord,
      format: 'number' as const,
      share: false as const,
      shown: false as const,
    })),
  ],
  derived: [
    {
      key: 'responseHours',
      name: { 'zh-CN': '平均首次响应（小时）', 'en-US': 'Avg first response (h)' },
      format: 'number',
      compute: (v) => average(v.responseMinutes, v.responded, 60),
    },
    {
      key: 'resolutionHours',
      name: { 'zh-CN': '平均解决时长（小时）', 'en-US': 'Avg resolution (h)' },
      format: 'number',
      compute: (v) => average(v.resolutionMinutes, v.resolved, 60),
    },
    {
      key: 'satisfactionAvg',
      name: { 'zh-CN': '平均满意度', 'en-US': 'Avg satisfaction' },
      format: 'number',
      compute: (v) => average(v.satisfactionSum, v.rated),
    },
  ],
  filters: [
    dictionaryFilter('type_id', 'typeId', { 'zh-CN': '服务类型', 'en-US': 'Type' }, 'service-type'),
    uuidFilter('handler_id', 'handlerId', { 'zh-CN': '处理人', 'en-US': 'Handler' }, 'user'),
    departmentFilter,
  ],
  chart: 'bar',
  chartMeasures: ['tickets', 'responseBreached', 'resolutionBreached'],
  defaultTop: 20,
  drill: {
    id: sql`f.id`,
    title: sql`f.number`,
    subtitle: sql`f.title`,
    orderBy: sql`f.at DESC, f.id DESC`,
    link: (id) => `/tickets?id=${id}`,
  },
});
