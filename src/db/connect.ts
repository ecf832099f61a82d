// Opens the database named by DATABASE_URL: a SQLite file (default) or PostgreSQL.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  type Driver,
  type SqliteDatabase,
} from 'kysely';
import pg from 'pg';
import type { Database } from './database.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** Where the data lives, for messages (never includes a password). */
  describe: string;
  /** Which database this is, for audit checkpoints: the SQLite file's path, or PostgreSQL host/database/schema. */
  identity: string;
  /** PostgreSQL schema the connection works in, when not the default. */
  schema?: string;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** PostgreSQL only: run in this schema (tests use a throwaway one). */
  schema?: string;
  /** PostgreSQL only: give up connecting after this long (the standby: fall back to the primary soon). */
  connectTimeoutMs?: number;
  /** PostgreSQL only: the connections' application_name (an import's, so that a sweep can end them). */
  applicationName?: string;
  /**
   * SQLite only: bytes of the file read through a memory map (default 1 GiB, for reports). An
   * import's connection uses none: it writes far more than it reads again, and the mapped pages
   * of a million-person file counted towards the import's memory.
   */
  mmapBytes?: number;
  /**
   * SQLite only: WAL pages after which a commit of this connection copies the log back into the
   * database (wal_autocheckpoint; default SQLite's 1,000). An import's connection waits longer: each
   * of its slices rewrites most of the keyed hash's index, and a checkpoint — copy and fsync — after
   * every slice was a third of the slices' time (import-memory.ts).
   */
  walAutocheckpointPages?: number;
}

export function parseDatabaseUrl(url: string): { dialect: Dialect; location: string } {
  if (url.startsWith('file:')) return { dialect: 'sqlite', location: url.slice('file:'.length) };
  if (/^postgres(ql)?:\/\//.test(url)) return { dialect: 'postgres', location: url };
  throw new Error(`无法识别的 DATABASE_URL：${url.split(':')[0]}:…（应为 file:路径 或 postgres://…）`);
}

/**
 * SQLite transactions start with BEGIN IMMEDIATE, taking the write lock (waiting up to
 * busy_timeout for it) before their first read. A deferred BEGIN that reads, then writes after
 * another connection committed (an import applying its rows, a second server process), cannot
 * wait: SQLite fails it at once with "database is locked" (SQLITE_BUSY_SNAPSHOT).
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

export function connect(url: string, options: ConnectOptions = {}): Db {
  const { dialect, location } = parseDatabaseUrl(url);
  if (dialect === 'sqlite') {
    if (location !== ':memory:') createPrivateFile(path.resolve(location));
    const database = new SQLite(location);
    database.pragma('journal_mode = WAL');
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 30000');
    database.pragma('synchronous = NORMAL');
    // Reports read hundreds of megabytes at province size: a larger page cache and memory-mapped reads.
    database.pragma('cache_size = -65536');
    database.pragma(`mmap_size = ${Math.max(0, Math.floor(options.mmapBytes ?? 1073741824))}`);
    if (options.walAutocheckpointPages !== undefined)
      database.pragma(`wal_autocheckpoint = ${Math.max(0, Math.floor(options.walAutocheckpointPages))}`);
    const kysely = new Kysely<Database>({
      dialect: new ImmediateSqliteDialect({ database: withStatementCache(database) }),
    });
    return {
      kysely,
      dialect,
      describe: `SQLite ${location}`,
      identity: location === ':memory:' ? 'sqlite::memory:' : `sqlite:${path.resolve(location)}`,
      close: () => kysely.destroy(),
    };
  }
  const pool = new pg.Pool({
    connectionString: location,
    max: 10,
    connectionTimeoutMillis: options.connectTimeoutMs,
    application_name: options.applicationName,
    options: options.schema ? `-c search_path=${options.schema}` : undefined,
    // count(*) and bigint come back as strings by default; our counts fit in a JS number.
    types: {
      getTypeParser: (oid: number, format?: 'text' | 'binary') =>
        oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format),
    },
  });
  // An idle connection closed by the server (a restart, a failover, a stopped standby) is dropped
  // by the pool and the next query opens a new one; unhandled, the event would end the process.
  pool.on('error', () => undefined);
  // The same for a connection that is checked out when the server goes away (a standby stopped
  // mid-report): its query is rejected with the error, and the client's own 'error' event —
  // which the pool listens to only while the client is idle — must not end the process.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const safe = location.replace(/\/\/[^@]*@/, '//');
  return {
    kysely,
    dialect,
    describe: `PostgreSQL ${safe}`,
    identity: postgresIdentity(location, options.schema),
    schema: options.schema,
    close: () => kysely.destroy(),
  };
}

/** How many prepared statements a SQLite connection keeps (the most recently used). */
const STATEMENT_CACHE = 256;

/**
 * Kysely prepares every statement anew; parsing the SQL is most of the cost of a small insert
 * (an import's thousands of rows, a bulk insert's fixed-shape chunks). The connection keeps its
 * recently used statements instead. A statement still being iterated (a streamed select) is
 * busy: a second use of the same text gets a fresh statement.
 */
function withStatementCache(database: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare: (text: string) => {
      const hit = cache.get(text);
      if (hit && !hit.busy) {
        cache.delete(text);
        cache.set(text, hit);
        return hit;
      }
      const statement = database.prepare(text);
      if (!hit) {
        cache.set(text, statement);
        if (cache.size > STATEMENT_CACHE) {
          const oldest = cache.keys().next();
          if (oldest.done !== true) cache.delete(oldest.value);
        }
      }
      return statement;
    },
  };
}

/**
 * The data folder (0700) and an empty database file (0600) made before SQLite opens it: SQLite
 * gives its -wal and -shm files the database file's permissions.
 */
function createPrivateFile(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  if (!fs.existsSync(file)) fs.closeSync(fs.openSync(file, 'a', 0o600));
}

function postgresIdentity(location: string, schema: string | undefined): string {
  const u = new URL(location);
  const base = `postgres://${u.hostname}:${u.port || '5432'}${u.pathname || '/'}`;
  return schema ? `${base}?schema=${schema}` : base;
}
