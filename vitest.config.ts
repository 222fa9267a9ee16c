import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Generated PyTorch suites train real networks; on a loaded 2-core machine they need minutes.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // Generated-project suites run Python and git; two workers suit the 2-core machines.
    maxWorkers: 2,
  },
});
