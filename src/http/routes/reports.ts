// 统计报表: the 基本情况 report, its drill-down, Word/Excel downloads, counties side by side,
// and the totals over the years.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { renderBasicText } from '../../common/report-basic.ts';
import { DateString, ErrorBody, RegionCode } from '../../common/wire.ts';
import {
  BasicReportQuery,
  BasicReportResponse,
  CountiesResponse,
  DrillQuery,
  DrillResponse,
  HistoryResponse,
  UnitFiguresResponse,
  WorkStatisticsResponse,
} from '../../common/wire-reports.ts';
import { renderWorkText } from '../../common/report-work.ts';
import { computeWorkStatistics } from '../../domain/reports/work-statistics.ts';
import { figure, REPORTING_TYPES, sumFigures } from '../../domain/establishment/rules.ts';
import type { AppContext } from '../../context.ts';
import { todayInChina } from '../../context.ts';
import { drillBasic } from '../../domain/reports/drill-basic.ts';
import { authorize } from '../../domain/accounts/authorize.ts';
import { unitReportRows } from '../../domain/reports/unit-rows.ts';
import { renderBasicDocx } from '../../report/basic-docx.ts';
import { renderBasicXlsx } from '../../report/basic-xlsx.ts';
import type { ReportRunner } from '../report-runner.ts';
import { principal } from '../principal.ts';
import { readCtx, reportJobs } from '../read-routing.ts';
import { safeRow } from '../../common/spreadsheet-text.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (name: string) =>
  `attachment; filename="report"; filename*=UTF-8''${encodeURIComponent(name)}`;

export async function reportRoutes(
  app: FastifyInstance,
  deps: { ctx: AppContext; runner: ReportRunner },
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx, runner } = deps;
  const readable = (req: FastifyRequest, region: string) =>
    authorize(ctx.db.kysely, principal(req), 'report.read', { region, wholeRegion: true });

  r.get(
    '/api/reports/basic',
    {
      schema: {
        tags: ['统计报表'],
        summary: '基本情况报告：72 处数字、报告文字与数据质量提示',
        querystring: BasicReportQuery,
        response: { 200: BasicReportResponse, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      await readable(req, req.query.region);
      const c = await reportJobs(req, runner).summary({
        regionCode: req.query.region,
        asOf: req.query.asOf ?? todayInChina(),
      });
      return { report: c.report, text: renderBasicText(c.report), quality: c.quality };
    },
  );

  r.get(
    '/api/reports/basic/drill',
    {
      schema: {
        tags: ['统计报表'],
        summary: '某一数字背后的机构或人员（分页）',
        querystring: DrillQuery,
        response: { 200: DrillResponse, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      await readable(req, req.query.region);
      const c = await reportJobs(req, runner).basic({
        regionCode: req.query.region,
        asOf: req.query.asOf ?? todayInChina(),
      });
      return drillBasic(readCtx(req, ctx).readDb.kysely, c, req.query);
    },
  );

  r.get(
    '/api/reports/basic/drill/export',
    {
      schema: {
        tags: ['统计报表'],
        summary: '导出某一数字背后的全部行（.xlsx）',
        querystring: DrillQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => {
      await readable(req, req.query.region);
      const c = await reportJobs(req, runner).basic({
        regionCode: req.query.region,
        asOf: req.query.asOf ?? todayInChina(),
      });
      const d = await drillBasic(readCtx(req, ctx).readDb.kysely, c, {
        key: req.query.key,
        page: 1,
        pageSize: 100_000,
      });
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet(d.label.slice(0, 31));
      if (d.kind === 'people') {
        ws.addRow([
          '姓名',
          '身份证号（脱敏）',
          '单位',
          '编制类型',
          '人员状态',
          '入编方式',
          '领导职务',
          '入编日期',
          '出编日期',
        ]);
        for (const p of d.rows) {
          ws.addRow(
            safeRow([
              p.name,
              p.idMasked,
              p.unitName,
              p.quotaType,
              p.status,
              p.channel ?? '',
              p.leadershipLevel,
              p.enteredOn ?? '',
              p.leftOn ?? '',
            ]),
          );
        }
      } else {
        ws.addRow(['机构编码', '机构名称', '机构类别', '计入数', '说明']);
        for (const u of d.rows) ws.addRow(safeRow([u.unitCode, u.unitName, u.category, u.value, u.detail]));
      }
      ws.getRow(1).font = { bold: true };
      ws.columns.forEach((col) => (col.width = 18));
      const buffer = Buffer.from(await wb.xlsx.writeBuffer());
      return reply
        .header('Content-Type', XLSX)
        .header('Content-Disposition', attachment(`${d.label}_${c.report.regionName}_${c.report.asOf}.xlsx`))
        .send(buffer);
    },
  );

  r.get(
    '/api/reports/basic/export',
    {
      schema: {
        tags: ['统计报表'],
        summary: '下载基本情况报告（Word 公文格式）或机构编制情况统计表（Excel）',
        querystring: BasicReportQuery.extend({ format: z.enum(['docx', 'xlsx']) }),
      },
    },
    async (req, reply) => {
      await readable(req, req.query.region);
      const c = await reportJobs(req, runner).basic({
        regionCode: req.query.region,
        asOf: req.query.asOf ?? todayInChina(),
      });
      if (req.query.format === 'docx') {
        const buffer = await renderBasicDocx(c.report);
        return reply
          .header('Content-Type', DOCX)
          .header(
            'Content-Disposition',
            attachment(`${c.report.regionName}机构编制基本情况_${c.report.asOf}.docx`),
          )
          .send(buffer);
      }
      const chunks: Buffer[] = [];
      const { PassThrough } = await import('node:stream');
      const sink = new PassThrough();
      sink.on('data', (chunk: Buffer) => chunks.push(chunk));
      await renderBasicXlsx({ report: c.report, units: unitReportRows(c.units) }, sink);
      return reply
        .header('Content-Type', XLSX)
        .header(
          'Content-Disposition',
          attachment(`${c.report.regionName}机构编制情况统计表_${c.report.asOf}.xlsx`),
        )
        .send(Buffer.concat(chunks));
    },
  );

  r.get(
    '/api/reports/units',
    {
      schema: {
        tags: ['统计报表'],
        summary: '统计日各单位的核定、实有、空编、超编与领导职数',
        querystring: BasicReportQuery,
        response: { 200: UnitFiguresResponse, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      await readable(req, req.query.region);
      const c = await reportJobs(req, runner).basic({
        regionCode: req.query.region,
        asOf: req.query.asOf ?? todayInChina(),
      });
      return {
        regionCode: c.report.regionCode,
        asOf: c.report.asOf,
        units: c.units.map(({ unit, cells }) => ({
          unitId: unit.id,
          code: unit.code,
          name: unit.name,
          category: unit.category,
          parentId: unit.parentUnitId,
          figures: REPORTING_TYPES.map((t) => {
            const x = cells.byType[t];
            return { quotaType: t, ...figure(x.approved, x.actual, x.pending) };
          }),
          total: sumFigures(
            REPORTING_TYPES.map((t) =>
              figure(cells.byType[t].approved, cells.byType[t].actual, cells.byType[t].pending),
            ),
          ),
          posts: (['正科', '副科'] as const).map((level) => ({ level, ...cells.posts[level] })),
        })),
      };
    },
  );

  r.get(
    '/api/reports/work',
    {
      schema: {
        tags: ['统计报表'],
        summary: '工作统计：期间内已实施事项的数字（报告第二部分）及其事项',
        querystring: z.object({ region: RegionCode, from: DateString, to: DateString }),
        response: { 200: WorkStatisticsResponse, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      await readable(req, req.query.region);
      const stats = await computeWorkStatistics(readCtx(req, ctx).readDb.kysely, {
        regionCode: req.query.region,
        from: req.query.from,
        to: req.query.to,
      });
      return { stats, text: renderWorkText(stats) };
    },
  );

  r.get(
    '/api/reports/counties',
    {
      schema: {
        tags: ['统计报表'],
        summary: '市、省用户：下辖各县的主要数字并列',
        querystring: z.object({ region: RegionCode, asOf: DateString.optional() }),
        response: { 200: CountiesResponse, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      await readable(req, req.query.region);
      return reportJobs(req, runner).counties({
        regionCode: req.query.region,
        asOf: req.query.asOf ?? todayInChina(),
      });
    },
  );

  r.get(
    '/api/reports/history',
    {
      schema: {
        tags: ['统计报表'],
        summary: '历年年末的编制与实有人数（由历史台账计算）',
        querystring: z.object({ region: RegionCode }),
        response: { 200: HistoryResponse, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      await readable(req, req.query.region);
      return reportJobs(req, runner).history({ regionCode: req.query.region, today: todayInChina() });
    },
  );
}
