// Start-up shared by the server and the CLI: configuration, database (migrated), keys, and a
// checkpoint of the audit chain as found.
import fs from 'node:fs';
import { loadConfig, type Config } from './config.ts';
import { createContext, type AppContext } from './context.ts';
import { connect, type ConnectOptions } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { chainHead } from './db/repositories/audit.ts';
import { sweepAbandonedImports } from './domain/exchange/sweep-imports.ts';
import { loadOrCreateAuditKeys } from './security/audit-keys.ts';
import { KEY_BACKUP_WARNING, loadOrCreateKeys } from './security/keys.ts';

/** A standby that does not answer within this long is skipped (reads fall back to the primary). */
export const STANDBY_CONNECT_TIMEOUT_MS = 3000;

export interface Booted {
  config: Config;
  ctx: AppContext;
  close(): Promise<void>;
}

export async function boot(
  opts: {
    env?: NodeJS.ProcessEnv;
    warn?: (m: string) => void;
    /** How the primary is opened (a command-line import: as the server's import worker opens it). */
    connectOptions?: ConnectOptions;
  } = {},
): Promise<Booted> {
  const config = loadConfig(opts.env);
  const warn = opts.warn ?? ((m: string) => console.error(m));
  const db = connect(config.databaseUrl, opts.connectOptions);
  try {
    await migrateToLatest(db);
    const { keys, generatedAt } = loadOrCreateKeys({ keyHex: config.keyHex, keyFile: config.keyFile });
    if (generatedAt) warn(`⚠ ${KEY_BACKUP_WARNING(generatedAt)}`);
    const head = await chainHead(db.kysely);
    const { keyring, notice } = loadOrCreateAuditKeys({
      file: config.auditKeyFile,
      chainLength: head?.id ?? 0,
      masterHex: keys.masterHex,
    });
    if (notice) warn(`⚠ ${notice}`);
    // With an audit key already in place and events in the log, a missing checkpoint file was
    // removed: say so before a new one is started.
    const missing = config.checkpointFiles.filter((f) => !fs.existsSync(f));
    if (head && !notice && missing.length > 0) {
      warn(
        `⚠ 审计检查点文件不存在：${missing.join('、')}。如非首次配置，可能已被删除，请核查外部检查点副本。`,
      );
    }
    // The standby is never migrated: it replays the primary's schema with everything else.
    const readDb = config.databaseReadUrl
      ? connect(config.databaseReadUrl, { connectTimeoutMs: STANDBY_CONNECT_TIMEOUT_MS })
      : db;
    const ctx = createContext(db, keys, { keyring, checkpointFiles: config.checkpointFiles, warn }, readDb);
    await ctx.checkpoints.flush();
    // An import a crash left half-written (its slices, never visible) is removed before anything
    // else runs, the server's requests as well as a command-line import.
    await sweepAbandonedImports(ctx);
    return {
      config,
      ctx,
      close: async () => {
        await ctx.checkpoints.settle();
        if (readDb !== db) await readDb.close();
        await db.close();
      },
    };
  } catch (e) {
    await db.close();
    throw e;
  }
}
