// Runs a plan in the sandbox: reads the ledger on a date, projects the changes onto a copy in
// memory and returns the report, chart, breaches and diff. Writes nothing at all.
import type { Change } from '../../common/matters.ts';
import type { SandboxResult } from '../../common/wire-reform.ts';
import type { AppContext } from '../../context.ts';
import { todayInChina } from '../../context.ts';
import { plansOf } from '../../db/repositories/reform.ts';
import type { Principal } from '../accounts/policies.ts';
import { authorizeChanges } from '../matters/matter-access.ts';
import { parseChanges } from '../matters/snapshot.ts';
import { countyState } from './county-state.ts';
import { loadProject } from './manage-projects.ts';
import { checkPlanChanges, loadPlan } from './save-plan.ts';
import { runSandbox } from './sandbox.ts';

async function sandbox(
  ctx: AppContext,
  regionCode: string,
  planId: number | null,
  changes: readonly Change[],
  date: string,
): Promise<SandboxResult> {
  const db = ctx.readDb.kysely;
  const { units, snapshot } = await countyState(db, { regionCode, date, changes });
  return runSandbox({ planId, asOf: date, units, snapshot, changes });
}

/** A saved plan on the ledger of `date` (today by default). */
export async function runPlan(
  ctx: AppContext,
  opts: { principal: Principal; planId: number; date?: string },
): Promise<SandboxResult> {
  const plan = await loadPlan(ctx.db.kysely, opts.principal, opts.planId, 'reform.read');
  return sandbox(ctx, plan.regionCode, plan.id, parseChanges(plan.changes), opts.date ?? todayInChina());
}

/** A draft not yet saved (the office tries changes before keeping them). */
export async function previewPlan(
  ctx: AppContext,
  opts: { principal: Principal; projectId: number; changes: Change[]; date?: string },
): Promise<SandboxResult> {
  const project = await loadProject(ctx.db.kysely, opts.principal, opts.projectId, 'reform.write');
  checkPlanChanges(opts.changes);
  await authorizeChanges(ctx, ctx.db.kysely, opts.principal, 'reform.write', {
    changes: opts.changes,
    regionCode: project.regionCode,
  });
  return sandbox(ctx, project.regionCode, null, opts.changes, opts.date ?? todayInChina());
}

/** Every plan of a project side by side, on the same date. */
export async function comparePlans(
  ctx: AppContext,
  opts: { principal: Principal; projectId: number; date?: string },
): Promise<{ plans: { id: number; name: string; result: SandboxResult }[] }> {
  const project = await loadProject(ctx.db.kysely, opts.principal, opts.projectId, 'reform.read');
  const date = opts.date ?? todayInChina();
  const out: { id: number; name: string; result: SandboxResult }[] = [];
  for (const plan of await plansOf(ctx.db.kysely, project.id)) {
    out.push({
      id: plan.id,
      name: plan.name,
      result: await sandbox(ctx, project.regionCode, plan.id, parseChanges(plan.changes), date),
    });
  }
  return { plans: out };
}
