// A fresh, migrated database per test file, in each dialect: a temporary SQLite file, or a
// throwaway PostgreSQL database on 127.0.0.1:5432 that is dropped afterwards. Both are copies of
// the run's migrated templates (test/support/db-template.setup.ts: a file copy, CREATE DATABASE …
// TEMPLATE); without them (code run outside Vitest) the database is migrated anew, on PostgreSQL
// in a throwaway schema. PostgreSQL is required: if it cannot be reached the tests fail, they are
// never skipped.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { connect, type Dialect } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createContext, type AppContext } from '../../src/context.ts';
import { AuditKeyring } from '../../src/security/audit-keys.ts';
import { keysFromHex } from '../../src/security/keys.ts';

const ALL_DIALECTS: Dialect[] = ['sqlite', 'postgres'];

/**
 * The dialects every repository and use-case test runs on: both by default (and always in
 * `npm test` and CI); `DIALECTS=sqlite` (or `postgres`) narrows a local run, e.g. `npm run test:quick`.
 */
export const DIALECTS: Dialect[] = dialectsFromEnv(process.env.DIALECTS);

function dialectsFromEnv(value: string | undefined): Dialect[] {
  if (!value) return ALL_DIALECTS;
  const names = value.split(',').map((s) => s.trim());
  const unknown = names.filter((n) => !ALL_DIALECTS.some((d) => d === n));
  if (unknown.length > 0 || names.length === 0)
    throw new Error(`DIALECTS 应为 sqlite、postgres 或 sqlite,postgres，而不是“${value}”`);
  return ALL_DIALECTS.filter((d) => names.includes(d));
}

export const PG_URL = process.env.BIANZHI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * A test database's commits do not wait for the disk (its connections, the CLI's and the import
 * workers' alike): what a commit makes visible is the same, only a crash of the server could lose
 * the last ones — and a test database is dropped anyway. Otherwise every commit waits for the
 * write-ahead log's flush (1–2 ms on the 2-core test machine), thousands of times a run.
 */
const NO_COMMIT_WAIT = (database: string): string =>
  `alter database ${database} set synchronous_commit = off`;

/**
 * A whole new PostgreSQL database (for code that opens its own connections: the CLI, benchmarks).
 * A test's database does not wait for the disk at commit (NO_COMMIT_WAIT); a benchmark's
 * (`commitWait: true`) commits as production does.
 */
export async function throwawayPgDatabase(
  prefix: string,
  opts: { commitWait: boolean } = { commitWait: false },
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = await pgAdmin();
  await admin.query(`create database ${name}`);
  if (!opts.commitWait) await admin.query(NO_COMMIT_WAIT(name));
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = await pgAdmin();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/**
 * Where the global set-up leaves the migrated templates for this run: the SQLite file, and the
 * name of the PostgreSQL database whose schema TEMPLATE_SCHEMA holds the migrated tables.
 */
export const TEMPLATE_ENV = {
  sqlite: 'BIANZHI_TEST_SQLITE_TEMPLATE',
  postgres: 'BIANZHI_TEST_PG_TEMPLATE',
} as const;
export const TEMPLATE_SCHEMA = 'bianzhi_test';

/** A connected client on the test server's admin database; fails (never skips) if it is down. */
export async function pgAdmin(): Promise<pg.Client> {
  const admin = new pg.Client({ connectionString: PG_URL });
  try {
    await admin.connect();
  } catch (e) {
    throw new Error(
      `PostgreSQL 不可用（${PG_URL}）：测试要求 PostgreSQL。${e instanceof Error ? e.message : String(e)}`,
      { cause: e },
    );
  }
  return admin;
}

/**
 * A new PostgreSQL database for one TestDb: a copy of the run's migrated template when there is
 * one, otherwise a throwaway schema in PG_URL's database, migrated here.
 */
async function newPgDatabase(): Promise<{ url: string; schema: string; drop(): Promise<void> }> {
  const template = process.env[TEMPLATE_ENV.postgres];
  const admin = await pgAdmin();
  const suffix = crypto.randomBytes(6).toString('hex');
  try {
    if (template) {
      const name = `t_${suffix}`;
      await admin.query(`create database ${name} template ${template}`);
      await admin.query(NO_COMMIT_WAIT(name));
      const url = new URL(PG_URL);
      url.pathname = `/${name}`;
      return {
        url: url.toString(),
        schema: TEMPLATE_SCHEMA,
        async drop() {
          const c = await pgAdmin();
          await c.query(`drop database if exists ${name} with (force)`);
          await c.end();
        },
      };
    }
    const schema = `t_${suffix}`;
    await admin.query(`create schema ${schema}`);
    return {
      url: PG_URL,
      schema,
      async drop() {
        const c = await pgAdmin();
        await c.query(`drop schema ${schema} cascade`);
        await c.end();
      },
    };
  } finally {
    await admin.end();
  }
}

export const TEST_KEY_HEX = 'a1'.repeat(32);
/** The audit chain's own key: deliberately unrelated to the master key. */
export const TEST_AUDIT_KEY_HEX = 'a2'.repeat(32);

export interface TestDb {
  ctx: AppContext;
  dialect: Dialect;
  /** DATABASE_URL (and schema) for code that opens its own connection, e.g. the import worker. */
  url: string;
  schema: string | undefined;
  /** The audit checkpoint file of this database (in a temporary folder). */
  checkpointFile: string;
  /** Runs a raw SQL statement on a separate connection (tests that tamper with rows). */
  raw(sqlText: string, params?: unknown[]): Promise<void>;
  destroy(): Promise<void>;
}

export async function openTestDb(dialect: Dialect): Promise<TestDb> {
  const keys = keysFromHex(TEST_KEY_HEX);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bianzhi-test-'));
  const checkpointFile = path.join(dir, 'bianzhi-audit.checkpoints');
  const audit = {
    keyring: AuditKeyring.single(Buffer.from(TEST_AUDIT_KEY_HEX, 'hex')),
    checkpointFiles: [checkpointFile],
  };
  if (dialect === 'sqlite') {
    const url = `file:${path.join(dir, 'test.db')}`;
    const template = process.env[TEMPLATE_ENV.sqlite];
    if (template) fs.copyFileSync(template, path.join(dir, 'test.db'));
    const db = connect(url);
    // A no-op on a copy of the template (it only checks that the copy is up to date).
    await migrateToLatest(db);
    const ctx = createContext(db, keys, audit);
    return {
      ctx,
      dialect,
      url,
      schema: undefined,
      checkpointFile,
      async raw(sqlText, params = []) {
        const { default: SQLite } = await import('better-sqlite3');
        const conn = new SQLite(url.slice('file:'.length));
        try {
          conn.prepare(sqlText).run(...params);
        } finally {
          conn.close();
        }
      },
      async destroy() {
        await ctx.checkpoints.settle();
        await db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const { url, schema, drop } = await newPgDatabase();
  const db = connect(url, { schema });
  await migrateToLatest(db);
  const ctx = createContext(db, keys, audit);
  return {
    ctx,
    dialect,
    url,
    schema,
    checkpointFile,
    async raw(sqlText, params = []) {
      const c = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
      await c.connect();
      try {
        await c.query(
          sqlText.replace(
            /\?/g,
            (() => {
              let i = 0;
              return () => `$${++i}`;
            })(),
          ),
          params,
        );
      } finally {
        await c.end();
      }
    },
    async destroy() {
      await ctx.checkpoints.settle();
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
      await drop();
    },
  };
}
