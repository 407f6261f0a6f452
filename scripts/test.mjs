// `npm test`: lint, types, migration drift, module boundaries, API tests, web build and browser journeys.
// Ends with one line `tests: N passed, M failed` (exit ≠ 0 on any failure or on no tests).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = path.join(root, '.tmp');
fs.mkdirSync(tmp, { recursive: true });
let passed = 0;
let failed = 0;
/** Every failure by name, repeated just above the closing line so a log's tail says what broke. */
const failures = [];

function step(name, cmd, args, opts = {}) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const res = spawnSync(cmd, args, {
    cwd: opts.cwd ?? root,
    stdio: 'inherit',
    env: { ...process.env, ...opts.env },
  });
  return res.status === 0;
}

/** A check that is not a test runner counts as one test. */
function check(name, cmd, args, opts) {
  if (step(name, cmd, args, opts)) passed++;
  else {
    failed++;
    failures.push(name);
  }
}

/** A Vitest run: its JSON report gives the counts; a crash without a report is one failure. */
function vitest(name, workspace, report, extra = []) {
  fs.rmSync(report, { force: true });
  const ok = step(name, 'npx', ['vitest', 'run', ...extra], { cwd: path.join(root, workspace) });
  if (!fs.existsSync(report)) {
    failed++;
    failures.push(`${name} (no report)`);
    return;
  }
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests + (ok || r.numFailedTests ? 0 : 1);
  if (!ok && !r.numFailedTests) failures.push(`${name} (exited non-zero)`);
  for (const file of r.testResults ?? []) {
    const where = path.relative(root, file.name);
    for (const t of file.assertionResults ?? []) {
      if (t.status !== 'failed') continue;
      const why = String(t.failureMessages?.[0] ?? '')
        .split('\n')[0]
        .slice(0, 300);
      // a journey's pages as they were when it failed (e2e/failure-report.ts)
      const page = t.meta?.pageState ? ` [page: ${String(t.meta.pageState).slice(0, 600)}]` : '';
      failures.push(`${where} › ${t.fullName} — ${why}${page}`);
    }
    // a file that failed to load has no tests, only a message
    if (file.status === 'failed' && !(file.assertionResults ?? []).length)
      failures.push(
        `${where} — ${String(file.message ?? '')
          .split('\n')[0]
          .slice(0, 300)}`,
      );
  }
}

// `--api-only`: just the API suite (CI runs it a second time against PostgreSQL).
const apiOnly = process.argv.includes('--api-only');
if (!apiOnly) {
  check('lint', 'npx', ['biome', 'check', '.']);
  check('typecheck', 'npm', ['run', '--silent', 'typecheck']);
  check('migration drift', 'npm', ['run', '--silent', 'db:check']);
  // a module uses another only through its services; no import cycles (docs/architecture.md)
  check('module boundaries', 'node', ['scripts/check-boundaries.mjs']);
}
vitest(
  `API tests (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`,
  'apps/server',
  path.join(tmp, 'vitest-server.json'),
);
if (apiOnly) {
  // nothing else
} else if (step('web build', 'npm', ['run', 'build', '-w', 'apps/web'])) {
  passed++;
  vitest('browser journeys', 'apps/web', path.join(tmp, 'vitest-e2e.json'), [
    '--config',
    'vitest.e2e.config.ts',
  ]);
} else failed++;

console.log('');
for (const f of failures) console.log(`FAILED: ${f}`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
