import {
  type Forecast,
  type ForecastQuery,
  type Funnel,
  type FunnelQuery,
  fromCents,
  opportunityLimits,
  type Pipeline,
  type PipelineQuery,
  toCents,
} from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { invalid } from '../../platform/errors.ts';
import { money } from './answers.ts';
import * as repo from './repository.ts';

// The pipeline by stage, the funnel of stages reached and the month-by-month forecast, in scope.

/** Every stage in order with its open deals' count, amount and weighted amount, within scope. */
export async function pipeline(db: Db, p: Principal, q: PipelineQuery): Promise<Pipeline> {
  const [stages, groups] = await Promise.all([repo.stagesOf(db, p.tenantId), repo.pipeline(db, p, q)]);
  const by = new Map(groups.map((g) => [g.stage_id, g]));
  return {
    data: stages.map((s) => {
      const g = by.get(s.id);
      return {
        stageId: s.id,
        name: s.name,
        position: s.position,
        probability: money(s.probability),
        count: g?.n ?? 0,
        amount: money(g?.amount ?? '0'),
        weightedAmount: money(g?.weighted ?? '0'),
      };
    }),
  };
}

export async function funnel(db: Db, c: Caller, q: FunnelQuery): Promise<Funnel> {
  if (q.from && q.to && q.to < q.from) throw invalid('to', 'must not be before from');
  const [stages, groups] = await Promise.all([
    repo.stagesOf(db, c.p.tenantId),
    repo.funnel(db, c.p, q, c.timeZone),
  ]);
  const reached = (position: number) =>
    groups.filter((g) => g.status === 'won' || (g.reached ?? 0) >= position).reduce((n, g) => n + g.n, 0);
  const won = groups.filter((g) => g.status === 'won');
  return {
    total: groups.reduce((n, g) => n + g.n, 0),
    stages: stages.map((s) => ({
      stageId: s.id,
      name: s.name,
      position: s.position,
      reached: reached(s.position),
    })),
    won: {
      count: won.reduce((n, g) => n + g.n, 0),
      amount: fromCents(won.reduce((sum, g) => sum + toCents(g.amount ?? '0'), 0n)),
    },
    lost: { count: groups.filter((g) => g.status === 'lost').reduce((n, g) => n + g.n, 0) },
  };
}

const monthText = (d: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).format(d).slice(0, 7);

function addMonths(month: string, n: number) {
  const [y, m] = month.split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** Month by month: won, weighted (won + open × probability) and best case (won + every open amount). */
export async function forecast(db: Db, c: Caller, q: ForecastQuery): Promise<Forecast> {
  const from = q.from ?? monthText(new Date(), c.timeZone);
  const to = q.to ?? addMonths(from, 5);
  if (to < from) throw invalid('to', 'must not be before from');
  const months: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) months.push(m);
  if (months.length > opportunityLimits.forecastMonths)
    throw invalid('to', `at most ${opportunityLimits.forecastMonths} months`);
  const rows = await repo.forecast(db, c.p, q, `${from}-01`, `${addMonths(to, 1)}-01`, c.timeZone);
  return {
    data: months.map((month) => {
      const open = rows.find((r) => r.month === month && r.kind === 'open');
      const won = rows.find((r) => r.month === month && r.kind === 'won');
      const wonCents = toCents(won?.amount ?? '0');
      return {
        month,
        openCount: open?.n ?? 0,
        wonCount: won?.n ?? 0,
        won: fromCents(wonCents),
        weighted: fromCents(wonCents + toCents(open?.weighted ?? '0')),
        bestCase: fromCents(wonCents + toCents(open?.amount ?? '0')),
      };
    }),
  };
}
