// Test runner configuration: unit tests beside the code, integration suites under tests/.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{src,bot,infra,tests,scripts}/**/*.test.ts'],
    exclude: ['node_modules/**', 'tests/bench/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration suites each start their own emulator on a free port; two cores here.
    pool: 'forks',
  },
});
