import { describe, expect, it } from 'vitest';
import { AuditKeyring } from '../security/audit-keys.ts';
import {
  checkpointFromExportNote,
  checkpointsByPosition,
  checkpointSignatureValid,
  exportCheckpointNote,
  formatCheckpoint,
  signCheckpoint,
} from './checkpoint.ts';

const ring = AuditKeyring.single(Buffer.alloc(32, 1));
const cp = (count: number, head: string, db = 'sqlite:/a.db') =>
  signCheckpoint(ring, { db, count, head, at: '2026-12-01T00:00:00.000Z' });

describe('audit checkpoints', () => {
  it('are valid only unchanged and under the right key', () => {
    const c = cp(3, 'a'.repeat(64));
    expect(checkpointSignatureValid(ring, c)).toBe(true);
    expect(checkpointSignatureValid(ring, { ...c, count: 4 })).toBe(false);
    expect(checkpointSignatureValid(ring, { ...c, head: 'b'.repeat(64) })).toBe(false);
    expect(checkpointSignatureValid(ring, { ...c, db: 'sqlite:/b.db' })).toBe(false);
    expect(checkpointSignatureValid(AuditKeyring.single(Buffer.alloc(32, 2)), c)).toBe(false);
  });

  it('are checked by position: every line of this database, conflicts and forgeries reported', () => {
    const forged = signCheckpoint(AuditKeyring.single(Buffer.alloc(32, 2)), {
      db: 'sqlite:/a.db',
      count: 9,
      head: 'f'.repeat(64),
      at: 'x',
    });
    const lines = [
      formatCheckpoint(cp(2, 'a'.repeat(64))),
      formatCheckpoint(cp(7, 'c'.repeat(64))),
      formatCheckpoint(cp(5, 'b'.repeat(64))),
      formatCheckpoint(cp(40, 'd'.repeat(64), 'sqlite:/other.db')),
      formatCheckpoint(cp(5, 'e'.repeat(64))),
      formatCheckpoint(forged),
      '{"v":1,"db":"sqlite:/a.db","cou',
    ];
    const r = checkpointsByPosition(ring, 'sqlite:/a.db', lines);
    expect([...r.byCount.keys()].sort((a, b) => a - b)).toEqual([2, 5, 7]);
    expect(r.latest?.count).toBe(7);
    expect(r.conflicts).toEqual([5]);
    expect(r.problems.map((p) => p.kind)).toEqual(['bad-signature', 'malformed']);
  });

  it('travel inside an export note', () => {
    const c = cp(11, '1'.repeat(64));
    expect(checkpointFromExportNote(exportCheckpointNote(c))).toEqual(c);
    expect(checkpointFromExportNote('其他说明')).toBeNull();
  });
});
