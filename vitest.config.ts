import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Generated-project suites run Python and git; two workers suit the 2-core machines.
    maxWorkers: 2,
  },
});
