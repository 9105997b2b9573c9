import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

// One runner for every layer, so `npm test` prints one honest count.
// e2e runs in a single fork: each file starts a real upstream, core and Chromium.

/** A real PostgreSQL server for the upstream's tests, when one is running (.ci/run starts one). */
const postgresUrl = process.env.DATABASE_URL;

const integration = (name: string, include: string[], databaseUrl: string): TestProjectInlineConfiguration => ({
  test: {
    name,
    include,
    environment: 'node',
    testTimeout: 240_000,
    hookTimeout: 120_000,
    // The upstream's harness picks its database from DATABASE_URL: empty means embedded PGlite.
    env: { DATABASE_URL: databaseUrl },
  },
});

export default defineConfig({
  test: {
    reporters: ['default', './tests/summaryReporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
          environment: 'node',
          testTimeout: 30_000,
          env: { DATABASE_URL: '' },
        },
      },
      integration('integration', ['tests/integration/**/*.test.ts'], ''),
      // The same upstream tests again on real PostgreSQL, besides the embedded default.
      ...(postgresUrl ? [integration('integration-postgres', ['tests/integration/upstream/**/*.test.ts'], postgresUrl)] : []),
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/support/globalSetup.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          env: { DATABASE_URL: '' },
        },
      },
    ],
  },
});
