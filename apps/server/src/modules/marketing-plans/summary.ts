import type { PlanSummary, PlanSummaryQuery, PlanSummaryRow } from '@guanxi/contract';
import { planTypes, sumMoney } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import type { Caller } from '../../platform/caller.ts';
import { todayIn } from '../../platform/dates.ts';
import { countCheckInsByPlan } from '../check-ins/service.ts';
import { executionOf } from './figures.ts';
import * as repo from './repository.ts';

type Figures = Omit<PlanSummaryRow, 'key' | 'name'>;
type Row = Awaited<ReturnType<typeof repo.summaryRows>>[number];

const typeNames = { visit: '上门拜访', promotion: '营销推广' } as const;

function figuresOf(rows: Row[], checkIns: Map<string, number>, today: string): Figures {
  const byStatus = { unreviewed: 0, 'in-approval': 0, approved: 0, rejected: 0, returned: 0 };
  const byExecution = { upcoming: 0, running: 0, ended: 0, completed: 0 };
  const rated: number[] = [];
  let visits = 0;
  for (const r of rows) {
    byStatus[r.review_status] += 1;
    const execution = executionOf(r, today);
    if (execution) byExecution[execution] += 1;
    if (r.feedback_status === 'submitted' && r.attainment !== null) rated.push(r.attainment);
    visits += checkIns.get(r.id) ?? 0;
  }
  return {
    plans: rows.length,
    byStatus,
    byExecution,
    budget: sumMoney(rows.map((r) => r.budget)),
    actualExpenses: sumMoney(
      rows.filter((r) => r.feedback_status === 'submitted').map((r) => r.actual_expenses ?? '0'),
    ),
    attainment: rated.length ? Math.round((rated.reduce((a, b) => a + b, 0) / rated.length) * 10) / 10 : null,
    checkIns: visits,
  };
}

/**
 * 营销计划汇总: the caller's scope (a supervisor's subtree) by department, person or type — status,
 * budget vs actual, attainment, 活动签到; each row's key is the list's filter for the drill-down.
 */
export async function planSummary(db: Db, c: Caller, q: PlanSummaryQuery): Promise<PlanSummary> {
  const groupBy = q.groupBy ?? 'department';
  const rows = await repo.summaryRows(db, c.p, q);
  const checkIns = await countCheckInsByPlan(
    db,
    c.p.tenantId,
    rows.map((r) => r.id),
  );
  const today = todayIn(c.timeZone);
  const groups = new Map<string, { name: string; rows: Row[] }>();
  for (const r of rows) {
    const [key, name] =
      groupBy === 'department'
        ? [r.department_id, r.department_name ?? '']
        : groupBy === 'user'
          ? [r.owner_id, r.owner_name ?? '']
          : [r.type, typeNames[r.type]];
    const group = groups.get(key) ?? { name, rows: [] };
    group.rows.push(r);
    groups.set(key, group);
  }
  if (groupBy === 'type')
    for (const t of planTypes) if (!groups.has(t)) groups.set(t, { name: typeNames[t], rows: [] });
  const data = [...groups]
    .map(([key, g]) => ({ key, name: g.name, ...figuresOf(g.rows, checkIns, today) }))
    .sort((a, b) => b.plans - a.plans || a.name.localeCompare(b.name, 'zh-CN'));
  return {
    groupBy,
    from: q.from ?? null,
    to: q.to ?? null,
    data,
    total: figuresOf(rows, checkIns, today),
  };
}
