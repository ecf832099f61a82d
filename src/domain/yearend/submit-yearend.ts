// 上报并锁定: a year whose checks all pass is submitted once; its figures and their hash are
// kept, and later back-dated changes show as differences (get-yearend.ts). One transaction,
// with its audit event.
import type { YearendSubmissionDto } from '../../common/wire-yearend.ts';
import type { AppContext } from '../../context.ts';
import { nowIso, todayInChina } from '../../context.ts';
import { findSubmission, insertSubmission } from '../../db/repositories/yearend.ts';
import { AppError, invalid } from '../../errors.ts';
import { authorize } from '../accounts/authorize.ts';
import type { Principal } from '../accounts/policies.ts';
import { computeYearend, yearEndDate } from './compute-yearend.ts';
import { figuresHash } from './tables.ts';

export async function submitYearend(
  ctx: AppContext,
  opts: { principal: Principal; regionCode: string; year: number; today?: string },
): Promise<YearendSubmissionDto> {
  const p = opts.principal;
  await authorize(ctx.db.kysely, p, 'yearend.submit', { region: opts.regionCode, wholeRegion: true });
  const asOf = yearEndDate(opts.year);
  if (asOf >= (opts.today ?? todayInChina())) throw invalid(`${opts.year}年尚未结束，不能上报年报`);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    if (await findSubmission(trx, opts.regionCode, opts.year))
      throw new AppError('CONFLICT', `${opts.year}年统计年报已上报并锁定`);
    const c = await computeYearend(trx, opts);
    if (!c.passed) {
      const failed = c.checks.filter((x) => !x.ok);
      throw new AppError(
        'RULE_VIOLATION',
        `统计年报校验未通过，不能上报：\n${failed.map((x) => `${x.name}：${x.failures.join('；')}`).join('\n')}`,
        { checks: failed },
      );
    }
    const hash = figuresHash(c.figures);
    const at = nowIso();
    const id = await insertSubmission(trx, {
      regionCode: opts.regionCode,
      year: opts.year,
      asOf,
      figures: c.figures,
      hash,
      at,
      userId: p.userId,
      userName: p.displayName,
    });
    await ctx.audit.record(
      trx,
      { id: p.userId, name: p.username },
      {
        action: 'yearend.submit',
        entityType: 'yearend_submission',
        entityId: id,
        regionCode: opts.regionCode,
        summary: `上报${c.regionName}${opts.year}年机构编制统计年报并锁定`,
        payload: { before: null, after: { year: opts.year, asOf, hash, figures: c.figures.length } },
      },
    );
    return { year: opts.year, asOf, hash, submittedAt: at, submittedByName: p.displayName, hashValid: true };
  });
}
