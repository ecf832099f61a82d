// Start-up shared by the server and the CLI: configuration, database (migrated), keys.
import { loadConfig, type Config } from './config.ts';
import { createContext, type AppContext } from './context.ts';
import { connect } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { KEY_BACKUP_WARNING, loadOrCreateKeys } from './security/keys.ts';

/** A standby that does not answer within this long is skipped (reads fall back to the primary). */
export const STANDBY_CONNECT_TIMEOUT_MS = 3000;

export interface Booted {
  config: Config;
  ctx: AppContext;
  close(): Promise<void>;
}

export async function boot(
  opts: { env?: NodeJS.ProcessEnv; warn?: (m: string) => void } = {},
): Promise<Booted> {
  const config = loadConfig(opts.env);
  const warn = opts.warn ?? ((m: string) => console.error(m));
  const db = connect(config.databaseUrl);
  try {
    await migrateToLatest(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  const { keys, generatedAt } = loadOrCreateKeys({ keyHex: config.keyHex, keyFile: config.keyFile });
  if (generatedAt) warn(`⚠ ${KEY_BACKUP_WARNING(generatedAt)}`);
  // The standby is never migrated: it replays the primary's schema with everything else.
  const readDb = config.databaseReadUrl
    ? connect(config.databaseReadUrl, { connectTimeoutMs: STANDBY_CONNECT_TIMEOUT_MS })
    : db;
  return {
    config,
    ctx: createContext(db, keys, readDb),
    close: async () => {
      if (readDb !== db) await readDb.close();
      await db.close();
    },
  };
}
