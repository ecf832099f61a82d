// The 人员 sheet, in batches so that 100,000 people stream through bounded memory. A person
// is found by the keyed hash of their 身份证号; a changed placement is a correction (the old
// one stays, retracted).
import type { PersonRow } from '../../common/exchange.ts';
import {
  idNumberBirthDate,
  idNumberGender,
  maskIdNumber,
  normalizeIdNumber,
} from '../../common/codes/id-card.ts';
import type { AuditEventInput } from '../../audit/events.ts';
import * as people from '../../db/repositories/people.ts';
import type { PlacementState } from '../../db/repositories/people.ts';
import { blindIndex, encryptField } from '../../security/field-crypto.ts';
import { checkRowRegion, type ImportRun } from './import-context.ts';
import { loadUnitsOfRegion, resolveUnit } from './import-establishment.ts';
import { unitKey } from './import-state.ts';
import { parseRow } from './parse-row.ts';
import type { SheetSource } from './sources.ts';

const BATCH = 1000;

interface Pending {
  rowNumber: number;
  row: PersonRow;
  idNumber: string;
  hash: string;
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

export async function importPeople(run: ImportRun, source: SheetSource): Promise<void> {
  const { state } = run;
  const seen = new Map<string, number>();
  const loadedRegions = new Set<string>();
  let batch: Pending[] = [];
  for await (const raw of source.rows()) {
    state.tick('人员');
    const parsed = parseRow('人员', raw);
    for (const e of parsed.errors) state.error(e);
    const row = parsed.row;
    if (!row) continue;
    const idNumber = normalizeIdNumber(row.idNumber);
    const hash = blindIndex(run.ctx.keys, idNumber);
    const first = seen.get(hash);
    if (first !== undefined) {
      state.error({ table: '人员', row: raw.rowNumber, column: '身份证号', reason: `与第${first}行重复` });
      continue;
    }
    seen.set(hash, raw.rowNumber);
    if (!(await checkRowRegion(run, '人员', raw.rowNumber, row.regionCode))) continue;
    await loadUnitsOfRegion(run, row.regionCode, loadedRegions);
    const unitId = resolveUnit(run, '人员', raw.rowNumber, row.regionCode, row.unitCode);
    if (unitId === null) continue;
    if (state.unitCategories.get(unitKey(row.regionCode, row.unitCode)) === '内设机构') {
      state.error({
        table: '人员',
        row: raw.rowNumber,
        column: '机构编码',
        reason: `${row.unitCode} 是内设机构，人员应登记在其所属机构`,
      });
      continue;
    }
    batch.push({ rowNumber: raw.rowNumber, row, idNumber, hash, unitId });
    if (batch.length >= BATCH) {
      await writeBatch(run, batch);
      batch = [];
    }
  }
  if (batch.length > 0) await writeBatch(run, batch);
}

async function writeBatch(run: ImportRun, batch: Pending[]): Promise<void> {
  const { trx, state, at } = run;
  const existing = await people.peopleByHash(
    trx,
    batch.map((p) => p.hash),
  );
  const fresh = batch.filter((p) => !existing.has(p.hash));
  const ids = await people.insertPeople(
    trx,
    fresh.map((p) => ({
      idHash: p.hash,
      idCipher: encryptField(run.ctx.keys, p.idNumber),
      idMasked: maskIdNumber(p.idNumber),
      name: p.row.name,
      gender: idNumberGender(p.idNumber),
      birthDate: idNumberBirthDate(p.idNumber),
      at,
    })),
  );
  const placements: (PlacementState & { personId: number; at: string; by: number | null })[] = [];
  const retract: number[] = [];
  const events: AuditEventInput[] = [];
  for (const p of batch) {
    const masked = maskIdNumber(p.idNumber);
    const next = placementOf(p);
    const known = existing.get(p.hash);
    if (!known) {
      const personId = ids.get(p.hash);
      if (personId === undefined) continue;
      placements.push({ ...next, personId, at, by: run.actor.id });
      events.push({
        action: 'person.create',
        entityType: 'person',
        entityId: personId,
        regionCode: p.row.regionCode,
        summary: `导入人员 ${p.row.name}（${masked}）${p.row.unitCode} ${p.row.quotaType} ${p.row.status}`,
        payload: { before: null, after: { idMasked: masked, name: p.row.name } },
      });
      state.count('人员', 'inserted');
      continue;
    }
    let changed = false;
    if (known.name !== p.row.name) {
      await people.renamePerson(trx, known.id, p.row.name);
      events.push({
        action: 'person.correct',
        entityType: 'person',
        entityId: known.id,
        regionCode: p.row.regionCode,
        summary: `更正人员姓名 ${known.name} → ${p.row.name}（${masked}）`,
        payload: {
          before: { idMasked: masked, name: known.name },
          after: { idMasked: masked, name: p.row.name },
        },
      });
      changed = true;
    }
    if (!known.placement || !samePlacement(known.placement, next)) {
      if (known.placement) retract.push(known.placement.id);
      placements.push({ ...next, personId: known.id, at, by: run.actor.id });
      events.push({
        action: 'placement.set',
        entityType: 'person',
        entityId: known.id,
        regionCode: p.row.regionCode,
        summary: `更正人员 ${p.row.name}（${masked}）的编制信息`,
        payload: {
          before: known.placement ? { idMasked: masked, ...known.placement } : null,
          after: { idMasked: masked, ...next },
        },
      });
      changed = true;
    }
    state.count('人员', changed ? 'updated' : 'unchanged');
  }
  await people.retractPlacements(trx, retract, at);
  await people.insertPlacements(trx, placements);
  await run.ctx.audit.recordMany(trx, run.actor, events);
}
