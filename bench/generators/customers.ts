/**
 * Customers and contacts in bulk, built like the demo company's (same names, fields, follow-up
 * rules: apps/server/src/modules/customers/demo-seed.ts), in blocks of 1,000 rows that each have their
 * own seed: any block can be (re)generated alone, so a load can resume where it stopped and the
 * benchmark can re-create real names to search for without reading them back.
 *
 * A segment's customers are in chronological order over `days` days before `end` (office hours,
 * China time), numbered per day as the default rule numbers them (KH<yyyymmdd>-<seq>).
 */
import { createHash } from 'node:crypto';
import { type Place, sampleCustomer } from '../../apps/server/src/modules/customers/demo-sample-data.ts';
import {
  type CustomerEnv,
  contactRecords,
  customerRecord,
  DAY,
  dayNumbers,
} from '../../apps/server/src/modules/customers/demo-seed.ts';
import type { contacts, customers } from '../../apps/server/src/modules/customers/schema.ts';
import { derivedColumns } from '../../apps/server/src/modules/customers/search-keys.ts';
import type { NumberingRule } from '../../apps/server/src/platform/numbering.ts';
import { type Rng, rng } from '../../apps/server/src/platform/random.ts';

export type CustomerRow = typeof customers.$inferInsert;
export type ContactRow = typeof contacts.$inferInsert;

/** Bump when the generated data changes: cached databases of another version are rebuilt. */
export const GENERATOR_VERSION = 2;

/**
 * Changes whenever the generated rows would: the generator's version and what the app's
 * `derivedColumns` makes of a few names (a change to the search keys must rebuild the cache).
 */
export function datasetFingerprint(): string {
  const samples = [
    {
      name: '深圳市华南精密机械有限公司',
      shortName: '华南精密',
      number: 'KH20260101-0001',
      phone: '0755-86001234',
    },
    {
      name: 'Shenzhen Huanan Precision Machinery Co., Ltd.',
      mobile: '+86 138 0013 8000',
      email: 'Info@Example.COM',
    },
    { name: '王建华', taxNumber: '92440300ma5fxxxx0x' },
  ];
  const derived = samples.map((s) => derivedColumns(s));
  return createHash('sha1')
    .update(JSON.stringify([GENERATOR_VERSION, derived]))
    .digest('hex')
    .slice(0, 12);
}
export const BLOCK = 1000;

export type Segment = {
  /** Customers in this segment (one tenant). */
  count: number;
  seed: number;
  env: CustomerEnv;
  owners: readonly { id: string; departmentId: string }[];
  place: (r: Rng) => Place;
  rule: NumberingRule;
  /** Mobiles: customers use serial `serialBase + i`, contacts `contactSerialBase + 4i + k` (< 10^8). */
  serialBase: number;
  contactSerialBase: number;
  /** The time span customers were created in: `days` days up to `end` (ms, a UTC midnight). */
  days: number;
  end: number;
};

const contactCounts = [
  [1, 30],
  [2, 45],
  [3, 20],
  [4, 5],
] as const; // 2.0 contacts per customer on average

const blockRng = (seed: number, block: number) => rng((seed + Math.imul(block + 1, 0x9e3779b1)) >>> 0);

/** Customers `block·1000 …` of a segment (up to 1,000) with their contacts. */
export function generateBlock(
  seg: Segment,
  block: number,
): { customers: CustomerRow[]; contacts: ContactRow[] } {
  const r = blockRng(seg.seed, block);
  const out = { customers: [] as CustomerRow[], contacts: [] as ContactRow[] };
  const first = block * BLOCK;
  const last = Math.min(seg.count, first + BLOCK);
  const start = seg.end - seg.days * DAY;
  let numbers: { day: number; of: (seq: number) => string } | undefined;
  for (let i = first; i < last; i++) {
    const day = Math.floor((i * seg.days) / seg.count);
    const dayFirst = Math.ceil((day * seg.count) / seg.days);
    const dayNext = Math.max(dayFirst + 1, Math.ceil(((day + 1) * seg.count) / seg.days));
    const within = (i - dayFirst + r.next()) / (dayNext - dayFirst);
    const createdAt = start + day * DAY + (1 + within * 10) * 3_600_000; // 09:00–19:00 +08:00
    const sample = sampleCustomer(r, seg.place(r), seg.serialBase + i);
    const kind = r.next();
    const state = kind < 0.02 ? 'draft' : kind < 0.05 ? 'pool' : 'active';
    const owner = seg.owners[r.int(seg.owners.length)];
    const row = customerRecord(r, seg.env, { sample, state, createdAt, owner });
    if (state !== 'draft') {
      if (numbers?.day !== day)
        numbers = { day, of: dayNumbers(seg.rule, new Date(createdAt), seg.env.timeZone) };
      row.number = numbers.of(i - dayFirst + 1);
    }
    Object.assign(row, derivedColumns(row));
    out.customers.push(row);
    const n = r.weighted(contactCounts);
    out.contacts.push(...contactRecords(r, seg.env, row, sample, seg.contactSerialBase + 4 * i, n));
  }
  return out;
}

export const blocksOf = (seg: Pick<Segment, 'count'>) => Math.ceil(seg.count / BLOCK);
