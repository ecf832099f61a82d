// The audit chain against its signed checkpoints, on both databases: a checkpoint follows each
// committed write (never a rolled-back one); deleting the last events or emptying the log is
// found, and appending new events afterwards does not make it green again; a chain longer than
// its checkpoint (a crash before the checkpoint) verifies; PostgreSQL refuses TRUNCATE; the
// chain does not depend on the field-encryption key.
import fs from 'node:fs';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import ExcelJS from 'exceljs';
import {
  checkpointFromExportNote,
  checkpointSignatureValid,
  parseCheckpoint,
} from '../../src/audit/checkpoint.ts';
import type { AuditEventInput } from '../../src/audit/events.ts';
import { verifyAudit } from '../../src/audit/verify-audit.ts';
import { AuditWriter } from '../../src/audit/writer.ts';
import { createContext } from '../../src/context.ts';
import { exportWorkbook } from '../../src/domain/exchange/export-workbook.ts';
import { ensureRegion } from '../../src/domain/regions/ensure-region.ts';
import { AuditKeyring } from '../../src/security/audit-keys.ts';
import { keysFromHex } from '../../src/security/keys.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { tempDir } from '../support/fixtures.ts';

const actor = { id: null, name: '测试' };
const event = (n: number): AuditEventInput => ({
  action: 'population.set',
  entityType: 'population',
  entityId: n,
  regionCode: '640121',
  summary: `事件 ${n}`,
  payload: { before: null, after: { unitCode: null, year: 2000 + n, population: n } },
});

async function append(t: TestDb, from: number, to: number): Promise<void> {
  for (let n = from; n <= to; n += 1) {
    await t.ctx.db.kysely.transaction().execute((trx) => t.ctx.audit.record(trx, actor, event(n)));
  }
  await t.ctx.checkpoints.settle();
}

function checkpointCounts(t: TestDb): number[] {
  return fs
    .readFileSync(t.checkpointFile, 'utf8')
    .split('\n')
    .map(parseCheckpoint)
    .flatMap((c) => (c ? [c.count] : []));
}

/** Deletes the last `n` events behind the application's back (its triggers removed first). */
async function deleteTail(t: TestDb, n: number): Promise<void> {
  if (t.dialect === 'sqlite') {
    await t.raw('drop trigger audit_events_no_delete');
  } else {
    await t.raw('alter table audit_events disable trigger audit_events_no_update');
  }
  await t.raw(`delete from audit_events where id > (select max(id) - ${n} from audit_events)`);
}

describe.each(DIALECTS)('audit checkpoints on %s', (dialect) => {
  let t: TestDb;
  beforeEach(async () => {
    t = await openTestDb(dialect);
    await append(t, 1, 5);
  });
  afterEach(async () => {
    await t?.destroy();
  });

  it('writes a signed checkpoint after each committed write, none for a rolled-back one', async () => {
    expect(Math.max(...checkpointCounts(t))).toBe(5);
    await expect(
      t.ctx.db.kysely.transaction().execute(async (trx) => {
        await t.ctx.audit.record(trx, actor, event(6));
        throw new Error('回滚');
      }),
    ).rejects.toThrow('回滚');
    await t.ctx.checkpoints.settle();
    expect(Math.max(...checkpointCounts(t))).toBe(5);
    const r = await verifyAudit(t.ctx);
    expect(r).toMatchObject({ ok: true, count: 5, checkpoint: { count: 5 } });
    expect(r.warnings).toEqual([]);
  });

  it('fails when the last events are deleted, and stays failed when new events follow', async () => {
    await deleteTail(t, 2);
    const cut = await verifyAudit(t.ctx);
    expect(cut).toMatchObject({ ok: false, count: 3, badEventId: 4 });
    expect(cut.ok ? '' : cut.reason).toContain('末尾缺失');

    await append(t, 4, 7);
    const rechained = await verifyAudit(t.ctx);
    expect(rechained.ok).toBe(false);
  });

  it('verifies a chain longer than its latest checkpoint (a crash before the checkpoint)', async () => {
    const noCheckpoint = new AuditWriter(t.ctx.auditKeys, dialect);
    await t.ctx.db.kysely
      .transaction()
      .execute((trx) => noCheckpoint.recordMany(trx, actor, [event(6), event(7)]));
    expect(Math.max(...checkpointCounts(t))).toBe(5);
    expect(await verifyAudit(t.ctx)).toMatchObject({ ok: true, count: 7 });
  });

  it('fails on a checkpoint not signed with the audit key', async () => {
    const forger = createContext(t.ctx.db, t.ctx.keys, {
      keyring: AuditKeyring.single(Buffer.alloc(32, 9)),
      checkpointFiles: [t.checkpointFile],
    });
    forger.checkpoints.append(forger.checkpoints.sign(2, 'f'.repeat(64)));
    const r = await verifyAudit(t.ctx);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.reason).toContain('签名无效');
  });

  it('does not depend on the field-encryption key, only on the audit key', async () => {
    const otherMaster = createContext(t.ctx.db, keysFromHex('5e'.repeat(32)), {
      keyring: t.ctx.auditKeys,
      checkpointFiles: [t.checkpointFile],
    });
    expect(await verifyAudit(otherMaster)).toMatchObject({ ok: true, count: 5 });
    const otherAuditKey = createContext(t.ctx.db, t.ctx.keys, {
      keyring: AuditKeyring.single(Buffer.alloc(32, 3)),
      checkpointFiles: [],
    });
    expect(await verifyAudit(otherAuditKey)).toMatchObject({ ok: false, badEventId: 1 });
  });

  it('verifies across a key rotation with the old key for old events', async () => {
    const ring = t.ctx.auditKeys.withNewKey(6, Buffer.alloc(32, 4));
    const rotated = createContext(t.ctx.db, t.ctx.keys, {
      keyring: ring,
      checkpointFiles: [t.checkpointFile],
    });
    await rotated.db.kysely
      .transaction()
      .execute((trx) => rotated.audit.recordMany(trx, actor, [event(6), event(7)]));
    await rotated.checkpoints.settle();
    expect(await verifyAudit(rotated)).toMatchObject({ ok: true, count: 7 });
    // The old key alone no longer verifies what came after the rotation.
    expect((await verifyAudit(t.ctx)).ok).toBe(false);
  });

  it('carries a signed checkpoint in every export (.xlsx properties, 审计检查点.txt beside .csv)', async () => {
    await ensureRegion(t.ctx, { code: '640121', actor });
    const dir = tempDir();
    try {
      const xlsx = path.join(dir, 'out.xlsx');
      await exportWorkbook(t.ctx, { actor, regionCode: '640121', out: xlsx });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(xlsx);
      const fromXlsx = checkpointFromExportNote(wb.description ?? '');
      expect(fromXlsx?.count).toBeGreaterThan(5);
      expect(fromXlsx && checkpointSignatureValid(t.ctx.auditKeys, fromXlsx)).toBe(true);
      const csvDir = path.join(dir, 'csv');
      await exportWorkbook(t.ctx, { actor, regionCode: '640121', out: csvDir });
      const fromCsv = checkpointFromExportNote(fs.readFileSync(path.join(csvDir, '审计检查点.txt'), 'utf8'));
      expect(fromCsv && checkpointSignatureValid(t.ctx.auditKeys, fromCsv)).toBe(true);
      expect(fromCsv?.count).toBeGreaterThan(fromXlsx?.count ?? 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  if (dialect === 'postgres') {
    it('refuses TRUNCATE of the audit log; emptied anyway (trigger disabled), verify fails', async () => {
      await expect(sql`truncate audit_events`.execute(t.ctx.db.kysely)).rejects.toThrow(/不能清空/);
      await t.raw('alter table audit_events disable trigger audit_events_no_truncate');
      await t.raw('truncate audit_events');
      const r = await verifyAudit(t.ctx);
      expect(r).toMatchObject({ ok: false, count: 0, badEventId: 1 });
      await append(t, 1, 6);
      expect((await verifyAudit(t.ctx)).ok).toBe(false);
    });
  }
});
