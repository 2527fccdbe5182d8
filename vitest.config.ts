import { defineConfig } from 'vitest/config';

// TZ is pinned so no test depends on the machine's zone; the browser test gets a longer timeout
// because it builds the web app and starts Chromium.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    env: { TZ: 'UTC' },
    testTimeout: 20_000,
    hookTimeout: 180_000,
    // The browser and type-check suites each start heavy processes; on a 2-core machine they
    // are kept from running side by side with everything else.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
