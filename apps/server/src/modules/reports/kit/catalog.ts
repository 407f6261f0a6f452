import type { Locale, ReportCatalogEntry } from '@guanxi/contract';
import type { Principal } from '../../../platform/auth/principal.ts';
import { notFound } from '../../../platform/errors.ts';
import { activity } from '../definitions/activity.ts';
import { campaignRoi } from '../definitions/campaign-roi.ts';
import { cardActivation } from '../definitions/card-activation.ts';
import { cardConsumption } from '../definitions/card-consumption.ts';
import { cardExpiring } from '../definitions/card-expiring.ts';
import { cardLiability } from '../definitions/card-liability.ts';
import { cardSales } from '../definitions/card-sales.ts';
import { churn } from '../definitions/churn.ts';
import { customerComposition } from '../definitions/customer-composition.ts';
import { customerContribution } from '../definitions/customer-contribution.ts';
import { expenses } from '../definitions/expenses.ts';
import { forecast } from '../definitions/forecast.ts';
import { funnel } from '../definitions/funnel.ts';
import { marketingPlanAttainment } from '../definitions/marketing-plans.ts';
import { productSales } from '../definitions/product-sales.ts';
import { receivables } from '../definitions/receivables.ts';
import { salesPivot } from '../definitions/sales-pivot.ts';
import { salesRanking } from '../definitions/sales-ranking.ts';
import { service } from '../definitions/service.ts';
import { targetAttainment } from '../definitions/target-attainment.ts';
import { topCustomers } from '../definitions/top-customers.ts';
import type { ReportDefinition } from './definition.ts';
import { mayRun, visibleMeasures } from './query.ts';

/** Every report there is, one definition file each. */
export const reportDefinitions: readonly ReportDefinition[] = [
  customerComposition,
  salesRanking,
  activity,
  campaignRoi,
  marketingPlanAttainment,
  expenses,
  salesPivot,
  service,
  customerContribution,
  churn,
  productSales,
  receivables,
  topCustomers,
  funnel,
  forecast,
  targetAttainment,
  cardSales,
  cardActivation,
  cardConsumption,
  cardLiability,
  cardExpiring,
];

export function reportDefinition(code: string): ReportDefinition {
  const d = reportDefinitions.find((x) => x.code === code);
  if (!d) throw notFound();
  return d;
}

/** The reports the caller may run, with what each groups by, measures and filters on. */
export function catalogFor(p: Principal, locale: Locale): ReportCatalogEntry[] {
  return reportDefinitions
    .filter((d) => mayRun(p, d))
    .map((d) => ({
      code: d.code,
      name: d.name[locale],
      dimensions: d.dimensions.map((x) => ({
        key: x.key,
        name: x.name[locale],
        ...(x.next ? { next: x.next } : {}),
      })),
      measures: visibleMeasures(p, d).map((m) => ({ key: m.key, name: m.name[locale], format: m.format })),
      filters: d.filters.map((f) => ({
        key: f.key,
        name: f.name[locale],
        type: f.type,
        ...(f.dictionary ? { dictionary: f.dictionary } : {}),
        ...(f.choices
          ? { choices: Object.entries(f.choices).map(([key, name]) => ({ key, name: name[locale] })) }
          : {}),
        ...(f.default ? { default: f.default } : {}),
      })),
      timed: d.timed,
      defaultRange: d.defaultRange,
      defaultGroupBy: d.defaultGroupBy,
      pivot: d.pivot ?? false,
      chart: d.chart,
    }));
}
