import type { Db } from '../../db/client.ts';
import type { DemoTenant } from '../../module-manifest.ts';

export async function seedDemoOrders(_db: Db, _demo: DemoTenant) {}
