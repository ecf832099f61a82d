// Reads the training records: the sessions (of one year, or all) with their attached materials, and the counts per year of
// 学习 and 宣讲 sessions with their attendance, which section 二(一) of the county's report cites.
import type { TrainingWithAttachments, TrainingYearCount } from '../../common/wire-library.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { listTrainings, trainingCountsByYear } from '../../db/repositories/library.ts';
import { attachmentsOf } from '../../db/repositories/attachments.ts';
import { authorize } from '../accounts/authorize.ts';
import type { Principal } from '../accounts/policies.ts';
import { libraryAttachment } from './attach-library-file.ts';

export async function listTrainingRecords(
  db: Executor,
  opts: { principal: Principal; regionCode: string; year?: number | undefined },
): Promise<TrainingWithAttachments[]> {
  await authorize(db, opts.principal, 'library.read', { region: opts.regionCode });
  const trainings = await listTrainings(db, { regionCode: opts.regionCode, year: opts.year });
  const attachments = await attachmentsOf(
    db,
    'training',
    trainings.map((t) => t.id),
  );
  return trainings.map((t) => ({ ...t, attachments: (attachments.get(t.id) ?? []).map(libraryAttachment) }));
}

/** Per year, oldest first: sessions of each kind and the total attendance. */
export async function countTrainingsByYear(
  db: Executor,
  opts: { principal: Principal; regionCode: string },
): Promise<TrainingYearCount[]> {
  await authorize(db, opts.principal, 'library.read', { region: opts.regionCode });
  const byYear = new Map<number, TrainingYearCount>();
  for (const r of await trainingCountsByYear(db, opts.regionCode)) {
    const y = byYear.get(r.year) ?? { year: r.year, study: 0, lecture: 0, attendance: 0 };
    y[r.kind] += r.sessions;
    y.attendance += r.attendance;
    byYear.set(r.year, y);
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}
