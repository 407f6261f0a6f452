import { sql } from 'drizzle-orm';
import { batchNames } from '../../cards/reporting-service.ts';
import type { Dimension, Measure, ReportDefinition, ReportFilter, Words } from '../kit/definition.ts';
import { fixedWords } from './fixed-words.ts';

/** What the card reports (发卡销售, 激活, 消费, 余额负债, 即将过期) share over the cards' sources. */

const batchName: Words = { 'zh-CN': '批次', 'en-US': 'Batch' };
const channelName: Words = { 'zh-CN': '渠道', 'en-US': 'Channel' };

export const batchDimension: Dimension = {
  key: 'batch',
  name: batchName,
  expr: sql`f.batch_id`,
  sqlType: 'uuid',
  label: batchNames,
};

/** The batch's sales channel as typed when it was made (free text; none: 未设置). */
export const channelDimension: Dimension = {
  key: 'channel',
  name: channelName,
  expr: sql`f.channel`,
  sqlType: 'text',
  label: 'key',
};

const statuses: Record<string, Words> = {
  issued: { 'zh-CN': '未激活', 'en-US': 'Not activated' },
  active: { 'zh-CN': '已激活', 'en-US': 'Active' },
  frozen: { 'zh-CN': '已冻结', 'en-US': 'Frozen' },
  scrapped: { 'zh-CN': '已作废', 'en-US': 'Scrapped' },
  expired: { 'zh-CN': '已过期', 'en-US': 'Expired' },
};

export const statusDimension: Dimension = {
  key: 'status',
  name: { 'zh-CN': '状态', 'en-US': 'Status' },
  expr: sql`f.status`,
  sqlType: 'text',
  label: fixedWords(statuses),
  order: 'key',
};

export const channelFilter: ReportFilter = {
  key: 'channel',
  name: channelName,
  type: 'text',
  where: (value) => sql`f.channel = ${value}`,
};

export const cardCount: Measure = {
  key: 'cards',
  name: { 'zh-CN': '卡数', 'en-US': 'Cards' },
  agg: sql`count(*)`,
  perRecord: sql`1`,
  format: 'count',
};

/** A card of a drill-down: its number opens its page (the number is what the card page is addressed by). */
export const cardDrill = (subtitle: ReportDefinition['drill']['subtitle'], orderBy = sql`f.number`) => ({
  id: sql`f.number`,
  title: sql`f.number`,
  subtitle,
  orderBy,
  link: (number: string) => `/cards/${encodeURIComponent(number)}`,
});
