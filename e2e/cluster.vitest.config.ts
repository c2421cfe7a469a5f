import { defineConfig } from 'vitest/config';

/** `npm run test:cluster`: the cluster of issue #21 (PostgreSQL primary + replica, 2 instances, nginx); run by .ci/run. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.cluster.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 400_000,
    fileParallelism: false,
  },
});
