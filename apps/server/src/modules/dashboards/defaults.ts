import type { DashboardCard, DefaultRoleCode } from '@guanxi/contract';

// The built-in home dashboard of each seeded role (issue 16: a sales rep's targets, pipeline,
// today's work and overdue payments; a manager's team; service's queue and SLA; marketing's
// spend; admin's usage). A tenant replaces any of them per role; a user rearranges their own.

type Card = Omit<DashboardCard, 'title' | 'hidden' | 'wide' | 'measure'> &
  Partial<Pick<DashboardCard, 'title' | 'hidden' | 'wide' | 'measure'>>;

const card = (c: Card): DashboardCard => ({ title: null, hidden: false, wide: false, measure: null, ...c });

const salesThisMonth = card({
  id: 'sales-this-month',
  reportCode: 'sales-ranking',
  params: { range: 'thisMonth', compare: 'previous' },
  chart: 'kpi',
  measure: 'amount',
});
const receivedThisMonth = card({
  id: 'received-this-month',
  reportCode: 'receivables',
  params: { range: 'thisMonth', compare: 'previous' },
  chart: 'kpi',
  measure: 'received',
});
const activityToday = card({
  id: 'activity-today',
  reportCode: 'activity',
  params: { range: 'today' },
  chart: 'kpi',
});
const funnel = card({ id: 'pipeline', reportCode: 'funnel', params: {}, chart: 'funnel' });
const forecast = card({
  id: 'forecast',
  reportCode: 'forecast',
  params: { range: 'thisYear', groupBy: 'month' },
  chart: 'line',
});
const overdue = card({
  id: 'overdue-ageing',
  reportCode: 'receivables',
  params: { range: 'all', groupBy: 'ageing' },
  chart: 'bar',
  measure: 'overdue',
});
const ranking = card({
  id: 'sales-ranking',
  reportCode: 'sales-ranking',
  params: { range: 'thisMonth', top: '10' },
  chart: 'bar',
});
const churn = card({
  id: 'churn-warnings',
  reportCode: 'churn',
  params: { range: 'thisMonth', groupBy: 'risk' },
  chart: 'pie',
});
const slaByMonth = card({
  id: 'sla-breaches',
  reportCode: 'service',
  params: { range: 'thisYear', groupBy: 'month' },
  chart: 'line',
  measure: 'resolutionBreached',
});
const satisfaction = card({
  id: 'satisfaction',
  reportCode: 'service',
  params: { range: 'thisYear', groupBy: 'satisfaction' },
  chart: 'pie',
});

export const builtInDashboards: Record<DefaultRoleCode, DashboardCard[]> = {
  account_manager: [
    salesThisMonth,
    receivedThisMonth,
    activityToday,
    card({
      id: 'my-targets',
      reportCode: 'target-attainment',
      params: { range: 'thisYear', groupBy: 'month' },
      chart: 'bar',
      wide: true,
    }),
    funnel,
    overdue,
    forecast,
  ],
  sales_supervisor: [
    salesThisMonth,
    receivedThisMonth,
    activityToday,
    card({
      id: 'team-targets',
      reportCode: 'target-attainment',
      params: { range: 'thisMonth', groupBy: 'person' },
      chart: 'bar',
    }),
    funnel,
    card({
      id: 'check-in-map',
      reportCode: 'activity',
      params: { range: 'today' },
      chart: 'map',
      measure: 'checkIns',
      wide: true,
    }),
    ranking,
    card({
      id: 'check-ins',
      reportCode: 'activity',
      params: { range: 'thisMonth', groupBy: 'department' },
      chart: 'bar',
      measure: 'checkIns',
    }),
    churn,
    slaByMonth,
  ],
  service: [
    card({
      id: 'tickets-today',
      reportCode: 'service',
      params: { range: 'today' },
      chart: 'kpi',
      measure: 'tickets',
    }),
    card({
      id: 'tickets-month',
      reportCode: 'service',
      params: { range: 'thisMonth', compare: 'previous' },
      chart: 'kpi',
      measure: 'tickets',
    }),
    card({
      id: 'queue-by-handler',
      reportCode: 'service',
      params: { range: 'thisWeek', groupBy: 'handler' },
      chart: 'table',
    }),
    slaByMonth,
    satisfaction,
    card({
      id: 'tickets-by-type',
      reportCode: 'service',
      params: { range: 'thisMonth', groupBy: 'type' },
      chart: 'bar',
    }),
  ],
  marketing: [
    card({
      id: 'campaign-cost',
      reportCode: 'campaign-roi',
      params: { range: 'thisYear', compare: 'lastYear' },
      chart: 'kpi',
      measure: 'cost',
    }),
    card({ id: 'campaign-roi', reportCode: 'campaign-roi', params: { range: 'thisYear' }, chart: 'bar' }),
    card({
      id: 'plans',
      reportCode: 'marketing-plans',
      params: { range: 'thisYear', groupBy: 'month' },
      chart: 'line',
    }),
    card({
      id: 'expenses',
      reportCode: 'expenses',
      params: { range: 'thisYear', groupBy: 'type' },
      chart: 'bar',
    }),
    card({
      id: 'customer-sources',
      reportCode: 'customer-composition',
      params: { groupBy: 'source' },
      chart: 'pie',
    }),
  ],
  executive: [
    salesThisMonth,
    receivedThisMonth,
    card({
      id: 'new-customers',
      reportCode: 'activity',
      params: { range: 'thisMonth', compare: 'previous' },
      chart: 'kpi',
      measure: 'customers',
    }),
    card({
      id: 'sales-by-month',
      reportCode: 'sales-ranking',
      params: { range: 'thisYear', groupBy: 'month', compare: 'lastYear' },
      chart: 'line',
      wide: true,
    }),
    card({
      id: 'department-targets',
      reportCode: 'target-attainment',
      params: { range: 'thisYear', groupBy: 'department' },
      chart: 'bar',
    }),
    funnel,
    overdue,
    churn,
    satisfaction,
  ],
  admin: [
    activityToday,
    card({
      id: 'usage-by-department',
      reportCode: 'activity',
      params: { range: 'thisMonth', groupBy: 'department' },
      chart: 'bar',
      wide: true,
    }),
    card({
      id: 'customers-by-department',
      reportCode: 'customer-composition',
      params: { groupBy: 'department' },
      chart: 'pie',
    }),
    card({
      id: 'customers-by-level',
      reportCode: 'customer-composition',
      params: { groupBy: 'level' },
      chart: 'pie',
    }),
  ],
};

/** Which seeded role's dashboard a user of several roles gets: the widest view first. */
export const roleRank: DefaultRoleCode[] = [
  'executive',
  'sales_supervisor',
  'service',
  'marketing',
  'account_manager',
  'admin',
];

/** A custom role without a default of its tenant: its first runnable reports, as their pages draw them. */
export const genericCards = (codes: readonly { code: string; chart: DashboardCard['chart'] }[]) =>
  codes
    .slice(0, 4)
    .map((r) =>
      card({ id: r.code, reportCode: r.code as DashboardCard['reportCode'], params: {}, chart: r.chart }),
    );
