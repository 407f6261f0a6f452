/**
 * `npm run bench -- <scenario> [options]`: runs one benchmark scenario (cwd apps/server).
 * Scenarios live in bench/scenarios/ and are listed here by name.
 */
type Scenario = { description: string; run(args: string[]): Promise<void> };

const scenarios: Record<string, () => Promise<Scenario>> = {
  http: () => import('./scenarios/http.ts'),
  customers: () => import('./scenarios/customers.ts'),
  web: () => import('./scenarios/web.ts'),
  abuse: () => import('./scenarios/abuse.ts'),
  'follow-ups': () => import('./scenarios/follow-ups.ts'),
  forms: () => import('./scenarios/forms.ts'),
  approvals: () => import('./scenarios/approvals.ts'),
  sales: () => import('./scenarios/sales.ts'),
  service: () => import('./scenarios/service.ts'),
  reports: () => import('./scenarios/reports.ts'),
};

async function main() {
  const [name, ...args] = process.argv.slice(2);
  const load = name ? scenarios[name] : undefined;
  if (!load) {
    console.error(
      `${name ? `Unknown scenario: ${name}\n` : ''}Usage: npm run bench -- <scenario> [options]\n`,
    );
    console.error('Scenarios:');
    for (const [key, get] of Object.entries(scenarios))
      console.error(`  ${key.padEnd(10)} ${(await get()).description}`);
    process.exit(1);
  }
  const scenario = await load();
  console.log(`bench ${name}: ${scenario.description}`);
  await scenario.run(args);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
