// Vitest global setup: one migrated database per dialect for the whole run, which openTestDb
// copies instead of migrating every test database anew (a SQLite file copy; on PostgreSQL
// CREATE DATABASE … TEMPLATE, about 20 times faster than creating a schema and running every
// migration). The migrations still run here, once per run on each dialect, so a broken
// migration still fails the run. Teardown drops both.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { connect } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { DIALECTS, PG_URL, pgAdmin, TEMPLATE_ENV, TEMPLATE_SCHEMA } from './databases.ts';

export async function setup(): Promise<() => Promise<void>> {
  const cleanups: (() => Promise<void>)[] = [];
  const teardown = async () => {
    for (const c of cleanups.reverse()) await c();
  };
  try {
    if (DIALECTS.includes('sqlite')) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bianzhi-template-'));
      cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
      const file = path.join(dir, 'template.db');
      const db = connect(`file:${file}`);
      await migrateToLatest(db);
      // Closing the last connection checkpoints the WAL into the file: a plain copy is whole.
      await db.close();
      process.env[TEMPLATE_ENV.sqlite] = file;
    }
    if (DIALECTS.includes('postgres')) {
      const name = `bianzhi_tmpl_${crypto.randomBytes(4).toString('hex')}`;
      const admin = await pgAdmin();
      try {
        await admin.query(`create database ${name}`);
      } finally {
        await admin.end();
      }
      cleanups.push(async () => {
        const c = await pgAdmin();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      });
      const url = new URL(PG_URL);
      url.pathname = `/${name}`;
      const c = new pg.Client({ connectionString: url.toString() });
      await c.connect();
      await c.query(`create schema ${TEMPLATE_SCHEMA}`);
      await c.end();
      // No connection may stay open: CREATE DATABASE … TEMPLATE refuses a template in use.
      const db = connect(url.toString(), { schema: TEMPLATE_SCHEMA });
      await migrateToLatest(db);
      await db.close();
      process.env[TEMPLATE_ENV.postgres] = name;
    }
  } catch (e) {
    await teardown();
    throw e;
  }
  return teardown;
}
