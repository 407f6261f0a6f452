import { z } from 'zod';
import { id } from './common.ts';
import { reportCode } from './report-kit.ts';

/**
 * 经理看台: a home dashboard is a list of cards, each a report of the report framework run with
 * its parameters and drawn as a KPI figure, a chart or a small table. A user may rearrange and
 * hide the cards of their own; the tenant sets the default per role.
 */

/**
 * How a card draws its report: `kpi` the totals (with the previous period beside them), else a chart
 * or table; `map` today's check-ins of the caller's scope on a map beside the totals (签到地图, a
 * card of 活动量 over today only: `DASHBOARD_MAP_REPORT`).
 */
export const dashboardCharts = ['kpi', 'bar', 'line', 'pie', 'funnel', 'table', 'map'] as const;
export const dashboardChart = z.enum(dashboardCharts);
export type DashboardChart = z.infer<typeof dashboardChart>;

/** The report a map card draws its totals from (its map: the same day's check-ins), over `range=today`. */
export const DASHBOARD_MAP_REPORT = 'activity';

/** Cards on one dashboard, hidden ones included. */
export const DASHBOARD_CARDS_MAX = 24;

export const dashboardCard = z.object({
  /** Stable within the dashboard (rearranging keeps it). */
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'lower-case letters, digits and -'),
  reportCode,
  /** The report's query as its page's address carries it (range, groupBy, top, filters …). */
  params: z
    .record(z.string().max(40), z.string().max(200))
    .refine((p) => Object.keys(p).length <= 16, 'at most 16 parameters'),
  chart: dashboardChart,
  /** The measure drawn (a KPI's figure, a chart's series); null: the report's own choice. */
  measure: z.string().max(40).nullable().default(null),
  /** Shown instead of the report's name. */
  title: z.string().trim().max(40).nullable().default(null),
  hidden: z.boolean().default(false),
  /** Spans the whole width on a desktop (a phone shows one column anyway). */
  wide: z.boolean().default(false),
});
export type DashboardCard = z.infer<typeof dashboardCard>;

const cardList = z
  .array(dashboardCard)
  .max(DASHBOARD_CARDS_MAX)
  .superRefine((cards, ctx) => {
    const seen = new Set<string>();
    cards.forEach((c, i) => {
      if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'used twice' });
      seen.add(c.id);
    });
  });

/**
 * `mine`: the user's own layout; `role`: the tenant's default for one of the user's roles;
 * `default`: the built-in default of the role. `version` is the own layout's (or the role
 * template's), null when there is none yet.
 */
export const dashboardSource = z.enum(['mine', 'role', 'default']);
export type DashboardSource = z.infer<typeof dashboardSource>;

export const dashboard = z.object({
  cards: z.array(dashboardCard),
  source: dashboardSource,
  /** The role whose default this is (source `role` or `default`); null for the user's own or a generic default. */
  roleId: z.string().nullable(),
  version: z.number().int().nullable(),
  updatedAt: z.string().nullable(),
});
export type Dashboard = z.infer<typeof dashboard>;

/** `PUT /dashboards/me` and `PUT /dashboards/roles/:roleId`: the cards in order; `version` as read (null: none yet). */
export const saveDashboard = z.object({
  cards: cardList,
  version: z.number().int().min(1).nullable().default(null),
});
export type SaveDashboard = z.infer<typeof saveDashboard>;

export const dashboardRoleParams = z.object({ roleId: id });
