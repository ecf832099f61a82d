// The 人员 sheet, in batches so that 100,000 people stream through bounded memory. A person
// is found by the keyed hash of their 身份证号; a changed placement is a correction (the old
// one stays, retracted).
import type { PersonRow } from '../../common/exchange.ts';
import * as people from '../../db/repositories/people.ts';
import type { PlacementRecord, PlacementState, SlicedPeopleColumns } from '../../db/repositories/people.ts';
import { checkRowRegion, type ImportRun } from './import-context.ts';
import { checkUnitOfRejectedRow, loadUnitsOfRegion, resolveUnit } from './import-establishment.ts';
import { unitKey } from './import-state.ts';
import { checkedPeople, type CheckedIdentity } from './check-people.ts';
import { DigestSet } from './digest-set.ts';
import { BLIND_INDEX_BYTES } from '../../security/field-crypto.ts';
import type { SheetSource } from './sources.ts';
import type { AuditSink, Ids, SliceWrite } from './staging.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { AppError, isUniqueViolation } from '../../errors.ts';
import {
  insertStagedPlacementColumns,
  type StagedPlacementColumns,
} from '../../db/repositories/import-slices.ts';

const BATCH = 1000;
/**
 * Batches whose 身份证号 are looked up in the database one query each before the import loads the
 * hashes of everyone recorded (KnownHashes): a county's sheet never loads them; a province's does
 * once, then asks the database only about hashes it holds.
 */
export const DIRECT_LOOKUP_BATCHES = 20;
/** Recorded hashes read per query while loading them. */
const HASHES_PER_READ = 50_000;

/**
 * Which hashes of a batch may belong to a recorded person. For the first DIRECT_LOOKUP_BATCHES
 * batches: all of them (each batch is looked up). Then the hashes of every recorded person are
 * loaded once into a DigestSet (16 bytes each, outside the heap), and only a batch's hashes found
 * there are looked up — a province imported into an empty database asks nothing (a look-up of
 * 1,000 hashes took ~7 ms on PostgreSQL, 7 s of a million-person import). A person recorded by
 * someone else after the load is not missed: the slice's insert meets the unique hash and the
 * import fails without writing anything (writeNewPeople).
 */
export class KnownHashes {
  private set: DigestSet | null = null;
  private batches = 0;

  constructor(
    private readonly directBatches = DIRECT_LOOKUP_BATCHES,
    private readonly perRead = HASHES_PER_READ,
  ) {}

  /** How many recorded hashes were loaded (null: not loaded). */
  get loaded(): number | null {
    return this.set?.size ?? null;
  }

  async candidates(db: Executor, hashes: string[]): Promise<string[]> {
    if (this.set === null) {
      this.batches += 1;
      if (this.batches <= this.directBatches) return hashes;
      this.set = await loadRecordedHashes(db, this.perRead);
    }
    const set = this.set;
    return hashes.filter((h) => set.get(Buffer.from(h, 'hex')) !== undefined);
  }
}

async function loadRecordedHashes(db: Executor, perRead: number): Promise<DigestSet> {
  const set = new DigestSet();
  for (let after = 0; ;) {
    const rows = await people.peopleHashesAfter(db, after, perRead);
    for (const r of rows) {
      const digest = Buffer.from(r.id_hash, 'hex');
      // Every stored hash has BLIND_INDEX_BYTES (migration 0032); anything else cannot match a new one.
      if (digest.length === BLIND_INDEX_BYTES) set.add(digest, 0);
    }
    const last = rows[rows.length - 1];
    if (last === undefined || rows.length < perRead) return set;
    after = last.id;
  }
}

interface Pending {
  row: Omit<PersonRow, 'idNumber'>;
  identity: CheckedIdentity;
  unitId: number;
}

const PLACEMENT_FIELDS: (keyof PlacementState)[] = [
  'unitId',
  'quotaType',
  'status',
  'channel',
  'leadershipLevel',
  'enteredOn',
  'leftOn',
];

export function samePlacement(a: PlacementState, b: PlacementState): boolean {
  return PLACEMENT_FIELDS.every((f) => a[f] === b[f]);
}

function placementOf(p: Pending): PlacementState {
  return {
    unitId: p.unitId,
    quotaType: p.row.quotaType,
    status: p.row.status,
    channel: p.row.channel,
    leadershipLevel: p.row.leadershipLevel,
    enteredOn: p.row.enteredOn,
    leftOn: p.row.leftOn,
  };
}

/**
 * Checks the 人员 rows (check-people.ts: parsing, 身份证号 hash and encryption, repeats — in a
 * worker thread for a large sheet) and, here, what needs the database: county, unit, known people.
 */
export async function importPeople(run: ImportRun, source: SheetSource): Promise<void> {
  const { state } = run;
  const loadedRegions = new Set<string>();
  /** Counties that passed checkRowRegion (its answer for a county does not change during the check). */
  const checkedRegions = new Set<string>();
  let batch: Pending[] = [];
  const known = new KnownHashes(run.directLookupBatches ?? DIRECT_LOOKUP_BATCHES);
  for await (const checked of checkedPeople(source, run.ctx.keys, run.peopleWorker)) {
    for (const c of checked) {
      state.tick('人员');
      for (const e of c.errors) state.error(e);
      for (const w of c.warnings) state.warn(w);
      const row = c.row;
      if (!row) {
        if (c.rejected) await checkUnitOfRejectedRow(run, '人员', c.rejected, c.errors);
        continue;
      }
      const identity = c.identity;
      if (identity === null) {
        // A row that parsed has no identity only when an earlier row had its 身份证号.
        state.error({
          table: '人员',
          row: c.rowNumber,
          column: '身份证号',
          reason: `与第${c.duplicateOf ?? 0}行重复`,
        });
        continue;
      }
      // A county already checked and loaded needs no await (a million rows, a few counties).
      if (!checkedRegions.has(row.regionCode)) {
        if (!(await checkRowRegion(run, '人员', c.rowNumber, row.regionCode))) continue;
        await loadUnitsOfRegion(run, row.regionCode, loadedRegions);
        checkedRegions.add(row.regionCode);
      }
      const unitId = resolveUnit(run, '人员', c.rowNumber, row.regionCode, row.unitCode);
      if (unitId === null) continue;
      if (state.unitCategories.get(unitKey(row.regionCode, row.unitCode)) === '内设机构') {
        state.error({
          table: '人员',
          row: c.rowNumber,
          column: '机构编码',
          reason: `${row.unitCode} 是内设机构，人员应登记在其所属机构`,
        });
        continue;
      }
      batch.push({ row, identity, unitId });
      if (batch.length >= BATCH) {
        await stageBatch(run, known, batch);
        batch = [];
      }
    }
  }
  if (batch.length > 0) await stageBatch(run, known, batch);
}

/** A new person, as staged: the row without its 身份证号, which is only hashed, encrypted and masked. */
type NewPerson = Pending;

/** A known person whose name or placement the row corrects. */
interface Correction {
  personId: number;
  masked: string;
  regionCode: string;
  /** The recorded name when the row renames the person. */
  oldName: string | null;
  name: string;
  /** The recorded placement when the row changes it (null: none recorded yet). */
  before: PlacementRecord | null;
  placement: PlacementState | null;
}

/** Compares a batch with the recorded people (reads only) and stages what must change. */
async function stageBatch(run: ImportRun, recorded: KnownHashes, batch: Pending[]): Promise<void> {
  const { state } = run;
  const existing = await people.peopleByHash(
    run.db,
    await recorded.candidates(
      run.db,
      batch.map((p) => p.identity.hash),
    ),
  );
  const staged: { create: NewPerson[]; correct: Correction[] } = { create: [], correct: [] };
  for (const p of batch) {
    const { hash, masked } = p.identity;
    const known = existing.get(hash);
    if (!known) {
      staged.create.push(p);
      state.count('人员', 'inserted');
      continue;
    }
    const next = placementOf(p);
    const renamed = known.name !== p.row.name;
    const moved = !known.placement || !samePlacement(known.placement, next);
    if (renamed || moved) {
      staged.correct.push({
        personId: known.id,
        masked,
        regionCode: p.row.regionCode,
        oldName: renamed ? known.name : null,
        name: p.row.name,
        before: known.placement ?? null,
        placement: moved ? next : null,
      });
    }
    state.count('人员', renamed || moved ? 'updated' : 'unchanged');
  }
  // New people are written ahead of the final transaction, in slices, invisible until it
  // publishes them (apply-slices.ts); corrections change visible rows, so they wait for it.
  if (staged.create.length > 0) await run.staged.sliced(staged.create, sliceWriter(run));
  if (staged.correct.length > 0) run.staged.batch(staged.correct, applyBatch(run));
}

/** The writers of staged batches, one each per run (StagedWrites groups consecutive batches by it). */
const appliers = new WeakMap<ImportRun, ApplyCorrections>();
const slicers = new WeakMap<ImportRun, SliceWrite<NewPerson[]>>();

type ApplyCorrections = (trx: Executor, ids: Ids, batch: Correction[], audit: AuditSink) => Promise<void>;

function applyBatch(run: ImportRun): ApplyCorrections {
  let apply = appliers.get(run);
  if (!apply) {
    apply = (trx, ids, batch, audit) => writeCorrections(run, trx, ids, batch, audit);
    appliers.set(run, apply);
  }
  return apply;
}

function sliceWriter(run: ImportRun): SliceWrite<NewPerson[]> {
  let write = slicers.get(run);
  if (!write) {
    write = (trx, importId, batch, audit) => writeNewPeople(run, trx, importId, batch, audit);
    slicers.set(run, write);
  }
  return write;
}

interface RegionChanges {
  created: [number, string, string, string, string, string][];
  corrected: { personId: number; idMasked: string; before: unknown; after: unknown }[];
}

/**
 * Writes one batch of new people in a slice of import `importId`: the people (invisible while the
 * import is not published) and their placements into the import's staging table, and one audit
 * event per county listing every person the batch created (an event per person made the audit
 * chain the bulk of a large import's writing).
 */
async function writeNewPeople(
  run: ImportRun,
  trx: Executor,
  importId: number,
  batch: NewPerson[],
  audit: AuditSink,
): Promise<void> {
  const { at, actor } = run;
  // Column by column, no object per person (a slice is 10,000 of them).
  const n = batch.length;
  const column = <T>(): T[] => new Array<T>(n);
  const who: SlicedPeopleColumns = {
    idHash: column(),
    idCipher: column(),
    idMasked: column(),
    name: column(),
    gender: column(),
    birthDate: column(),
  };
  for (let i = 0; i < n; i += 1) {
    const { identity, row } = batch[i] as NewPerson;
    who.idHash[i] = identity.hash;
    who.idCipher[i] = identity.cipher;
    who.idMasked[i] = identity.masked;
    who.name[i] = row.name;
    who.gender[i] = identity.gender;
    who.birthDate[i] = identity.birthDate;
  }
  const created = await people.insertSlicedPeople(trx, importId, at, who).catch((e: unknown) => {
    // Someone recorded one of these people after the check looked (KnownHashes): the slice
    // fails, and with it the import, which removes what it wrote.
    if (isUniqueViolation(e)) throw alreadyRecorded();
    throw e;
  });
  const placed: StagedPlacementColumns = {
    personId: column(),
    regionCode: column(),
    unitCode: column(),
    quotaType: column(),
    status: column(),
    channel: column(),
    leadershipLevel: column(),
    enteredOn: column(),
    leftOn: column(),
  };
  const byRegion = new Map<string, RegionChanges>();
  for (let i = 0; i < n; i += 1) {
    const { identity, row: pl } = batch[i] as NewPerson;
    const personId = created.get(identity.hash);
    if (personId === undefined) throw new Error('导入内部错误：新增人员未取得编号');
    placed.personId[i] = personId;
    placed.regionCode[i] = pl.regionCode;
    placed.unitCode[i] = pl.unitCode;
    placed.quotaType[i] = pl.quotaType;
    placed.status[i] = pl.status;
    placed.channel[i] = pl.channel;
    placed.leadershipLevel[i] = pl.leadershipLevel;
    placed.enteredOn[i] = pl.enteredOn;
    placed.leftOn[i] = pl.leftOn;
    changesOf(byRegion, pl.regionCode).created.push([
      personId,
      identity.masked,
      pl.name,
      pl.unitCode,
      pl.quotaType,
      pl.status,
    ]);
  }
  await insertStagedPlacementColumns(trx, importId, at, actor.id, placed);
  recordChanges(audit, byRegion, '（导入完成时生效）');
}

const alreadyRecorded = (): AppError =>
  new AppError('CONFLICT', '导入期间，文件中的人员已被他人登记（身份证号相同）；未写入任何数据，请重新导入');

function changesOf(byRegion: Map<string, RegionChanges>, region: string): RegionChanges {
  let c = byRegion.get(region);
  if (!c) byRegion.set(region, (c = { created: [], corrected: [] }));
  return c;
}

function recordChanges(audit: AuditSink, byRegion: Map<string, RegionChanges>, note = ''): void {
  for (const [regionCode, c] of byRegion) {
    const few = c.created.length + c.corrected.length <= 3;
    // Named in the summary only when few (a slice's event lists 10,000: their names were built and dropped).
    const who = few
      ? [...c.created.map((p) => `${p[2]}（${p[1]}）`), ...c.corrected.map((p) => p.idMasked)]
      : [];
    audit.add({
      action: 'person.import',
      entityType: 'person',
      entityId: null,
      regionCode,
      summary: `导入人员：新增 ${c.created.length} 人，更正 ${c.corrected.length} 人${few ? `：${who.join('、')}` : ''}${note}`,
      payload: { before: null, after: c },
    });
  }
}

/**
 * Writes one staged batch of corrections in the final transaction (the old placement stays,
 * retracted) and one audit event per county listing every person corrected.
 */
async function writeCorrections(
  run: ImportRun,
  trx: Executor,
  ids: Ids,
  batch: Correction[],
  audit: AuditSink,
): Promise<void> {
  const { at, actor } = run;
  const placements: (PlacementState & { personId: number; at: string; by: number | null })[] = [];
  const retract: number[] = [];
  const byRegion = new Map<string, RegionChanges>();
  for (const c of batch) {
    if (c.oldName !== null) await people.renamePerson(trx, c.personId, c.name);
    const placement = c.placement ? { ...c.placement, unitId: ids.resolve(c.placement.unitId) } : null;
    if (placement) {
      if (c.before) retract.push(c.before.id);
      placements.push({ ...placement, personId: c.personId, at, by: actor.id });
    }
    changesOf(byRegion, c.regionCode).corrected.push({
      personId: c.personId,
      idMasked: c.masked,
      before: { name: c.oldName ?? c.name, ...(placement ? { placement: c.before } : {}) },
      after: { name: c.name, ...(placement ? { placement } : {}) },
    });
  }
  await people.retractPlacements(trx, retract, at);
  await people.insertPlacements(trx, placements);
  recordChanges(audit, byRegion);
}
