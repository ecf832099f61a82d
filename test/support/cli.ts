// The `bianzhi` command as a user runs it: the compiled bin (test/support/build-server.setup.mjs
// builds dist/server before any test), and the database and data folder a file's commands share.
import { execFile, spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Dialect } from '../../src/db/connect.ts';
import { TEST_KEY_HEX, throwawayPgDatabase } from './databases.ts';

export const BIN = path.resolve('bin/bianzhi.mjs');

/** Runs the command to its end; `out` is its standard output followed by its standard error. */
export function cli(args: string[], env: Record<string, string>): { code: number; out: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env, BIANZHI_KEY: TEST_KEY_HEX },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

/**
 * The same without blocking this process while the command runs, for a test whose own connections
 * to the database stay open: work its in-process context still has under way (a transaction, an
 * audit checkpoint) goes on, instead of holding a lock the command would wait on until the timeout.
 */
export function cliInBackground(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; out: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, ...env, BIANZHI_KEY: TEST_KEY_HEX }, encoding: 'utf8', timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, out: `${stdout}${stderr}` });
      },
    );
  });
}

/**
 * The environment of a file's commands: DATABASE_URL (a SQLite file in `dir`, or a new empty
 * PostgreSQL database named after `prefix`, which no migration has touched) and BIANZHI_DATA_DIR
 * `dir`. `drop` removes the PostgreSQL database.
 */
export async function cliDatabase(
  dialect: Dialect,
  dir: string,
  prefix: string,
): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  if (dialect === 'sqlite')
    return {
      env: { DATABASE_URL: `file:${path.join(dir, 'cli.db')}`, BIANZHI_DATA_DIR: dir },
      drop: async () => undefined,
    };
  const db = await throwawayPgDatabase(prefix);
  return { env: { DATABASE_URL: db.url, BIANZHI_DATA_DIR: dir }, drop: db.drop };
}
