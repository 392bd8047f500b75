// Test runner configuration: unit tests beside the code (the tab's too), integration suites under tests/.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{src,bot,infra,tests,scripts}/**/*.test.ts', 'tab/src/**/*.test.ts'],
    // Builds the Teams tab once when tab/dist is missing or stale (its size test and the browser tests read it).
    globalSetup: ['tests/support/tab-build.global-setup.ts'],
    exclude: ['node_modules/**', 'tests/bench/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration suites each start their own emulator on a free port; two cores here.
    pool: 'forks',
  },
});
