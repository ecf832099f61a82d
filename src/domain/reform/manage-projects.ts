// Reform projects: create, change (only until the baseline is frozen), read one or all.
import type { ProjectBody, ProjectDetail, ProjectSummary } from '../../common/wire-reform.ts';
import type { AppContext } from '../../context.ts';
import { nowIso, todayInChina } from '../../context.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import {
  baselineOf,
  getProject,
  insertProject,
  institutionLimitsOn,
  listProjects,
  plansOf,
  projectMatters,
  updateProject,
  type ProjectRecord,
} from '../../db/repositories/reform.ts';
import { AppError, notFound } from '../../errors.ts';
import { authorize } from '../accounts/authorize.ts';
import type { Action } from '../accounts/permissions.ts';
import type { Principal } from '../accounts/policies.ts';
import { parseChanges } from '../matters/snapshot.ts';
import { parseBaseline } from './baseline.ts';

/**
 * 404 for an unknown project, 403 unless the principal may take `action` on its county. A null
 * principal is the server's own shell (the `bianzhi reform` commands), which reads everything.
 */
export async function loadProject(
  db: Executor,
  p: Principal | null,
  id: number,
  action: Action,
): Promise<ProjectRecord> {
  const project = await getProject(db, id);
  if (!project) throw notFound('改革项目');
  if (p !== null) await authorize(db, p, action, { region: project.regionCode, wholeRegion: true });
  return project;
}

async function summary(db: Executor, project: ProjectRecord): Promise<ProjectSummary> {
  const b = await baselineOf(db, project.id);
  return {
    ...project,
    baseline: b ? { frozenAt: b.frozenAt, hash: b.hash, units: parseBaseline(b.content).units.length } : null,
  };
}

export async function createProject(
  ctx: AppContext,
  opts: { principal: Principal; body: ProjectBody },
): Promise<number> {
  const p = opts.principal;
  const b = opts.body;
  await authorize(ctx.db.kysely, p, 'reform.write', {
    region: b.regionCode,
    units: b.scopeUnitIds ?? [],
    wholeRegion: true,
  });
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const id = await insertProject(trx, {
      regionCode: b.regionCode,
      name: b.name,
      scopeUnitIds: b.scopeUnitIds,
      baselineDate: b.baselineDate,
      createdAt: nowIso(),
      by: p.userId,
    });
    await ctx.audit.record(
      trx,
      { id: p.userId, name: p.username },
      {
        action: 'reform.project',
        entityType: 'reform_project',
        entityId: id,
        regionCode: b.regionCode,
        summary: `新建机构改革项目 ${id}《${b.name}》，底数日期 ${b.baselineDate}`,
        payload: {
          before: null,
          after: { name: b.name, scopeUnitIds: b.scopeUnitIds, baselineDate: b.baselineDate },
        },
      },
    );
    return id;
  });
}

/** Changes the name, scope or date; refused once the baseline is frozen. */
export async function changeProject(
  ctx: AppContext,
  opts: { principal: Principal; projectId: number; body: Omit<ProjectBody, 'regionCode'> },
): Promise<void> {
  const p = opts.principal;
  const b = opts.body;
  const project = await loadProject(ctx.db.kysely, p, opts.projectId, 'reform.write');
  await authorize(ctx.db.kysely, p, 'reform.write', {
    region: project.regionCode,
    units: b.scopeUnitIds ?? [],
    wholeRegion: true,
  });
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if (await baselineOf(trx, project.id))
      throw new AppError('CONFLICT', '底数已冻结，不能再修改项目范围或底数日期');
    await updateProject(trx, project.id, b);
    await ctx.audit.record(
      trx,
      { id: p.userId, name: p.username },
      {
        action: 'reform.project',
        entityType: 'reform_project',
        entityId: project.id,
        regionCode: project.regionCode,
        summary: `修改机构改革项目 ${project.id}《${b.name}》`,
        payload: {
          before: {
            name: project.name,
            scopeUnitIds: project.scopeUnitIds,
            baselineDate: project.baselineDate,
          },
          after: { name: b.name, scopeUnitIds: b.scopeUnitIds, baselineDate: b.baselineDate },
        },
      },
    );
  });
}

export async function listReformProjects(
  ctx: AppContext,
  opts: { principal: Principal; regionCode: string },
): Promise<ProjectSummary[]> {
  await authorize(ctx.db.kysely, opts.principal, 'reform.read', {
    region: opts.regionCode,
    wholeRegion: true,
  });
  const projects = await listProjects(ctx.db.kysely, [opts.regionCode]);
  return Promise.all(projects.map((x) => summary(ctx.db.kysely, x)));
}

export async function getReformProject(
  ctx: AppContext,
  opts: { principal: Principal; projectId: number },
): Promise<ProjectDetail> {
  const db = ctx.db.kysely;
  const project = await loadProject(db, opts.principal, opts.projectId, 'reform.read');
  const [s, plans, matters, limits] = await Promise.all([
    summary(db, project),
    plansOf(db, project.id),
    projectMatters(db, project.id),
    institutionLimitsOn(db, project.regionCode, todayInChina()),
  ]);
  return {
    ...s,
    plans: plans.map((x) => ({
      id: x.id,
      name: x.name,
      changes: parseChanges(x.changes),
      adoptedAt: x.adoptedAt,
      updatedAt: x.updatedAt,
    })),
    matters: matters.map(({ planId, matterId, title, state }) => ({ planId, matterId, title, state })),
    limits,
  };
}
