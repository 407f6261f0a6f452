import { type ReportQuery, reportQuery } from '@guanxi/contract';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { invalid } from '../../platform/errors.ts';
import { reportDefinition, reportDefinitions } from './kit/catalog.ts';
import { mayRun, visibleMeasures } from './kit/query.ts';
import { checkReport } from './kit/run.ts';

// What other modules (dashboards) ask of the report framework: may this user run a report, and
// would it accept these parameters — without running it.

/** Whether the caller may run the report (`reports:<code>` and its source's view permission). */
export function reportRunnable(p: Principal, code: string) {
  const d = reportDefinitions.find((x) => x.code === code);
  return d !== undefined && mayRun(p, d);
}

/**
 * Checks a report's parameters as its page's address carries them (strings): 404 when the caller
 * may not run it, 400 on the parameter that is wrong. Answers them typed.
 */
export function checkReportParams(c: Caller, code: string, params: Record<string, string>): ReportQuery {
  const parsed = reportQuery.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(issue?.path.join('.') || 'params', issue?.message ?? 'invalid');
  }
  checkReport(c, reportDefinition(code), parsed.data);
  return parsed.data;
}

/** The reports the caller may run, in the catalogue's order, with their default chart. */
export const runnableReports = (p: Principal) =>
  reportDefinitions.filter((d) => mayRun(p, d)).map((d) => ({ code: d.code, chart: d.chart }));

/** The figures of a report the caller may see drawn: its shown measures and derived figures. */
export function reportMeasures(p: Principal, code: string): string[] {
  const d = reportDefinition(code);
  return [
    ...visibleMeasures(p, d)
      .filter((m) => m.shown !== false)
      .map((m) => m.key),
    ...(d.derived ?? []).map((x) => x.key),
  ];
}
