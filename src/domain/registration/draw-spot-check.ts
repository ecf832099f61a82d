// 双随机一公开: a spot check of a year over the 名录库 (registered institutions with a USCC),
// leaving out those already checked that year, by ratio or count, with the seed and algorithm
// recorded so that anyone can redo the draw (src/domain/registration/draw.ts); inspectors
// drawn from the pool the same way; the checklist (16 items by default, editable) copied in.
import { DEFAULT_SPOT_CHECK_ITEMS } from '../../common/registration.ts';
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { listRegistrations, type RegistrationRecord } from '../../db/repositories/registration.ts';
import { checkedInYear, insertSpotCheck, insertSpotCheckUnit } from '../../db/repositories/spot-checks.ts';
import { invalid } from '../../errors.ts';
import type { Principal } from '../accounts/policies.ts';
import { drawInspectors, drawSample, DRAW_ALGORITHM, type DrawSize } from './draw.ts';
import { authorize } from '../accounts/authorize.ts';

export interface DrawPreview {
  regionCode: string;
  year: number;
  seed: string;
  algorithm: string;
  /** The sorted 名录库 the draw ran over (excluded ones left out). */
  eligible: string[];
  excluded: string[];
  drawn: { position: number; uscc: string; name: string; registrationId: number }[];
}

function checkSize(size: DrawSize): void {
  if (
    'count' in size ? !Number.isInteger(size.count) || size.count < 1 : !(size.ratio > 0 && size.ratio <= 1)
  )
    throw invalid('抽查比例应在 0 与 1 之间（如 0.03），或给出正整数家数');
}

/** The draw as it would be made now, writing nothing (the CLI prints it). */
export async function previewDraw(
  db: Executor,
  opts: { regionCode: string; year: number; size: DrawSize; seed: string },
): Promise<DrawPreview> {
  checkSize(opts.size);
  if (!opts.seed.trim()) throw invalid('请给出随机种子');
  const registered = (await listRegistrations(db, { regionCodes: [opts.regionCode], state: '登记' })).filter(
    (r): r is RegistrationRecord & { uscc: string } => r.uscc !== null,
  );
  const checked = new Set(await checkedInYear(db, opts.regionCode, opts.year));
  const byUscc = new Map(registered.map((r) => [r.uscc, r]));
  const excluded = registered
    .filter((r) => checked.has(r.id))
    .map((r) => r.uscc)
    .sort();
  const { eligible, drawn } = drawSample([...byUscc.keys()], new Set(excluded), opts.size, opts.seed);
  return {
    regionCode: opts.regionCode,
    year: opts.year,
    seed: opts.seed,
    algorithm: DRAW_ALGORITHM,
    eligible,
    excluded,
    drawn: drawn.map((uscc, i) => {
      const r = byUscc.get(uscc) as RegistrationRecord;
      return { position: i + 1, uscc, name: r.name, registrationId: r.id };
    }),
  };
}

export async function drawSpotCheck(
  ctx: AppContext,
  opts: {
    principal: Principal;
    regionCode: string;
    year: number;
    title: string;
    size: DrawSize;
    seed: string;
    inspectorPool: string[];
    inspectorCount: number;
    checklist?: string[];
  },
): Promise<{ id: number; preview: DrawPreview; inspectors: string[] }> {
  await authorize(ctx.db.kysely, opts.principal, 'spotcheck.manage', { region: opts.regionCode });
  const checklist = (opts.checklist ?? [...DEFAULT_SPOT_CHECK_ITEMS]).map((s) => s.trim()).filter(Boolean);
  if (checklist.length === 0) throw invalid('检查清单不能为空');
  if (opts.inspectorCount < 1 || opts.inspectorPool.length < opts.inspectorCount)
    throw invalid('检查人员名录中的人数少于要抽取的人数');
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const preview = await previewDraw(trx, opts);
    if (preview.drawn.length === 0) throw invalid('名录库中没有可抽取的单位');
    const inspectors = drawInspectors(opts.inspectorPool, opts.inspectorCount, opts.seed);
    const at = nowIso();
    const id = await insertSpotCheck(trx, {
      regionCode: opts.regionCode,
      year: opts.year,
      title: opts.title,
      seed: opts.seed,
      algorithm: DRAW_ALGORITHM,
      ratio: 'ratio' in opts.size ? opts.size.ratio : null,
      count: 'count' in opts.size ? opts.size.count : null,
      population: preview.eligible,
      excluded: preview.excluded,
      inspectorPool: [...new Set(opts.inspectorPool)].sort(),
      inspectors,
      checklist,
      createdAt: at,
      createdBy: opts.principal.userId,
    });
    for (const d of preview.drawn)
      await insertSpotCheckUnit(trx, {
        spotCheckId: id,
        registrationId: d.registrationId,
        year: opts.year,
        position: d.position,
        at,
      });
    await ctx.audit.record(
      trx,
      { id: opts.principal.userId, name: opts.principal.username },
      {
        action: 'spot_check.draw',
        entityType: 'spot_check',
        entityId: id,
        regionCode: opts.regionCode,
        summary: `${opts.year} 年公示信息抽查“${opts.title}”：从 ${preview.eligible.length} 家中抽取 ${preview.drawn.length} 家（种子 ${opts.seed}）`,
        payload: {
          before: null,
          after: {
            year: opts.year,
            seed: opts.seed,
            algorithm: DRAW_ALGORITHM,
            drawn: preview.drawn.map((d) => d.uscc),
          },
        },
      },
    );
    return { id, preview, inspectors };
  });
}
