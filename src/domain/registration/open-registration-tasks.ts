// What an implemented matter asks of the registration area, inside the matter's transaction:
// an institution established (设立), renamed (更名 → 变更), merged away or abolished (→ 注销)
// gets its registration task (an application waiting as 待申请) due in working days from the
// effective date — 设立 and 变更 within 30, 注销 within 15 — linked to the matter (the task
// keeps matter_id; the matter's tasks are listed by it). Every live domain name of a renamed,
// merged or abolished unit goes on the domain change list until the change is recorded.
import type { Change } from '../../common/matters.ts';
import type { ApplicationKind } from '../../common/registration.ts';
import type { AuditEventInput } from '../../audit/events.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { insertChangeItem, listDomains } from '../../db/repositories/domains.ts';
import {
  insertApplication,
  registrationOfUnit,
  updateRegistration,
} from '../../db/repositories/registration.ts';
import { unitAsOf, unitIdsByCode } from '../../db/repositories/units.ts';
import { addDays, addWorkingDays } from '../timeliness/working-days.ts';
import { CANCEL_DUE_DAYS, CHANGE_DUE_DAYS } from './rules.ts';
import { workCalendar } from './settings.ts';

export interface MatterEffect {
  trx: Executor;
  regionCode: string;
  matterId: number;
  effectiveOn: string;
  at: string;
}

interface Task {
  unitId: number;
  kind: ApplicationKind;
  details: Record<string, string>;
}

interface DomainEffect {
  unitId: number;
  reason: '更名' | '合并' | '撤销';
  required: '变更' | '注销';
}

/** The tasks and domain effects a matter's changes imply (before checking what is registered). */
async function effectsOf(
  m: MatterEffect,
  changes: readonly Change[],
): Promise<{ tasks: Task[]; domains: DomainEffect[] }> {
  const tasks: Task[] = [];
  const domains: DomainEffect[] = [];
  const dayBefore = addDays(m.effectiveOn, -1);
  const isInstitution = async (unitId: number) =>
    (await unitAsOf(m.trx, unitId, dayBefore))?.category === '事业单位';
  for (const c of changes) {
    if (c.kind === 'establish' && c.category === '事业单位') {
      const id = (await unitIdsByCode(m.trx, [m.regionCode])).get(`${m.regionCode}/${c.code}`);
      if (id !== undefined) tasks.push({ unitId: id, kind: '设立', details: { name: c.name } });
    } else if (c.kind === 'rename') {
      if (await isInstitution(c.unitId))
        tasks.push({ unitId: c.unitId, kind: '变更', details: { name: c.name } });
      domains.push({ unitId: c.unitId, reason: '更名', required: '变更' });
    } else if (c.kind === 'abolish') {
      if (await isInstitution(c.unitId)) tasks.push({ unitId: c.unitId, kind: '注销', details: {} });
      domains.push({ unitId: c.unitId, reason: '撤销', required: '注销' });
    } else if (c.kind === 'merge') {
      for (const id of c.unitIds.filter((u) => u !== c.intoUnitId)) {
        if (await isInstitution(id)) tasks.push({ unitId: id, kind: '注销', details: {} });
        domains.push({ unitId: id, reason: '合并', required: '注销' });
      }
    }
  }
  return { tasks, domains };
}

export async function openRegistrationTasks(
  m: MatterEffect,
  changes: readonly Change[],
): Promise<AuditEventInput[]> {
  const { tasks, domains } = await effectsOf(m, changes);
  if (tasks.length === 0 && domains.length === 0) return [];
  const cal = await workCalendar(m.trx, m.regionCode);
  const events: AuditEventInput[] = [];
  for (const t of tasks) {
    const record = await registrationOfUnit(m.trx, t.unitId);
    // 设立 needs no record yet; 变更 and 注销 only concern a live registration.
    if (t.kind === '设立' ? record !== undefined : !record || record.state === '注销') continue;
    const due = addWorkingDays(m.effectiveOn, t.kind === '注销' ? CANCEL_DUE_DAYS : CHANGE_DUE_DAYS, cal);
    const id = await insertApplication(m.trx, {
      regionCode: m.regionCode,
      unitId: t.unitId,
      registrationId: record?.id ?? null,
      kind: t.kind,
      state: '待申请',
      details: t.details,
      materials: [],
      matterId: m.matterId,
      statutoryDue: due,
      filedOn: null,
      acceptDue: null,
      at: m.at,
    });
    if (record && t.kind === '变更' && record.state === '登记')
      await updateRegistration(m.trx, record.id, record.version, { state: '变更中', updated_at: m.at });
    events.push({
      action: 'registration.application',
      entityType: 'registration_application',
      entityId: id,
      regionCode: m.regionCode,
      summary: `事项 ${m.matterId} 实施：待办${t.kind}登记，限 ${due} 前办理`,
      payload: { before: null, after: { kind: t.kind, state: '待申请', comment: `事项 ${m.matterId}` } },
    });
  }
  for (const d of domains) {
    for (const domain of await listDomains(m.trx, { regionCodes: [m.regionCode], unitIds: [d.unitId] })) {
      await insertChangeItem(m.trx, {
        regionCode: m.regionCode,
        unitId: d.unitId,
        domainId: domain.id,
        matterId: m.matterId,
        reason: d.reason,
        required: d.required,
        openedOn: m.effectiveOn,
      });
      events.push({
        action: 'domain.change',
        entityType: 'domain',
        entityId: domain.id,
        regionCode: m.regionCode,
        summary: `事项 ${m.matterId} 实施：${domain.name} 因${d.reason}需${d.required}`,
        payload: { before: null, after: { domain: domain.name, reason: d.reason, required: d.required } },
      });
    }
  }
  return events;
}
