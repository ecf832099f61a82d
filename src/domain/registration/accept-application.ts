// 受理: the office checks the materials. Missing ones are listed and the application waits as
// 材料不全 for the applicant to complete them; complete ones go to 审核 with the 核准 deadline
// (default 30 working days from 受理).
import type { AppContext } from '../../context.ts';
import { nowIso, todayInChina } from '../../context.ts';
import type { ApplicationState } from '../../common/registration.ts';
import type { Principal } from '../accounts/policies.ts';
import { loadApplication, moveApplication } from './application-steps.ts';
import { decideDue, missingMaterials } from './rules.ts';
import { loadRegistrationSettings, workCalendar } from './settings.ts';

export async function acceptApplication(
  ctx: AppContext,
  opts: { principal: Principal; applicationId: number; comment?: string; on?: string },
): Promise<{ state: ApplicationState; missingMaterials: string[] }> {
  const on = opts.on ?? todayInChina();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const a = await loadApplication(trx, opts.principal, opts.applicationId, 'registration.process');
    const missing = missingMaterials(a.kind, a.materials);
    const settings = await loadRegistrationSettings(trx, a.regionCode);
    const due = decideDue(on, settings.decideDays, await workCalendar(trx, a.regionCode));
    const state = await moveApplication(ctx, trx, {
      principal: opts.principal,
      application: a,
      action: 'accept',
      comment: missing.length > 0 ? `材料不全：${missing.join('、')}` : (opts.comment ?? ''),
      at: nowIso(),
      missingMaterials: missing,
      set:
        missing.length > 0
          ? { missing_materials: JSON.stringify(missing) }
          : { missing_materials: '[]', accepted_on: on, decide_due: due },
    });
    return { state, missingMaterials: missing };
  });
}
