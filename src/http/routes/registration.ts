// 事业单位登记管理: records, applications and their steps, USCC issue, settings, annual reports
// and spot checks. Handlers are thin: the use cases call authorize() with every record they touch
// (the area's table is in src/domain/accounts/permissions.ts).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam, RegionCode } from '../../common/wire.ts';
import {
  AnnualReportBody,
  AnnualReportReviewBody,
  ApplicationListQuery,
  ApplicationStepBody,
  IssueUsccBody,
  NewApplicationBody,
  RefileApplicationBody,
  RegistrationListQuery,
  RegistrationSettingsBody,
  ReturnApplicationBody,
  SpotCheckAdvanceBody,
  SpotCheckBody,
  YearQuery,
} from '../../common/wire-registration.ts';
import type { AppContext } from '../../context.ts';
import { acceptApplication } from '../../domain/registration/accept-application.ts';
import { advanceSpotCheck, publishSpotCheck } from '../../domain/registration/advance-spot-check.ts';
import { annualReportOverview } from '../../domain/registration/annual-report-stats.ts';
import { approveApplication } from '../../domain/registration/approve-application.ts';
import { reviewAnnualReport, signOffAnnualReport } from '../../domain/registration/decide-annual-report.ts';
import { drawSpotCheck } from '../../domain/registration/draw-spot-check.ts';
import { fileAnnualReport } from '../../domain/registration/file-annual-report.ts';
import { fileApplication } from '../../domain/registration/file-application.ts';
import { issueUscc } from '../../domain/registration/issue-uscc.ts';
import {
  getApplicationDetail,
  getCertificateForPrint,
  getRegistrationDetail,
  listApplications,
  listRegistrations,
} from '../../domain/registration/list-registrations.ts';
import { returnApplication } from '../../domain/registration/return-application.ts';
import { reviewApplication } from '../../domain/registration/review-application.ts';
import { authorize } from '../../domain/accounts/authorize.ts';
import { getSpotCheckDetail, listSpotCheckSummaries } from '../../domain/registration/list-spot-checks.ts';
import { loadRegistrationSettings, setRegistrationSettings } from '../../domain/registration/settings.ts';
import { renderCertificateDocx } from '../../report/certificate-docx.ts';
import { docxToPdf } from '../../report/certificate-pdf.ts';
import { principal } from '../principal.ts';

const TAG = ['事业单位登记'];

export async function registrationRoutes(app: FastifyInstance, deps: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = deps;

  r.get(
    '/api/registrations',
    {
      schema: {
        tags: TAG,
        summary: '登记记录（可按名称或统一社会信用代码查找）',
        querystring: RegistrationListQuery,
      },
    },
    async (req) =>
      listRegistrations(ctx, {
        principal: principal(req),
        regionCode: req.query.region,
        state: req.query.state,
        query: req.query.q,
      }),
  );
  r.get(
    '/api/registrations/:id',
    { schema: { tags: TAG, summary: '登记记录：证书、沿革、申请', params: IdParam } },
    async (req) => getRegistrationDetail(ctx, { principal: principal(req), id: req.params.id }),
  );
  r.get(
    '/api/registrations/certificates/:id',
    {
      schema: {
        tags: TAG,
        summary: '事业单位法人证书（.docx，或服务器装有 LibreOffice 时的 PDF；正本或副本）',
        params: IdParam,
        querystring: z.object({
          copy: z.enum(['正本', '副本']).default('正本'),
          format: z.enum(['docx', 'pdf']).default('docx'),
        }),
      },
    },
    async (req, reply) => {
      const c = await getCertificateForPrint(ctx, { principal: principal(req), id: req.params.id });
      const docx = await renderCertificateDocx(c, req.query.copy);
      const pdf = req.query.format === 'pdf';
      const file = `事业单位法人证书_${req.query.copy}_${c.certificateNo}.${req.query.format}`;
      return reply
        .header(
          'Content-Type',
          pdf ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        )
        .header(
          'Content-Disposition',
          `attachment; filename="certificate.${req.query.format}"; filename*=UTF-8''${encodeURIComponent(file)}`,
        )
        .send(pdf ? await docxToPdf(docx) : docx);
    },
  );
  r.get(
    '/api/registration/applications',
    { schema: { tags: TAG, summary: '登记申请与待办（可只看逾期）', querystring: ApplicationListQuery } },
    async (req) =>
      listApplications(ctx, {
        principal: principal(req),
        regionCode: req.query.region,
        states: req.query.state ? [req.query.state] : undefined,
        overdueOnly: req.query.overdue === '1',
      }),
  );
  r.get(
    '/api/registration/applications/:id',
    { schema: { tags: TAG, summary: '登记申请及其各环节', params: IdParam } },
    async (req) => getApplicationDetail(ctx, { principal: principal(req), id: req.params.id }),
  );
  r.post(
    '/api/registration/applications',
    { schema: { tags: TAG, summary: '提交登记申请（设立/变更/注销/证书补领）', body: NewApplicationBody } },
    async (req) => ({
      id: await fileApplication(ctx, { principal: principal(req), ...req.body }),
    }),
  );
  r.post(
    '/api/registration/applications/:id/file',
    {
      schema: {
        tags: TAG,
        summary: '提交待办或补正后重新提交',
        params: IdParam,
        body: RefileApplicationBody,
      },
    },
    async (req) => ({
      id: await fileApplication(ctx, {
        principal: principal(req),
        applicationId: req.params.id,
        ...req.body,
      }),
    }),
  );
  r.post(
    '/api/registration/applications/:id/accept',
    {
      schema: {
        tags: TAG,
        summary: '受理（材料不全则标注缺少的材料）',
        params: IdParam,
        body: ApplicationStepBody,
      },
    },
    async (req) =>
      acceptApplication(ctx, { principal: principal(req), applicationId: req.params.id, ...req.body }),
  );
  r.post(
    '/api/registration/applications/:id/review',
    { schema: { tags: TAG, summary: '审核', params: IdParam, body: ApplicationStepBody } },
    async (req) => ({
      state: await reviewApplication(ctx, {
        principal: principal(req),
        applicationId: req.params.id,
        comment: req.body.comment,
      }),
    }),
  );
  r.post(
    '/api/registration/applications/:id/approve',
    { schema: { tags: TAG, summary: '核准（登记生效，发证）', params: IdParam, body: ApplicationStepBody } },
    async (req) =>
      approveApplication(ctx, { principal: principal(req), applicationId: req.params.id, ...req.body }),
  );
  r.post(
    '/api/registration/applications/:id/return',
    { schema: { tags: TAG, summary: '退回（须说明理由）', params: IdParam, body: ReturnApplicationBody } },
    async (req) => {
      await returnApplication(ctx, {
        principal: principal(req),
        applicationId: req.params.id,
        reason: req.body.reason,
      });
      return { ok: true };
    },
  );
  r.post(
    '/api/uscc/issue',
    { schema: { tags: TAG, summary: '赋予统一社会信用代码（本办号段）', body: IssueUsccBody } },
    async (req) => ({
      uscc: await issueUscc(ctx, {
        principal: principal(req),
        regionCode: req.body.region,
        category: req.body.category,
        unitId: req.body.unitId,
      }),
    }),
  );
  r.get(
    '/api/registration/settings',
    { schema: { tags: TAG, summary: '登记管理参数', querystring: z.object({ region: RegionCode }) } },
    async (req) => {
      await authorize(ctx.db.kysely, principal(req), 'registration.process', { region: req.query.region });
      return loadRegistrationSettings(ctx.db.kysely, req.query.region);
    },
  );
  r.put(
    '/api/registration/settings',
    { schema: { tags: TAG, summary: '设置登记管理参数（编办管理员）', body: RegistrationSettingsBody } },
    async (req) => {
      const { region, ...settings } = req.body;
      return setRegistrationSettings(ctx, { principal: principal(req), regionCode: region, settings });
    },
  );

  // ---- 年度报告 ----
  r.get(
    '/api/annual-reports',
    { schema: { tags: ['年度报告'], summary: '某年度的年度报告与按时报送率', querystring: YearQuery } },
    async (req) =>
      annualReportOverview(ctx, {
        principal: principal(req),
        regionCode: req.query.region,
        year: req.query.year,
      }),
  );
  r.post(
    '/api/annual-reports',
    { schema: { tags: ['年度报告'], summary: '报送年度报告（逾期也接收并标注）', body: AnnualReportBody } },
    async (req) => fileAnnualReport(ctx, { principal: principal(req), ...req.body }),
  );
  r.post(
    '/api/annual-reports/:id/sign-off',
    { schema: { tags: ['年度报告'], summary: '举办单位保密审查', params: IdParam } },
    async (req) => {
      await signOffAnnualReport(ctx, { principal: principal(req), reportId: req.params.id });
      return { ok: true };
    },
  );
  r.post(
    '/api/annual-reports/:id/review',
    {
      schema: {
        tags: ['年度报告'],
        summary: '编办审核：通过（公示）或退回修改',
        params: IdParam,
        body: AnnualReportReviewBody,
      },
    },
    async (req) => ({
      state: await reviewAnnualReport(ctx, {
        principal: principal(req),
        reportId: req.params.id,
        ...req.body,
      }),
    }),
  );

  // ---- 抽查 ----
  r.get(
    '/api/spot-checks',
    { schema: { tags: ['抽查'], summary: '历次抽查', querystring: z.object({ region: RegionCode }) } },
    async (req) => listSpotCheckSummaries(ctx, { principal: principal(req), regionCode: req.query.region }),
  );
  r.get(
    '/api/spot-checks/:id',
    { schema: { tags: ['抽查'], summary: '一次抽查：名单、检查人员、清单与各单位进度', params: IdParam } },
    async (req) => getSpotCheckDetail(ctx, { principal: principal(req), id: req.params.id }),
  );
  r.post(
    '/api/spot-checks',
    { schema: { tags: ['抽查'], summary: '双随机抽取（记录种子，可重现）', body: SpotCheckBody } },
    async (req) => {
      const b = req.body;
      return drawSpotCheck(ctx, {
        principal: principal(req),
        regionCode: b.region,
        year: b.year,
        title: b.title,
        size: b.count !== undefined ? { count: b.count } : { ratio: b.ratio ?? 0 },
        seed: b.seed,
        inspectorPool: b.inspectorPool,
        inspectorCount: b.inspectorCount,
        checklist: b.checklist,
      });
    },
  );
  r.post(
    '/api/spot-checks/units/:id/advance',
    {
      schema: {
        tags: ['抽查'],
        summary: '完成单位自查、实地检查或反馈整改',
        params: IdParam,
        body: SpotCheckAdvanceBody,
      },
    },
    async (req) => ({
      stage: await advanceSpotCheck(ctx, {
        principal: principal(req),
        spotCheckUnitId: req.params.id,
        ...req.body,
      }),
    }),
  );
  r.post(
    '/api/spot-checks/:id/publish',
    { schema: { tags: ['抽查'], summary: '公示抽查结果', params: IdParam } },
    async (req) => {
      await publishSpotCheck(ctx, { principal: principal(req), spotCheckId: req.params.id });
      return { ok: true };
    },
  );
}
