import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // files share a worker's loaded modules: importing the app once per worker instead of once
    // per file saves about a third of the suite's time. Each file still opens its own database
    // (test/harness), and no test replaces a module or the environment, so nothing leaks across.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ['default', 'json'],
    outputFile: { json: '../../.tmp/vitest-server.json' },
  },
});
