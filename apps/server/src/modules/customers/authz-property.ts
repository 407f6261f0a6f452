import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import type { Db } from '../../db/client.ts';
import { uuidv7 } from '../../platform/ids.ts';
import {
  type Collection,
  type DepartmentRef,
  departmentOf,
  type Org,
  type PropertyFixture,
  userOf,
  type World,
} from '../../test/authz-property.ts';
import { contacts, customerShares, customers } from './schema.ts';
import { derivedColumns } from './search-keys.ts';

/** A generated customer, by indices into the run's organisation and pools. */
type CustomerSpec = {
  state: 'active' | 'draft' | 'pool';
  /** Owner of an active customer, creator of a draft (drafts are their creator's). */
  user: number;
  pool: number;
  deleted: boolean;
  shares: ({ user: number } | { department: number })[];
  contacts: { deleted: boolean }[];
};

type Records = {
  /** Each pool's departments (-1: the tenant's root); empty: a pool for everybody. */
  pools: DepartmentRef[][];
  customers: CustomerSpec[];
};

const records = (org: Org): fc.Arbitrary<Records> => {
  const user = userOf(org);
  const department = departmentOf(org);
  return fc.record({
    pools: fc.array(fc.uniqueArray(department, { maxLength: 2 }), { minLength: 1, maxLength: 2 }),
    customers: fc.array(
      fc.record({
        state: fc.constantFrom('active', 'active', 'draft', 'pool'),
        user,
        pool: fc.nat(),
        deleted: fc.nat({ max: 6 }).map((x) => x === 0),
        shares: fc.array(
          fc.oneof(
            user.map((u) => ({ user: u })),
            department.filter((d) => d >= 0).map((d) => ({ department: d })),
          ),
          { maxLength: 2 },
        ),
        contacts: fc.array(fc.record({ deleted: fc.boolean() }), { maxLength: 2 }),
      }),
      { maxLength: 10 },
    ),
  });
};

/** The model: whether the viewer may see customer `i` (plain rules over the generated data). */
function customerVisible(w: World, r: Records, c: CustomerSpec): boolean {
  if (c.deleted) return false;
  if (c.state === 'draft') return c.user === w.viewer; // drafts: only their creator
  if (c.state === 'pool') {
    // a pool is seen by its departments and everything below them; no departments: everybody
    const departments = r.pools[c.pool % r.pools.length];
    const lineage = w.lineage(w.viewerDepartment);
    return departments.length === 0 || departments.some((d) => lineage.includes(d));
  }
  const ownerDepartment = w.org.users[c.user].department;
  if (w.ownerInScope(c.user, ownerDepartment)) return true;
  return c.shares.some((s) => ('user' in s ? s.user === w.viewer : s.department === w.viewerDepartment));
}

/** The ids the insert gave: each customer's, and each customer's contacts'. */
type Inserted = { customers: string[]; contacts: string[][] };

async function insert(tx: Db, w: World, r: Records): Promise<Inserted> {
  const poolIds = r.pools.map(() => uuidv7());
  await tx.execute(
    sql`INSERT INTO pools (id, tenant_id, name, department_ids) VALUES ${sql.join(
      r.pools.map(
        (departments, i) =>
          sql`(${poolIds[i]}, ${w.tenantId}, ${w.token('p', i)}, ${`{${departments.map((d) => w.departmentId(d)).join(',')}}`}::uuid[])`,
      ),
      sql`, `,
    )}`,
  );
  const inserted: Inserted = { customers: [], contacts: r.customers.map(() => []) };
  if (!r.customers.length) return inserted;
  const now = new Date();
  const customerIds = inserted.customers;
  const rows = r.customers.map((c, i) => {
    const id = uuidv7();
    customerIds.push(id);
    const name = `客户${w.token('k', i)}`;
    const userId = w.userIds[c.user];
    const departmentId = w.departmentIds[w.org.users[c.user].department];
    const number = c.state === 'draft' ? null : `FC${w.token('n', i)}`;
    return {
      id,
      tenantId: w.tenantId,
      name,
      number,
      tags: [w.tag],
      state: c.state,
      createdBy: c.state === 'draft' ? userId : null,
      ownerId: c.state === 'pool' ? null : userId,
      departmentId: c.state === 'pool' ? null : departmentId,
      poolId: c.state === 'pool' ? poolIds[c.pool % poolIds.length] : null,
      previousOwnerId: c.state === 'pool' ? userId : null,
      poolEnteredAt: c.state === 'pool' ? now : null,
      ownedSince: c.state === 'active' ? now : null,
      submittedAt: c.state === 'draft' ? null : now,
      deletedAt: c.deleted ? now : null,
      ...derivedColumns({ name, number }),
    };
  });
  await tx.insert(customers).values(rows);
  const shares = r.customers.flatMap((c, i) => {
    if (c.state !== 'active') return [];
    const seen = new Set<string>();
    return c.shares.flatMap((s) => {
      const key = 'user' in s ? `u${s.user}` : `d${s.department}`;
      if (seen.has(key)) return [];
      seen.add(key);
      return [
        {
          id: uuidv7(),
          tenantId: w.tenantId,
          customerId: customerIds[i],
          userId: 'user' in s ? w.userIds[s.user] : null,
          departmentId: 'department' in s ? w.departmentIds[s.department] : null,
          access: i % 2 ? ('read' as const) : ('write' as const),
        },
      ];
    });
  });
  if (shares.length) await tx.insert(customerShares).values(shares);
  const people = r.customers.flatMap((c, i) =>
    c.contacts.map((ct, j) => ({
      id: pushed(inserted.contacts[i], uuidv7()),
      tenantId: w.tenantId,
      customerId: customerIds[i],
      name: `联系人${w.token('t', i * 10 + j)}`,
      deletedAt: ct.deleted ? now : null,
    })),
  );
  if (people.length) await tx.insert(contacts).values(people);
  return inserted;
}

const pushed = (into: string[], id: string) => {
  into.push(id);
  return id;
};

const states = ['active', 'draft', 'pool'] as const;

/**
 * Customers in each state (active, drafts, pool) and contacts: the list narrowed to the run by its
 * tag (customers) or its run tag in the contact's name (contacts), search by each record's token,
 * look-up by id, and the customers' CSV export. Contacts follow their customer's scope.
 */
function collections(w: World, r: Records, ids: Inserted): Collection[] {
  const visible = r.customers.map((c) => customerVisible(w, r, c));
  const byState: Collection[] = states.map((state) => ({
    name: `customers (${state})`,
    listUrl: `/api/v1/customers?state=${state}&tag=${w.tag}`,
    searchUrl: (token) => `/api/v1/customers?state=${state}&q=${token}`,
    exportUrl: `/api/v1/customers/export?format=csv&state=${state}&tag=${w.tag}`,
    itemUrl: (id) => `/api/v1/customers/${id}`,
    items: r.customers.flatMap((c, i) =>
      c.state === state ? [{ id: ids.customers[i], token: w.token('k', i), visible: visible[i] }] : [],
    ),
  }));
  const people: Collection = {
    name: 'contacts',
    listUrl: `/api/v1/contacts?q=${w.tag}`,
    searchUrl: (token) => `/api/v1/contacts?q=${token}`,
    itemUrl: (id) => `/api/v1/contacts/${id}`,
    items: r.customers.flatMap((c, i) =>
      c.contacts.map((ct, j) => ({
        id: ids.contacts[i][j],
        token: w.token('t', i * 10 + j),
        visible: visible[i] && !ct.deleted,
      })),
    ),
  };
  return [...byState, people];
}

/**
 * The customers module's property-based authorisation (see test/authz-property.ts): random
 * customers in every state, owned by random users, shared with a user or a department, drafts by
 * their creator, customers in pools seen by some departments; and their contacts.
 */
export const authzProperty: PropertyFixture<Records, Inserted> = {
  name: 'customers and contacts',
  module: 'customers',
  permissions: ['customers:view', 'customers:export', 'contacts:view'],
  records,
  insert,
  collections,
};
