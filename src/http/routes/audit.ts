// 审计日志: read-only for the 安全审计员 (and nobody else), with filters, the chain's
// verification and an export. Nobody can change it through the application.
import { auditActionLabel, auditEntityLabel } from '../../common/audit-labels.ts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { AuditPage, AuditQuery, ErrorBody } from '../../common/wire.ts';
import type { AppContext } from '../../context.ts';
import { listAuditEvents } from '../../db/repositories/audit.ts';
import { verifyAudit } from '../../audit/verify-audit.ts';
import { authorize } from '../../domain/accounts/authorize.ts';
import { principal } from '../principal.ts';
import { safeRow } from '../../common/spreadsheet-text.ts';

export async function auditRoutes(app: FastifyInstance, deps: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = deps;

  const query = (q: z.infer<typeof AuditQuery>, limit: number, offset: number) =>
    listAuditEvents(ctx.db.kysely, {
      regionCodes: [q.region],
      action: q.action,
      entityType: q.entityType,
      entityId: q.entityId,
      actorName: q.actor,
      limit,
      offset,
    });

  r.get(
    '/api/audit',
    {
      schema: {
        tags: ['审计'],
        summary: '审计日志（只读）及哈希链校验结果',
        querystring: AuditQuery,
        response: { 200: AuditPage, 403: ErrorBody },
      },
    },
    async (req) => {
      await authorize(ctx.db.kysely, principal(req), 'audit.read', { region: req.query.region });
      const { total, rows } = await query(
        req.query,
        req.query.pageSize,
        (req.query.page - 1) * req.query.pageSize,
      );
      const v = await verifyAudit(ctx);
      return {
        total,
        items: rows.map((e) => ({
          id: e.id,
          at: e.at,
          actorName: e.actor_name,
          action: e.action,
          entityType: e.entity_type,
          entityId: e.entity_id,
          summary: e.summary,
          payload: e.payload,
          hash: e.hash,
        })),
        chain: v.ok
          ? // The chain spans the whole log (every region and the system's events), not the list below.
            { ok: true, message: `哈希链完整：已校验全部 ${v.count} 条事件（含其他地区和系统事件）` }
          : { ok: false, message: `哈希链校验失败：第 ${v.badEventId} 号事件 — ${v.reason}` },
      };
    },
  );

  r.get(
    '/api/audit/export',
    { schema: { tags: ['审计'], summary: '导出审计日志（.xlsx）', querystring: AuditQuery } },
    async (req, reply) => {
      await authorize(ctx.db.kysely, principal(req), 'audit.export', { region: req.query.region });
      const { rows } = await query(req.query, 100_000, 0);
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('审计日志');
      ws.addRow(['序号', '时间', '操作人', '操作', '对象类型', '对象', '摘要', '内容', '哈希']);
      ws.getRow(1).font = { bold: true };
      for (const e of rows)
        ws.addRow(
          safeRow([
            e.id,
            e.at,
            e.actor_name,
            auditActionLabel(e.action),
            auditEntityLabel(e.entity_type),
            e.entity_id ?? '',
            e.summary,
            e.payload,
            e.hash,
          ]),
        );
      ws.columns.forEach((c, i) => (c.width = [8, 24, 14, 18, 12, 10, 60, 40, 20][i] ?? 14));
      return reply
        .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'Content-Disposition',
          `attachment; filename="audit.xlsx"; filename*=UTF-8''${encodeURIComponent(`审计日志_${req.query.region}.xlsx`)}`,
        )
        .send(Buffer.from(await wb.xlsx.writeBuffer()));
    },
  );
}
