import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['common/**/*.test.ts', 'server/**/*.test.ts', 'scripts/**/*.test.ts', 'web/src/**/*.test.ts'],
    environment: 'node',
    // Each file gets its own database; files run in parallel on the two cores.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
