// Records a 学习 or 宣讲 session on the 法规制度 (编办), audited in the same transaction.
import { TRAINING_KIND_LABELS } from '../../common/evaluation.ts';
import type { Training, TrainingInput } from '../../common/wire-library.ts';
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import { insertTraining } from '../../db/repositories/library.ts';
import { findRegion } from '../../db/repositories/regions.ts';
import { notFound } from '../../errors.ts';
import { authorize } from '../accounts/authorize.ts';
import type { Principal } from '../accounts/policies.ts';

export async function recordTraining(
  ctx: AppContext,
  opts: { principal: Principal; training: TrainingInput },
): Promise<Training> {
  const p = opts.principal;
  const { region, ...t } = opts.training;
  await authorize(ctx.db.kysely, p, 'library.write', { region, wholeRegion: true });
  return ctx.db.kysely.transaction().execute(async (trx) => {
    if (!(await findRegion(trx, region))) throw notFound(`行政区划 ${region} `);
    const id = await insertTraining(trx, { ...t, regionCode: region, at: nowIso(), by: p.userId });
    await ctx.audit.record(
      trx,
      { id: p.userId, name: p.username },
      {
        action: 'training.record',
        entityType: 'training',
        entityId: id,
        regionCode: region,
        summary: `记录${TRAINING_KIND_LABELS[t.kind]}：${t.heldOn} ${t.topic}，${t.attendance} 人参加`,
        payload: {
          before: null,
          after: { heldOn: t.heldOn, topic: t.topic, kind: t.kind, attendance: t.attendance },
        },
      },
    );
    return { id, regionCode: region, ...t };
  });
}
