// Fails when the schema and the checked-in migrations disagree (drizzle-kit generate would write a file).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const migrations = path.resolve('src/db/migrations');
const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-drift-'));
fs.cpSync(migrations, copy, { recursive: true });
const before = fs.readdirSync(migrations).length;
const run = spawnSync('npx', ['drizzle-kit', 'generate', '--name', 'drift_check'], { encoding: 'utf8' });
const after = fs.readdirSync(migrations);
const drift = after.length !== before || run.status !== 0;
if (drift) {
  // put the folder back exactly as it was
  fs.rmSync(migrations, { recursive: true, force: true });
  fs.cpSync(copy, migrations, { recursive: true });
  console.error(run.stdout, run.stderr);
  console.error(
    'Migration drift: the schema changed without a migration. Run `npm run db:generate` and commit it.',
  );
  process.exit(1);
}
console.log('No migration drift.');
