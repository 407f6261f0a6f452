import { defineConfig } from 'vitest/config';

// Browser journeys: the real server on an empty port with a fresh data dir, driven in Chromium.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    // a failed journey's report says what its pages showed
    setupFiles: ['e2e/failure-report.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    // expect.poll waits for what the page will show (a refetched list, a closed dialog): on a busy
    // machine that can take seconds, so it waits as long as a locator does, not vitest's 1 s
    expect: { poll: { timeout: 30_000 } },
    hookTimeout: 120_000,
    // a journey that fails is run once more before it counts: on a loaded 2-core CI machine a
    // click can land during an animation or a response outwait 30 s. A real fault fails both
    // runs. (A retry must not meet the first run's records: journeys stamp their names with
    // e2e/stamp.ts, renewed for the retry.)
    retry: 1,
    reporters: ['default', 'json'],
    outputFile: { json: '../../.tmp/vitest-e2e.json' },
  },
});
