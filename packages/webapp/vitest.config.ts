import { defineConfig } from 'vitest/config';

// The browser tests start the built API server (which serves the built mini-app) and drive
// Debian's Chromium through playwright-core.
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts', 'src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // Names the run's golden database that every browser test's server is copied from (e2e/server.ts).
    globalSetup: ['e2e/global-setup.ts'],
  },
});
