// Saves a region's staffing standard as its next version (nothing is overwritten), with an
// audit event in the same transaction. Office staff (admin, clerk) of the county only.
import { StandardInput, type StoredStandard } from '../../common/standards.ts';
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import { findRegion } from '../../db/repositories/regions.ts';
import {
  insertStandard,
  latestStandardVersion,
  listStandardVersions,
} from '../../db/repositories/standards.ts';
import { AppError, invalid, isUniqueViolation, notFound } from '../../errors.ts';
import { authorize } from '../accounts/authorize.ts';
import type { Principal } from '../accounts/policies.ts';
import { parseStoredStandard } from './compute-standards.ts';

export async function saveStandard(
  ctx: AppContext,
  opts: { principal: Principal; regionCode: string; standard: unknown },
): Promise<StoredStandard> {
  const p = opts.principal;
  await authorize(ctx.db.kysely, p, 'standards.write', { region: opts.regionCode, wholeRegion: true });
  const parsed = StandardInput.safeParse(opts.standard);
  if (!parsed.success)
    throw invalid(
      `编制标准无效：${parsed.error.issues.map((i) => i.message).join('；')}`,
      parsed.error.issues,
    );
  const s = parsed.data;
  try {
    return await ctx.db.kysely.transaction().execute(async (trx) => {
      const region = await findRegion(trx, opts.regionCode);
      if (!region) throw notFound(`行政区划 ${opts.regionCode} `);
      if (region.level !== 'county') throw invalid('编制标准按县（市、区）设置');
      const previous = await latestStandardVersion(trx, opts.regionCode, s.key);
      const before =
        previous === 0
          ? null
          : (await listStandardVersions(trx, opts.regionCode, s.key))
              .map(parseStoredStandard)
              .find((v) => v.version === previous);
      const version = previous + 1;
      const recordedAt = nowIso();
      const id = await insertStandard(trx, {
        regionCode: opts.regionCode,
        key: s.key,
        version,
        name: s.name,
        sourceDocument: s.sourceDocument,
        validFrom: s.validFrom,
        validTo: s.validTo,
        rule: JSON.stringify(s.rule),
        rounding: s.rounding,
        recordedAt,
        recordedBy: p.userId,
      });
      const payloadOf = (v: StoredStandard) => ({
        key: v.key,
        version: v.version,
        name: v.name,
        sourceDocument: v.sourceDocument,
        validFrom: v.validFrom,
        validTo: v.validTo,
        rule: { ...v.rule },
        rounding: v.rounding,
      });
      const saved: StoredStandard = {
        ...s,
        version,
        id,
        regionCode: opts.regionCode,
        recordedAt,
        recordedBy: p.userId,
      };
      await ctx.audit.record(
        trx,
        { id: p.userId, name: p.username },
        {
          action: 'standard.save',
          entityType: 'standard',
          entityId: id,
          regionCode: opts.regionCode,
          summary: `保存编制标准「${s.name}」第${version}版，自 ${s.validFrom}${s.validTo ? ` 至 ${s.validTo}` : ''}（${s.sourceDocument}）`,
          payload: { before: before ? payloadOf(before) : null, after: payloadOf(saved) },
        },
      );
      return saved;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', '该编制标准刚被他人修改，请刷新后重试');
    throw e;
  }
}
