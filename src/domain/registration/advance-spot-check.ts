// One checked institution through 单位自查 (the institution answers the checklist) → 实地检查
// (the office's inspectors confirm the answers and record findings, with a rectification
// deadline when there are any) → 反馈整改 (the result of the rectification) → 已完成; and the
// publication of a finished check's results on the 公示 page.
import { SPOT_CHECK_STAGES, type SpotCheckStage } from '../../common/registration.ts';
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import { getRegistration } from '../../db/repositories/registration.ts';
import {
  getSpotCheck,
  getSpotCheckUnit,
  publishSpotCheck as markPublished,
  unitsOfCheck,
  updateSpotCheckUnit,
} from '../../db/repositories/spot-checks.ts';
import { AppError, invalid, notFound } from '../../errors.ts';
import type { Principal } from '../accounts/policies.ts';
import { isIsoDate } from '../timeliness/working-days.ts';
import { authorize } from '../accounts/authorize.ts';

export async function advanceSpotCheck(
  ctx: AppContext,
  opts: {
    principal: Principal;
    spotCheckUnitId: number;
    /** The stage being completed (guards against acting twice). */
    stage: Exclude<SpotCheckStage, '已完成'>;
    answers?: Record<string, string>;
    findings?: string;
    rectifyDue?: string | null;
    result?: string;
  },
): Promise<SpotCheckStage> {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const u = await getSpotCheckUnit(trx, opts.spotCheckUnitId);
    if (!u) throw notFound(`抽查对象 ${opts.spotCheckUnitId} `);
    const check = await getSpotCheck(trx, u.spotCheckId);
    const record = await getRegistration(trx, u.registrationId);
    if (!check || !record) throw notFound(`抽查 ${u.spotCheckId} `);
    await authorize(
      trx,
      opts.principal,
      opts.stage === '单位自查' ? 'spotcheck.selfCheck' : 'spotcheck.manage',
      { region: check.regionCode, units: [record.unitId] },
    );
    if (u.stage !== opts.stage) throw invalid(`该单位当前处于“${u.stage}”环节`);
    const answers = { ...u.answers, ...(opts.answers ?? {}) };
    const unknown = Object.keys(opts.answers ?? {}).filter((k) => !check.checklist.includes(k));
    if (unknown.length > 0) throw invalid(`不在检查清单中的项目：${unknown.join('、')}`);
    if (opts.stage === '单位自查' && check.checklist.some((item) => !answers[item]))
      throw invalid('自查须逐项填写检查清单');
    const findings = (opts.findings ?? u.findings).trim();
    if (opts.stage === '实地检查' && findings && !(opts.rectifyDue && isIsoDate(opts.rectifyDue)))
      throw invalid('发现问题的须给出整改期限');
    if (opts.stage === '反馈整改' && !opts.result?.trim()) throw invalid('请填写整改结果');
    const next = SPOT_CHECK_STAGES[SPOT_CHECK_STAGES.indexOf(opts.stage) + 1] as SpotCheckStage;
    const at = nowIso();
    const ok = await updateSpotCheckUnit(trx, u.id, u.version, {
      stage: next,
      answers: JSON.stringify(answers),
      findings,
      rectify_due: opts.stage === '实地检查' ? (findings ? (opts.rectifyDue ?? null) : null) : u.rectifyDue,
      result: opts.stage === '反馈整改' ? (opts.result?.trim() ?? null) : u.result,
      updated_at: at,
    });
    if (!ok) throw new AppError('CONFLICT', '该单位的抽查已被他人更新，请刷新后重试');
    await ctx.audit.record(
      trx,
      { id: opts.principal.userId, name: opts.principal.username },
      {
        action: 'spot_check.stage',
        entityType: 'spot_check',
        entityId: check.id,
        regionCode: check.regionCode,
        summary: `抽查“${check.title}”：${record.name} 完成${opts.stage}`,
        payload: {
          before: { stage: u.stage, result: u.result },
          after: { stage: next, result: opts.result ?? null },
        },
      },
    );
    return next;
  });
}

/** Publishes the results of a check whose every institution has finished 反馈整改. */
export async function publishSpotCheck(
  ctx: AppContext,
  opts: { principal: Principal; spotCheckId: number },
): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const check = await getSpotCheck(trx, opts.spotCheckId);
    if (!check) throw notFound(`抽查 ${opts.spotCheckId} `);
    await authorize(trx, opts.principal, 'spotcheck.manage', { region: check.regionCode });
    if (check.publishedAt) throw invalid('该抽查结果已公示');
    const open = (await unitsOfCheck(trx, check.id)).filter((u) => u.stage !== '已完成');
    if (open.length > 0) throw invalid(`尚有 ${open.length} 家单位未完成反馈整改，不能公示`);
    await markPublished(trx, check.id, nowIso());
    await ctx.audit.record(
      trx,
      { id: opts.principal.userId, name: opts.principal.username },
      {
        action: 'spot_check.stage',
        entityType: 'spot_check',
        entityId: check.id,
        regionCode: check.regionCode,
        summary: `公示抽查结果“${check.title}”`,
        payload: { before: null, after: { stage: '公示', result: null } },
      },
    );
  });
}
