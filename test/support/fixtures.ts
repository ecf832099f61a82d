// The hand-made county of test/fixtures/county, and ways to spoil it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.ts';
import type { StagedPlacement } from '../../src/db/repositories/import-slices.ts';

export const COUNTY_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/county');

export function tempDir(prefix = 'bianzhi-t-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A copy of the county fixture, with `edit` applied to the text of chosen files. */
export function countyCopy(edit: Record<string, (text: string) => string> = {}): string {
  const dir = tempDir();
  for (const f of fs.readdirSync(COUNTY_DIR)) {
    const text = fs.readFileSync(path.join(COUNTY_DIR, f), 'utf8');
    fs.writeFileSync(path.join(dir, f), (edit[f] ?? ((t: string) => t))(text));
  }
  return dir;
}

const TABLES = [
  'regions',
  'units',
  'unit_versions',
  'plaques',
  'quotas',
  'leadership_posts',
  'people',
  'placements',
  'region_population',
  'student_counts',
  'audit_events',
] as const;

/** Row counts of every ledger table: what an all-or-nothing import must leave untouched. */
export async function tableCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) {
    const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(t)}`.execute(db);
    out[t] = Number(r.rows[0]?.n ?? 0);
  }
  return out;
}

/** A staged placement (import_placements) of a slice's person: 在编, 行政编制, no leadership post. */
export function stagedPlacement(
  personId: number,
  regionCode: string,
  unitCode: string,
  at: string,
): StagedPlacement {
  return {
    personId,
    regionCode,
    unitCode,
    quotaType: '行政编制',
    status: '在编',
    channel: null,
    leadershipLevel: '无',
    enteredOn: null,
    leftOn: null,
    at,
    by: null,
  };
}
