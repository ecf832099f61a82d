// The 基本情况 report against a hand-built county whose 72 values were computed by hand
// (test/fixtures/report-county/HAND-COMPUTATION.md), on both databases, for today and for a
// past date — through the use case and through the command line.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASIC_PLACES, BASIC_TEMPLATE } from '../../src/common/report-basic.ts';
import { todayInChina } from '../../src/context.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { computeBasicFor } from '../../src/domain/reports/get-basic-report.ts';
import { DIALECTS, openTestDb, TEST_KEY_HEX, type TestDb } from '../support/databases.ts';
import { tempDir } from '../support/fixtures.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/report-county');
const expected = JSON.parse(fs.readFileSync(path.join(FIXTURE, 'expected.json'), 'utf8')) as {
  regionName: string;
  cityName: string;
  dates: Record<'2023-06-30' | 'today', Record<string, number>>;
};
const COUNT_KEYS = [...new Set(BASIC_PLACES.filter((p) => p.kind === 'count').map((p) => p.key))];
const DATES = [
  ['2023-06-30', '2023-06-30'],
  ['today', todayInChina()],
] as const;

/** The report text the hand values give: the template filled in place by place. */
function expectedText(values: Record<string, number>): string {
  const fills = BASIC_PLACES.filter((p) => p.place > 0).map((p) =>
    p.key === 'countyName'
      ? expected.regionName
      : p.key === 'cityName'
        ? expected.cityName
        : String(values[p.key]),
  );
  let i = 0;
  return BASIC_TEMPLATE.map((line) =>
    line
      .replace('{57}', String(values.partyGovernmentOrgans))
      .replace(/\*[县市]|\*/g, () => fills[i++] ?? '?'),
  ).join('\n');
}

it('has a hand value for every figure on both dates', () => {
  for (const [label] of DATES)
    expect(Object.keys(expected.dates[label]).sort()).toEqual([...COUNT_KEYS].sort());
});

describe.each(DIALECTS)('基本情况 of the hand-built county on %s', (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(dialect);
    const r = await importWorkbook(t.ctx, {
      actor: { id: null, name: '测试' },
      paths: [FIXTURE],
      dryRun: false,
      allowedRegions: null,
    });
    expect(r.errors).toEqual([]);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it.each(DATES)('gives the hand-computed value of all 72 places on %s', async (label, asOf) => {
    const c = await computeBasicFor(t.ctx.db.kysely, { regionCode: '640121', asOf });
    const actual = Object.fromEntries(c.report.figures.map((f) => [f.key, f.value]));
    expect(actual).toEqual(expected.dates[label]);
    expect(c.report.regionName).toBe(expected.regionName);
    expect(c.report.cityName).toBe(expected.cityName);
  });

  it('warns that the rank breakdown does not add up to the institutions', async () => {
    const c = await computeBasicFor(t.ctx.db.kysely, { regionCode: '640121', asOf: '2023-06-30' });
    const partition = c.quality.filter((q) => q.kind === 'partition');
    expect(partition.map((q) => q.message)).toEqual([
      expect.stringContaining('按机构规格划分的分项之和为 21 个'),
    ]);
    expect(c.quality.some((q) => q.kind === 'over_quota')).toBe(true);
    expect(c.quality.some((q) => q.kind === 'people_in_missing_unit')).toBe(true);
  });
});

/** A new SQLite database in its own folder with the fixture imported by the bin; `run` runs the bin on it. */
function importedByTheBin(): {
  dir: string;
  run: (...args: string[]) => SpawnSyncReturns<string>;
} {
  const dir = tempDir();
  const env = {
    ...process.env,
    DATABASE_URL: `file:${path.join(dir, 'r.db')}`,
    BIANZHI_KEY: TEST_KEY_HEX,
    BIANZHI_DATA_DIR: dir,
  };
  const bin = path.resolve('bin/bianzhi.mjs');
  const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8' });
  expect(run('import', FIXTURE).status).toBe(0);
  return { dir, run };
}

describe('the command line gives the same text', () => {
  it.each(DATES)('bianzhi report basic --as-of %s', (label, asOf) => {
    const { dir, run } = importedByTheBin();
    const r = run('report', 'basic', '--region', '640121', '--as-of', asOf);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(expectedText(expected.dates[label]));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

it('bianzhi report checkpoints builds the month-ends with progress, and the hand values still come out', () => {
  const { dir, run } = importedByTheBin();
  expect(run('report', 'checkpoints', '--region', '640121', '--years', 'x').status).toBe(2);
  const r = run('report', 'checkpoints', '--region', '640121', '--as-of', '2023-08-20', '--years', '1');
  expect(r.status).toBe(0);
  const lines = r.stdout.trim().split('\n');
  // The 2016…2021 year-ends, 2022-01-31…2023-07-31, the statistics date; then the summary.
  expect(lines).toHaveLength(6 + 19 + 1 + 1);
  expect(lines[0]).toMatch(/^\[1\/26\] 2016-12-31 \d+\.\d s$/);
  expect(lines[25]).toMatch(/^\[26\/26\] 2023-08-20 /);
  expect(lines[26]).toMatch(/^已建立 26 个检查点（2016-12-31 至 2023-08-20）/);
  // 2023-06-30 is a checkpoint now (patched month by month from 2016): the hand values.
  const basic = run('report', 'basic', '--region', '640121', '--as-of', '2023-06-30');
  expect(basic.status).toBe(0);
  expect(basic.stdout.trim()).toBe(expectedText(expected.dates['2023-06-30']));
  fs.rmSync(dir, { recursive: true, force: true });
});
