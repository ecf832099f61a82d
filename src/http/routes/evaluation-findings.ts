// 评估问效 results in use: the findings and rectification list (问题清单 / 整改清单) and the
// documents (the report of a unit and the summary as .docx, the scores as .xlsx). Thin: zod
// validates, the use cases authorize with every entity the request names.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam } from '../../common/wire.ts';
import { FindingBody, FindingListQuery, FindingProgressBody } from '../../common/wire-evaluation-findings.ts';
import type { AppContext } from '../../context.ts';
import { addEvaluationFinding } from '../../domain/evaluation/add-evaluation-finding.ts';
import { exportEvaluation, type EvaluationFile } from '../../domain/evaluation/export-evaluation.ts';
import { listEvaluationFindings } from '../../domain/evaluation/list-evaluation-findings.ts';
import { reportFindingProgress } from '../../domain/evaluation/report-finding-progress.ts';
import { reviseEvaluationFinding } from '../../domain/evaluation/revise-evaluation-finding.ts';
import { principal } from '../principal.ts';

const TAG = ['评估问效'];
const MEDIA = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;
const UnitQuery = z.object({ unit: z.coerce.number().int().positive() });

export async function evaluationFindingRoutes(
  app: FastifyInstance,
  deps: { ctx: AppContext },
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = deps;
  const send = (reply: FastifyReply, format: 'xlsx' | 'docx', f: EvaluationFile) =>
    reply
      .header('Content-Type', MEDIA[format])
      .header(
        'Content-Disposition',
        `attachment; filename="evaluation.${format}"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`,
      )
      .send(f.content);

  r.get(
    '/api/evaluation/plans/:id/findings',
    {
      schema: {
        tags: TAG,
        summary: '问题清单和整改清单（联络员只看本单位的）',
        params: IdParam,
        querystring: FindingListQuery,
      },
    },
    async (req) =>
      listEvaluationFindings(ctx.readDb.kysely, {
        principal: principal(req),
        planId: req.params.id,
        ...(req.query.unit === undefined ? {} : { unitId: req.query.unit }),
      }),
  );

  r.post(
    '/api/evaluation/plans/:id/findings',
    {
      schema: {
        tags: TAG,
        summary: '登记评估发现的问题和整改措施（编办）',
        params: IdParam,
        body: FindingBody,
      },
    },
    async (req, reply) => {
      const saved = await addEvaluationFinding(ctx, {
        principal: principal(req),
        planId: req.params.id,
        body: req.body,
      });
      return reply.code(201).send(saved);
    },
  );

  r.put(
    '/api/evaluation/findings/:id',
    { schema: { tags: TAG, summary: '修改问题和整改措施（编办）', params: IdParam, body: FindingBody } },
    async (req) =>
      reviseEvaluationFinding(ctx, { principal: principal(req), findingId: req.params.id, body: req.body }),
  );

  r.post(
    '/api/evaluation/findings/:id/progress',
    {
      schema: {
        tags: TAG,
        summary: '报告整改进展（被评估单位联络员或编办）',
        params: IdParam,
        body: FindingProgressBody,
      },
    },
    async (req) =>
      reportFindingProgress(ctx, { principal: principal(req), findingId: req.params.id, body: req.body }),
  );

  r.get(
    '/api/evaluation/plans/:id/report.docx',
    {
      schema: { tags: TAG, summary: '单位评估报告（.docx）', params: IdParam, querystring: UnitQuery },
    },
    async (req, reply) =>
      send(
        reply,
        'docx',
        await exportEvaluation(ctx.readDb.kysely, {
          principal: principal(req),
          planId: req.params.id,
          document: { kind: 'unitReport', unitId: req.query.unit },
        }),
      ),
  );

  r.get(
    '/api/evaluation/plans/:id/summary.docx',
    { schema: { tags: TAG, summary: '评估总结报告（.docx）', params: IdParam } },
    async (req, reply) =>
      send(
        reply,
        'docx',
        await exportEvaluation(ctx.readDb.kysely, {
          principal: principal(req),
          planId: req.params.id,
          document: { kind: 'summary' },
        }),
      ),
  );

  r.get(
    '/api/evaluation/plans/:id/scores.xlsx',
    { schema: { tags: TAG, summary: '评估得分表（.xlsx：汇总、明细、问题整改清单）', params: IdParam } },
    async (req, reply) =>
      send(
        reply,
        'xlsx',
        await exportEvaluation(ctx.readDb.kysely, {
          principal: principal(req),
          planId: req.params.id,
          document: { kind: 'scores' },
        }),
      ),
  );
}
