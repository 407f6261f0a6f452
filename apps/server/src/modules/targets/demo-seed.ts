import { fromCents, type TargetPeriod, targetPeriodStartOf, toCents } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import type { DemoTenant } from '../../module-manifest.ts';
import { salesFacts } from '../orders/published.ts';
import { getTenant } from '../organization/tenants-service.ts';
import * as repo from './repository.ts';

/** The demo company's yearly amount and count without demo sales to measure; quarters and months are a share of it. */
const FALLBACK_YEAR = { cents: 12_000_000_00n, count: 600 };
const DAY = 86_400_000;
const shareOf: Record<TargetPeriod, bigint> = { year: 1n, quarter: 4n, month: 12n };

/**
 * 销售任务 of the demo for the current year, quarter and month: the company's target — a fifth
 * above the demo orders of the last twelve months, so the rates look like a real year's — split
 * down the tree (each child department 45 % of its parent, a store's people 90 % of the store
 * between them), leaving some unallocated at each level as a real plan does (manifest `seedDemo`).
 */
export async function seedDemoTargets(db: Db, demo: DemoTenant) {
  const { timezone } = await getTenant(db, demo.tenantId);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: timezone }).format(new Date());
  const org = await repo.organisation(db, demo.tenantId);
  const now = new Date();
  const sold = await salesFacts(db, demo.tenantId, new Date(now.getTime() - 365 * DAY), now);
  const soldCents = sold.reduce((sum, f) => sum + toCents(f.amount), 0n);
  const soldCount = sold.reduce((sum, f) => sum + f.count, 0);
  const YEAR =
    soldCents > 0n ? { cents: (soldCents * 6n) / 5n, count: Math.ceil(soldCount * 1.2) } : FALLBACK_YEAR;
  const children = (id: string) => org.departments.filter((d) => d.parent_id === id);
  // the people who sell: those in departments without children (the stores)
  const sellers = (id: string) => org.users.filter((u) => u.department_id === id && u.status === 'active');
  await db.transaction(async (tx) => {
    for (const period of ['year', 'quarter', 'month'] as const) {
      const start = targetPeriodStartOf(period, today);
      const set = async (
        subject: { departmentId: string | null; userId: string | null },
        cents: bigint,
        count: number,
      ) => {
        // whole hundreds of yuan, as people set them
        const rounded = (cents / 10_000n) * 10_000n;
        await repo.insert(tx, demo.tenantId, null, {
          period,
          start,
          ...subject,
          amount: fromCents(rounded),
          // none rather than a count the children's floors could add up past
          count: Math.floor(count) >= 1 ? Math.floor(count) : null,
        });
      };
      const walk = async (departmentId: string, cents: bigint, count: number) => {
        await set({ departmentId, userId: null }, cents, count);
        const kids = children(departmentId);
        for (const k of kids) await walk(k.id, (cents * 45n) / 100n, count * 0.45);
        const people = kids.length ? [] : sellers(departmentId);
        for (const u of people)
          await set(
            { departmentId: null, userId: u.id },
            (cents * 90n) / 100n / BigInt(people.length),
            (count * 0.9) / people.length,
          );
      };
      await walk(demo.rootDepartmentId, YEAR.cents / shareOf[period], YEAR.count / Number(shareOf[period]));
    }
  });
}
