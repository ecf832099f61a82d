// Loads generated counties straight into the tables in large batches, for benchmarks at
// province size (the real import checks and audits every row: right for users, slow for
// loading a million people just to time a report).
import type { Kysely } from 'kysely';
import type { Database } from '../src/db/database.ts';
import { generateCounty } from '../src/demo/generate-county.ts';
import { idNumberBirthDate, idNumberGender, maskIdNumber } from '../src/common/codes/id-card.ts';
import { nationalChain } from '../src/domain/regions/ensure-region.ts';
import { blindIndex, encryptField } from '../src/security/field-crypto.ts';
import type { Keys } from '../src/security/keys.ts';

const NOW = new Date().toISOString();

async function inBatches<T>(rows: T[], size: number, write: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

type County = ReturnType<typeof generateCounty>;

/**
 * Adds `extra` branch units (分部) to the county's institutions, round robin: each branch is a
 * 事业单位 under its institution with an equal share of the institution's quota rows and of its
 * staff (leaders stay at the institution). People and totals are unchanged; the units are more
 * and smaller, as in a province whose villages have their own schools and clinics.
 */
export function withBranches(county: County, extra: number): County {
  if (extra <= 0) return county;
  const bases = county.units.filter((u) => u.category === '事业单位' && u.abolishedOn === null);
  if (bases.length === 0) return county;
  const branchesOf = new Map<string, string[]>();
  const units = [...county.units];
  for (let i = 0; i < extra; i++) {
    const base = bases[i % bases.length];
    if (!base) break;
    const list = branchesOf.get(base.code) ?? [];
    const code = `${base.code}-${list.length + 1}`;
    list.push(code);
    branchesOf.set(base.code, list);
    units.push({
      ...base,
      code,
      name: `${base.name}（分部${list.length}）`,
      parentCode: base.code,
      uscc: null,
    });
  }
  const quotas = county.quotas.flatMap((q) => {
    const branches = branchesOf.get(q.unitCode);
    if (!branches) return [q];
    const parts = branches.length + 1;
    const share = Math.floor(q.approved / parts);
    return [
      { ...q, approved: q.approved - share * branches.length },
      ...branches.map((code) => ({ ...q, unitCode: code, approved: share })),
    ];
  });
  const people = function* () {
    const seen = new Map<string, number>();
    for (const p of county.people()) {
      const branches = branchesOf.get(p.unitCode);
      if (!branches || p.leadershipLevel !== '无') {
        yield p;
        continue;
      }
      const n = seen.get(p.unitCode) ?? 0;
      seen.set(p.unitCode, n + 1);
      const slot = n % (branches.length + 1);
      yield slot === 0 ? p : { ...p, unitCode: branches[slot - 1] ?? p.unitCode };
    }
  };
  return { ...county, units, quotas, people };
}

export async function loadCounty(
  db: Kysely<Database>,
  keys: Keys,
  opts: { regionCode: string; scale: number; seed: number; asOf: string; extraUnits?: number },
): Promise<{ units: number; people: number }> {
  const county = withBranches(generateCounty(opts), opts.extraUnits ?? 0);
  return db.transaction().execute(async (trx) => {
    for (const r of nationalChain(opts.regionCode)) {
      const exists = await trx
        .selectFrom('regions')
        .select('code')
        .where('code', '=', r.code)
        .executeTakeFirst();
      if (!exists)
        await trx
          .insertInto('regions')
          .values({ code: r.code, name: r.name, level: r.level, parent_code: r.parentCode })
          .execute();
    }
    const ids = new Map<string, number>();
    for (const u of county.units) {
      const r = await trx
        .insertInto('units')
        .values({ region_code: u.regionCode, code: u.code, created_at: NOW })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.set(u.code, r.id);
    }
    const b = (v: boolean | null) => (v === null ? null : v ? 1 : 0);
    await inBatches(county.units, 500, (batch) =>
      trx
        .insertInto('unit_versions')
        .values(
          batch.map((u) => ({
            unit_id: ids.get(u.code) ?? 0,
            valid_from: u.foundedOn ?? '1900-01-01',
            change_kind: '导入',
            doc_no: null,
            name: u.name,
            short_name: null,
            parent_unit_id: u.parentCode ? (ids.get(u.parentCode) ?? null) : null,
            category: u.category,
            rank: u.rank,
            affiliation: u.affiliation,
            counts_toward_direct_limit:
              u.category === '事业单位' ? (b(u.countsTowardDirectLimit) ?? 0) : null,
            funding: u.funding,
            type: u.category === '事业单位' ? (u.type ?? '一般') : u.type,
            sector: u.category === '事业单位' ? (u.sector ?? '其他') : u.sector,
            legal_person: b(u.legalPerson),
            uscc: u.uscc,
            founded_on: u.foundedOn,
            abolished_on: u.abolishedOn,
            recorded_at: NOW,
            recorded_by: null,
          })),
        )
        .execute(),
    );
    await inBatches(county.quotas, 500, (batch) =>
      trx
        .insertInto('quotas')
        .values(
          batch.map((q) => ({
            unit_id: ids.get(q.unitCode) ?? 0,
            quota_type: q.quotaType,
            source: q.source,
            approved: q.approved,
            effective_from: q.effectiveFrom,
            doc_no: null,
            recorded_at: NOW,
            recorded_by: null,
          })),
        )
        .execute(),
    );
    await inBatches(county.posts, 500, (batch) =>
      trx
        .insertInto('leadership_posts')
        .values(
          batch.map((p) => ({
            unit_id: ids.get(p.unitCode) ?? 0,
            level: p.level,
            approved: p.approved,
            effective_from: p.effectiveFrom,
            doc_no: null,
            recorded_at: NOW,
            recorded_by: null,
          })),
        )
        .execute(),
    );
    let people = 0;
    let batch: ReturnType<typeof county.people> extends Iterable<infer P> ? P[] : never = [];
    const flush = async () => {
      const inserted = await trx
        .insertInto('people')
        .values(
          batch.map((p) => ({
            id_hash: blindIndex(keys, p.idNumber),
            id_cipher: encryptField(keys, p.idNumber),
            id_masked: maskIdNumber(p.idNumber),
            name: p.name,
            gender: idNumberGender(p.idNumber),
            birth_date: idNumberBirthDate(p.idNumber),
            created_at: NOW,
          })),
        )
        .returning('id')
        .execute();
      await trx
        .insertInto('placements')
        .values(
          batch.map((p, i) => ({
            person_id: inserted[i]?.id ?? 0,
            unit_id: ids.get(p.unitCode) ?? 0,
            quota_type: p.quotaType,
            status: p.status,
            channel: p.channel,
            leadership_level: p.leadershipLevel,
            entered_on: p.enteredOn,
            left_on: p.leftOn,
            recorded_at: NOW,
            recorded_by: null,
            is_current: 1,
          })),
        )
        .execute();
      people += batch.length;
      batch = [];
    };
    for (const p of county.people()) {
      batch.push(p);
      if (batch.length >= 400) await flush();
    }
    if (batch.length > 0) await flush();
    return { units: county.units.length, people };
  });
}
