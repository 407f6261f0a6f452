import type { DashboardCard } from '@guanxi/contract';
import { useTranslation } from 'react-i18next';
import { useReportCatalog } from '../reports/report-kit-api.ts';
import '../reports/texts.ts';
import './texts.ts';

/**
 * A card's name when it has no title of its own, in the reader's language: the report, then what
 * sets it apart from another card of the same report — its grouping and its period
 * (活动量 · 部门 · 本月).
 */
export function useCardName() {
  const { t } = useTranslation('reports');
  const { t: td } = useTranslation('dashboards');
  const catalog = useReportCatalog();
  return (card: DashboardCard) => {
    if (card.title) return card.title;
    const entry = catalog.data?.data.find((e) => e.code === card.reportCode);
    if (!entry) return card.reportCode;
    // a map is named for what it shows (签到地图 · 今天), not for the report beside it
    const parts = [card.chart === 'map' ? td('charts.map') : entry.name];
    const groupBy = card.params.groupBy;
    if (card.chart !== 'kpi' && card.chart !== 'map') {
      const dimension = entry.dimensions.find((d) => d.key === (groupBy ?? entry.defaultGroupBy));
      if (dimension) parts.push(dimension.name);
    }
    const range = card.params.range ?? (entry.timed ? entry.defaultRange : undefined);
    if (range && range !== 'custom') parts.push(t(`kit.ranges.${range}` as 'kit.ranges.all'));
    return parts.join(' · ');
  };
}
