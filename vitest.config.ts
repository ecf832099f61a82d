import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // CLI tests run the compiled bin: build dist/server first when it is missing or stale.
    // Then one migrated database per dialect, which every test database is copied from.
    globalSetup: ['test/support/build-server.setup.mjs', 'test/support/db-template.setup.ts'],
    // Two test files at a time, in every project (Vitest's default on a 2-core machine is one):
    // the integration and browser tests spend much of their time waiting for PostgreSQL, Chromium
    // or a child process, and every file works in its own databases, folders and ports.
    // `--maxWorkers=N` overrides.
    //
    // No project isolates its files (`isolate: false`): a worker runs file after file and loads
    // the source modules once, not once per file (about 1 s of CPU per integration file, most of
    // it the server's module graph). Test files keep no state in shared modules: each opens its own
    // databases, servers and browser and closes them in afterAll, and fake timers are undone in
    // afterEach. A test file is still evaluated anew, its hooks and tests registered per file.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          isolate: false,
          include: ['src/**/*.test.ts'],
          // Some unit tests move thousands of rows (a generated county written and read back
          // as .xlsx and CSV, compared cell by cell): 2–5 s on a busy 2-core machine, over
          // Vitest's default of 5 s at times. Their time is measured by the bench, not here.
          testTimeout: 30_000,
        },
      },
      {
        // The web client's pure modules (no DOM: tree building, drafts, chart options, report text).
        test: {
          name: 'web',
          isolate: false,
          include: ['web/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          isolate: false,
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          isolate: false,
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
