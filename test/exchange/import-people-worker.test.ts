// Issue 10 item 2: a large 人员 sheet is checked in a worker thread (check-people.ts). The worker
// path must give exactly what the in-thread path gives, on both databases:
// - a generated county with bad rows injected (a wrong check character, a repeated 身份证号, an
//   unknown unit, a rejected row naming an unknown unit, a bad date, a great age, an empty line):
//   the same errors in the same order, the same warnings and counts, and nothing written;
// - the same county without them, as CSV and as .xlsx: the same people, 身份证号 (decrypted),
//   placements and audit events.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../src/common/codes/id-card.ts';
import type { ImportResult } from '../../src/common/wire.ts';
import type { AppContext } from '../../src/context.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { writeCounty } from '../../src/demo/write-county.ts';
import { decryptField } from '../../src/security/field-crypto.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { tableCounts, tempDir } from '../support/fixtures.ts';

const actor = { id: null, name: '测试' };
const AS_OF = '2026-06-30';

const files = (dir: string): string[] => fs.readdirSync(dir).map((f) => path.join(dir, f));

function idNumber(first17: string): string {
  return first17 + idNumberCheckChar(first17);
}

/** The county's 人员.csv with bad rows put between its own; the rows' lines as the file has them. */
function injectBadRows(dir: string): void {
  const file = path.join(dir, '人员.csv');
  const [head = '', ...lines] = fs.readFileSync(file, 'utf8').split('\n');
  const data = lines.filter((l) => l !== '');
  const [first = '', second = ''] = data;
  const cells = (line: string) => line.split(',');
  const withCells = (line: string, edits: Record<number, string>) =>
    cells(line)
      .map((c, i) => edits[i] ?? c)
      .join(',');
  const badCheck = cells(first)[0]?.slice(0, 17) ?? '';
  const wrongCheck = badCheck + (idNumberCheckChar(badCheck) === '1' ? '2' : '1');
  const bad = [
    withCells(second, { 0: wrongCheck }), // wrong check character
    first, // the 身份证号 of an earlier row
    withCells(second, { 0: idNumber('64012119900101771'), 3: 'ZZ99' }), // unknown unit
    withCells(second, { 0: idNumber('64012119900101772'), 3: 'ZZ98', 5: '不存在的状态' }), // rejected + unknown unit
    withCells(second, { 0: idNumber('64012119900101773'), 8: '2020-02-30' }), // no such date
    withCells(second, { 0: idNumber('64012119000101774') }), // a great age: a warning only
    '', // an empty line keeps its row number
  ];
  // Near the end: a slice of the rows before them is written (sliceBatches 1), then removed.
  if (data.length < 1100) throw new Error('the county should have more than 1,100 people');
  const at = data.length - 10;
  const out = [head, ...data.slice(0, at), ...bad, ...data.slice(at), ''];
  fs.writeFileSync(file, out.join('\n'));
}

/** What the database holds of people, comparable between two databases (no ids, clear 身份证号). */
async function peopleOf(ctx: AppContext): Promise<string[]> {
  const rows = await ctx.db.kysely
    .selectFrom('people')
    .innerJoin('placements', 'placements.person_id', 'people.id')
    .innerJoin('units', 'units.id', 'placements.unit_id')
    .select([
      'people.id_hash',
      'people.id_cipher',
      'people.id_masked',
      'people.name',
      'people.gender',
      'people.birth_date',
      'people.import_id',
      'units.code',
      'placements.quota_type',
      'placements.status',
      'placements.channel',
      'placements.leadership_level',
      'placements.entered_on',
      'placements.left_on',
      'placements.is_current',
    ])
    .execute();
  return rows
    .map((r) => {
      const { id_cipher, import_id, ...rest } = r;
      return JSON.stringify({ ...rest, id: decryptField(ctx.keys, id_cipher), sliced: import_id !== null });
    })
    .sort();
}

async function auditOf(ctx: AppContext): Promise<string[]> {
  const rows = await ctx.db.kysely
    .selectFrom('audit_events')
    .select(['action', 'region_code', 'summary'])
    .where('action', 'in', ['person.import', 'unit.import', 'region.create'])
    .orderBy('id')
    .execute();
  return rows.map((r) => `${r.action} ${r.region_code ?? ''} ${r.summary}`);
}

const run = (
  ctx: AppContext,
  paths: string[],
  peopleWorker: boolean,
  directLookupBatches?: number,
): Promise<ImportResult> =>
  importWorkbook(ctx, {
    actor,
    paths,
    dryRun: false,
    allowedRegions: null,
    peopleWorker,
    sliceBatches: 1,
    directLookupBatches,
  });

describe.each(DIALECTS)('the 人员 sheet checked in a worker thread on %s', (dialect) => {
  const dbs: TestDb[] = [];
  let clean: string;
  let workbook: string;

  beforeAll(async () => {
    clean = tempDir();
    await writeCounty(clean, { regionCode: '640121', scale: 0.3, seed: 31, asOf: AS_OF });
    workbook = path.join(tempDir(), 'county.xlsx');
    await writeCounty(workbook, { regionCode: '640121', scale: 0.3, seed: 31, asOf: AS_OF });
    for (let i = 0; i < 4; i += 1) dbs.push(await openTestDb(dialect));
  });

  afterAll(async () => {
    for (const t of dbs) await t.destroy();
  });

  it('reports the same errors, warnings and counts for bad rows, and writes nothing', async () => {
    const bad = tempDir();
    for (const f of fs.readdirSync(clean)) fs.copyFileSync(path.join(clean, f), path.join(bad, f));
    injectBadRows(bad);
    const [t] = dbs;
    if (!t) throw new Error('no database');
    const before = await tableCounts(t.ctx.db.kysely);
    const here = await run(t.ctx, files(bad), false);
    const worker = await run(t.ctx, files(bad), true);
    expect(here.ok).toBe(false);
    expect(worker).toEqual(here);
    const reasons = here.errors.map((e) => `${e.table} ${e.row} ${e.column} ${e.reason}`);
    expect(reasons.some((r) => r.includes('校验码错误'))).toBe(true);
    expect(reasons.some((r) => /身份证号 与第\d+行重复/.test(r))).toBe(true);
    expect(reasons.filter((r) => r.includes('ZZ99') || r.includes('ZZ98'))).toHaveLength(2);
    expect(reasons.some((r) => r.includes('不存在的状态'))).toBe(true);
    expect(here.warningCount).toBeGreaterThan(0);
    // Slices written before the first bad row are removed again: the audit chain keeps their events
    // and each import's abort, the same for both.
    const { audit_events: _, ...after } = await tableCounts(t.ctx.db.kysely);
    const { audit_events: __, ...rest } = before;
    expect(after).toEqual(rest);
    const aborts = await t.ctx.db.kysely
      .selectFrom('audit_events')
      .select('summary')
      .where('action', '=', 'import.abort')
      .orderBy('id')
      .execute();
    expect(aborts).toHaveLength(2);
    expect(aborts[1]?.summary).toBe(aborts[0]?.summary);
  }, 180_000);

  it('writes the same people, placements and audit events from CSV and from .xlsx', async () => {
    const [, a, b, c] = dbs;
    if (!a || !b || !c) throw new Error('no database');
    const here = await run(a.ctx, files(clean), false);
    const worker = await run(b.ctx, files(clean), true);
    const fromXlsx = await run(c.ctx, [workbook], true);
    expect(here.ok).toBe(true);
    expect(here.counts['人员']?.inserted).toBeGreaterThan(1000);
    expect(worker).toEqual(here);
    expect(fromXlsx.counts).toEqual(here.counts);
    const people = await peopleOf(a.ctx);
    expect(people).toHaveLength(here.counts['人员']?.inserted ?? -1);
    expect(await peopleOf(b.ctx)).toEqual(people);
    expect(await peopleOf(c.ctx)).toEqual(people);
    expect(await auditOf(b.ctx)).toEqual(await auditOf(a.ctx));
    expect(await auditOf(c.ctx)).toEqual(await auditOf(a.ctx));
    // A second import through the worker finds every person known and changes nothing.
    const again = await run(b.ctx, files(clean), true);
    expect(again.counts['人员']).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: here.counts['人员']?.inserted,
    });
    // So does one that loads the recorded hashes after its first batch (as a province's does),
    // and looks up only those.
    const loaded = await run(b.ctx, files(clean), true, 1);
    expect(loaded.counts['人员']).toEqual(again.counts['人员']);
    expect(await peopleOf(b.ctx)).toEqual(people);
  });
});
