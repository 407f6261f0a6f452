import type { MarketingPlan, PlanGoalKind, PlanResult } from '@guanxi/contract';
import { normalizeMoney } from '@guanxi/contract';
import { dateText } from '../../platform/dates.ts';

/** The figures of a plan every answer shares: dates, where it stands, attainment. */

export const money = (v: unknown) => (v == null ? null : normalizeMoney(String(v)));

/** Where an approved plan stands: before, within or after its dates, or closed by its feedback. */
export function executionOf(
  r: { review_status: string; feedback_status: string; start_date: unknown; end_date: unknown },
  today: string,
): MarketingPlan['execution'] {
  if (r.review_status !== 'approved') return null;
  if (r.feedback_status === 'submitted') return 'completed';
  if (today < dateText(r.start_date)) return 'upcoming';
  return today > dateText(r.end_date) ? 'ended' : 'running';
}

/** actual ÷ target per goal (one decimal), and their average: what attainment means everywhere. */
export function resultsOf(
  goals: { kind: string; target: string }[],
  actuals: { kind: string; actual: string }[],
): { results: PlanResult[]; attainment: number | null } {
  const byKind = new Map(actuals.map((a) => [a.kind, a.actual]));
  const results = goals.map((g) => {
    const actual = byKind.get(g.kind) ?? null;
    const target = Number(g.target);
    const attainment =
      actual === null || !(target > 0) ? null : Math.round((Number(actual) / target) * 1000) / 10;
    return { kind: g.kind as PlanGoalKind, target: g.target, actual, attainment };
  });
  const rated = results.filter((r) => r.attainment !== null).map((r) => r.attainment!);
  const attainment = rated.length
    ? Math.round((rated.reduce((a, b) => a + b, 0) / rated.length) * 10) / 10
    : null;
  return { results, attainment };
}
