import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import type { Db } from '../../db/client.ts';
import { uuidv7 } from '../../platform/ids.ts';
import {
  type Collection,
  type Org,
  type PropertyFixture,
  userOf,
  type World,
} from '../../test/authz-property.ts';

/** A generated order: its owner (their department is the order's) and whether it was deleted. */
type Spec = { user: number; deleted: boolean };

const records = (org: Org): fc.Arbitrary<Spec[]> =>
  fc.array(fc.record({ user: userOf(org), deleted: fc.nat({ max: 6 }).map((x) => x === 0) }), {
    maxLength: 10,
  });

/** Orders numbered with the run's tokens (the list's quick search finds them by number). */
async function insert(tx: Db, w: World, r: Spec[]): Promise<string[]> {
  const ids = r.map(() => uuidv7());
  if (!r.length) return ids;
  await tx.execute(
    sql`INSERT INTO orders (id, tenant_id, number, customer_id, owner_id, department_id, status, subtotal, tax, total, deleted_at)
      VALUES ${sql.join(
        r.map(
          (o, i) =>
            sql`(${ids[i]}, ${w.tenantId}, ${`DD${w.token('o', i)}`}, ${uuidv7()}, ${w.userIds[o.user]},
              ${w.departmentIds[w.org.users[o.user].department]}, 'new', 10, 0, 10, ${o.deleted ? new Date().toISOString() : null})`,
        ),
        sql`, `,
      )}`,
  );
  return ids;
}

function collections(w: World, r: Spec[], ids: string[]): Collection[] {
  return [
    {
      name: 'orders',
      listUrl: `/api/v1/orders?q=${w.tag}`,
      searchUrl: (token) => `/api/v1/orders?q=${token}`,
      exportUrl: `/api/v1/orders/export?format=csv&q=${w.tag}`,
      itemUrl: (id) => `/api/v1/orders/${id}`,
      items: r.map((o, i) => ({
        id: ids[i],
        token: w.token('o', i),
        visible: !o.deleted && w.ownerInScope(o.user, w.org.users[o.user].department),
      })),
    },
  ];
}

/** The orders scope (owner and department) on list, search, look-up and export, for random organisations. */
export const authzProperty: PropertyFixture<Spec[], string[]> = {
  name: 'orders',
  module: 'orders',
  permissions: ['orders:view', 'orders:export'],
  records,
  insert,
  collections,
};
