// Start-up as an operator meets it: the data folder is 0700 and the database (with its WAL and
// SHM), the key files and the checkpoint file are 0600; the audit key lives in its own file that
// may sit outside the data folder; and a database whose chain was keyed from the master key
// (before the keys were separated) keeps verifying after the upgrade.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/audit/verify-audit.ts';
import { AuditWriter } from '../../src/audit/writer.ts';
import { boot } from '../../src/bootstrap.ts';
import { connect } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { AuditKeyring, legacyAuditKey } from '../../src/security/audit-keys.ts';
import { TEST_KEY_HEX } from '../support/databases.ts';
import { tempDir } from '../support/fixtures.ts';

const mode = (p: string): number => fs.statSync(p).mode & 0o777;
const actor = { id: null, name: '测试' };
const event = {
  action: 'population.set' as const,
  entityType: 'population',
  entityId: 1,
  regionCode: '640121',
  summary: '旧版本写入的事件',
  payload: { before: null, after: { unitCode: null, year: 2020, population: 1 } },
};

describe('key files and data folder', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('creates the data folder 0700 and the database, WAL, SHM, key and checkpoint files 0600', async () => {
    const root = tempDir();
    dirs.push(root);
    const dataDir = path.join(root, 'data');
    const etc = path.join(root, 'etc', 'bianzhi');
    const warnings: string[] = [];
    const b = await boot({
      env: {
        BIANZHI_DATA_DIR: dataDir,
        BIANZHI_AUDIT_KEY_FILE: path.join(etc, 'audit.key'),
      },
      warn: (m) => warnings.push(m),
    });
    try {
      await b.ctx.db.kysely.transaction().execute((trx) => b.ctx.audit.record(trx, actor, event));
      await b.ctx.checkpoints.settle();
      const db = path.join(dataDir, 'bianzhi.db');
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(etc)).toBe(0o700);
      for (const f of [db, `${db}-wal`, `${db}-shm`, path.join(dataDir, 'bianzhi.key')])
        expect(mode(f)).toBe(0o600);
      expect(mode(path.join(etc, 'audit.key'))).toBe(0o600);
      expect(mode(path.join(etc, 'bianzhi-audit.checkpoints'))).toBe(0o600);
      // Two separate keys, two warnings to back them up.
      expect(warnings.join('\n')).toContain('主密钥');
      expect(warnings.join('\n')).toContain('审计密钥');
      expect(fs.readFileSync(path.join(etc, 'audit.key'), 'utf8')).not.toContain(
        fs.readFileSync(path.join(dataDir, 'bianzhi.key'), 'utf8').trim(),
      );
      expect((await verifyAudit(b.ctx)).ok).toBe(true);
    } finally {
      await b.close();
    }
  });

  it('keeps an existing chain keyed from the master key verifying, and says how to rotate', async () => {
    const root = tempDir();
    dirs.push(root);
    const url = `file:${path.join(root, 'old.db')}`;
    // The previous version: no audit key file, events signed with the key derived from the master key.
    const old = connect(url);
    await migrateToLatest(old);
    const writer = new AuditWriter(AuditKeyring.single(legacyAuditKey(TEST_KEY_HEX)), 'sqlite');
    await old.kysely.transaction().execute((trx) => writer.recordMany(trx, actor, [event, event, event]));
    await old.close();

    const warnings: string[] = [];
    const b = await boot({
      env: { DATABASE_URL: url, BIANZHI_KEY: TEST_KEY_HEX, BIANZHI_DATA_DIR: root },
      warn: (m) => warnings.push(m),
    });
    try {
      expect(warnings.join('\n')).toContain('keys rotate-audit');
      expect(await verifyAudit(b.ctx)).toMatchObject({ ok: true, count: 3 });
      expect(b.ctx.auditKeys.keyFor(1)).toEqual(legacyAuditKey(TEST_KEY_HEX));
      expect(mode(path.join(root, 'bianzhi-audit.key'))).toBe(0o600);
    } finally {
      await b.close();
    }
  });
});
