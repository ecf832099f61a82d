// A school registered through the real procedure (设立: 申请 → 受理 → 审核 → 核准) in the county
// fixture, for tests that need a registered institution to act on.
import type { AppContext } from '../../src/context.ts';
import type { Principal } from '../../src/domain/accounts/policies.ts';
import { acceptApplication } from '../../src/domain/registration/accept-application.ts';
import { approveApplication } from '../../src/domain/registration/approve-application.ts';
import { fileApplication } from '../../src/domain/registration/file-application.ts';
import { reviewApplication } from '../../src/domain/registration/review-application.ts';

/** Registers the unit as a school sponsored by the 教育局 unit; returns the registration's id. */
export async function registerSchool(
  ctx: AppContext,
  opts: { principal: Principal; unitId: number; sponsorUnitId: number; name: string },
): Promise<number> {
  const { principal } = opts;
  const applicationId = await fileApplication(ctx, {
    principal,
    unitId: opts.unitId,
    kind: '设立',
    details: {
      name: opts.name,
      purpose: '实施高中学历教育',
      address: '永宁县杨和镇',
      legalRep: '王某',
      capital: '100',
      fundingSource: '财政补助',
      sponsor: '永宁县教育局',
      sponsorUnitId: opts.sponsorUnitId,
    },
    materials: [
      '登记申请书',
      '审批机关批准设立的文件',
      '场所使用权证明',
      '法定代表人任职文件及身份证明',
      '开办资金确认证明',
      '章程草案',
    ],
    on: '2023-01-05',
  });
  await acceptApplication(ctx, { principal, applicationId, on: '2023-01-06' });
  await reviewApplication(ctx, { principal, applicationId });
  return (await approveApplication(ctx, { principal, applicationId, on: '2023-01-09' })).id;
}
