import type { Db } from '../../db/client.ts';
import type { DemoTenant } from '../../module-manifest.ts';

export async function seedDemoQuotes(_db: Db, _demo: DemoTenant) {}
