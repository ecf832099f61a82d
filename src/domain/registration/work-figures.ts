// The figures of section 二(三)3–4 for a period (工作统计): registrations handled by kind
// (核准 in the period), institutions spot-checked and checklist items (checks drawn in the
// period), domain names on the register at the period's end, and the units whose implemented
// 更名/合并/撤销 in the period required a domain change or cancellation.
import type { Executor } from '../../db/repositories/executor.ts';
import { domainsOnRegister, listChangeItems } from '../../db/repositories/domains.ts';
import { approvedApplicationCounts } from '../../db/repositories/registration.ts';
import { spotCheckFigures } from '../../db/repositories/spot-checks.ts';

export interface RegistrationWorkFigures {
  registrationsHandled: number;
  registrationsEstablished: number;
  registrationsChanged: number;
  registrationsCancelled: number;
  spotCheckedInstitutions: number;
  spotCheckItems: number;
  domainsReviewed: number;
  unitsNeedingDomainChange: number;
}

export async function registrationWorkFigures(
  db: Executor,
  f: { regionCodes: string[]; from: string; to: string },
): Promise<RegistrationWorkFigures> {
  if (f.regionCodes.length === 0)
    return {
      registrationsHandled: 0,
      registrationsEstablished: 0,
      registrationsChanged: 0,
      registrationsCancelled: 0,
      spotCheckedInstitutions: 0,
      spotCheckItems: 0,
      domainsReviewed: 0,
      unitsNeedingDomainChange: 0,
    };
  const kinds = await approvedApplicationCounts(db, f);
  const checks = await spotCheckFigures(db, f);
  const items = await listChangeItems(db, { regionCodes: f.regionCodes, from: f.from, to: f.to });
  return {
    registrationsHandled: [...kinds.values()].reduce((a, b) => a + b, 0),
    registrationsEstablished: kinds.get('设立') ?? 0,
    registrationsChanged: kinds.get('变更') ?? 0,
    registrationsCancelled: kinds.get('注销') ?? 0,
    spotCheckedInstitutions: checks.units,
    spotCheckItems: checks.items,
    domainsReviewed: await domainsOnRegister(db, f.regionCodes, f.to),
    unitsNeedingDomainChange: new Set(items.map((i) => i.unitId)).size,
  };
}
