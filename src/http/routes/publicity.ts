// The 公示 page, served WITHOUT login (config.public): JSON under /api/public/… and a plain
// HTML page at /gs/. Only published data, through the explicit public views of
// src/domain/registration/public-listing.ts.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PublicQuery } from '../../common/wire-registration.ts';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { registrationRegions } from '../../db/repositories/registration.ts';
import {
  publicAnnualReports,
  publicRegistrations,
  publicSpotChecks,
  type PublicAnnualReport,
  type PublicRegistration,
} from '../../domain/registration/public-listing.ts';

const TAG = ['公示'];
const PUBLIC = { public: true } as const;

async function regionsOf(db: Executor, region: string | undefined): Promise<string[]> {
  return region ? [region] : registrationRegions(db);
}

const escape = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

function page(q: string, regs: PublicRegistration[], reports: PublicAnnualReport[]): string {
  const rows = regs
    .map(
      (r) =>
        `<tr><td>${escape(r.name)}</td><td>${escape(r.uscc ?? '')}</td><td>${escape(r.state)}</td><td>${escape(r.sponsor)}</td><td>${escape(r.address)}</td><td>${escape(r.capital)} 万元</td><td>${escape(r.validUntil ?? '')}</td></tr>`,
    )
    .join('');
  const reportRows = reports
    .map(
      (a) =>
        `<section><h3>${escape(a.name)} ${a.year} 年度报告${a.late ? '（逾期报送）' : ''}</h3><p>统一社会信用代码：${escape(a.uscc ?? '')}\u3000从业人员：${a.staffCount} 人\u3000网上名称：${escape(a.onlineNames.join('、') || '无')}\u3000公示日期：${escape(a.publishedOn)}</p><dl>${a.items.map((i) => `<dt>${escape(i.label)}</dt><dd>${escape(i.text)}</dd>`).join('')}</dl></section>`,
    )
    .join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>事业单位信息公示</title>
<style>body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}dt{font-weight:bold;margin-top:.5em}</style></head>
<body><h1>事业单位信息公示</h1>
<form method="get" action="/gs/"><label>名称或统一社会信用代码 <input name="q" value="${escape(q)}"></label> <button type="submit">查询</button></form>
<h2>登记信息</h2><table><thead><tr><th>名称</th><th>统一社会信用代码</th><th>状态</th><th>举办单位</th><th>住所</th><th>开办资金</th><th>证书有效期至</th></tr></thead><tbody>${rows || '<tr><td colspan="7">没有符合条件的单位</td></tr>'}</tbody></table>
<h2>年度报告</h2>${reportRows || '<p>暂无已公示的年度报告</p>'}
</body></html>`;
}

export async function publicityRoutes(app: FastifyInstance, deps: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = deps.ctx.db.kysely;
  r.get(
    '/api/public/registrations',
    {
      config: PUBLIC,
      schema: {
        tags: TAG,
        summary: '公示：事业单位登记信息（可按名称或代码查找）',
        querystring: PublicQuery,
        security: [],
      },
    },
    async (req) =>
      publicRegistrations(db, { regionCodes: await regionsOf(db, req.query.region), query: req.query.q }),
  );
  r.get(
    '/api/public/annual-reports',
    {
      config: PUBLIC,
      schema: { tags: TAG, summary: '公示：已公示的年度报告', querystring: PublicQuery, security: [] },
    },
    async (req) =>
      publicAnnualReports(db, { regionCodes: await regionsOf(db, req.query.region), query: req.query.q }),
  );
  r.get(
    '/api/public/spot-checks',
    {
      config: PUBLIC,
      schema: { tags: TAG, summary: '公示：抽查结果', querystring: PublicQuery, security: [] },
    },
    async (req) => publicSpotChecks(db, { regionCodes: await regionsOf(db, req.query.region) }),
  );
  r.get(
    '/gs/',
    {
      config: PUBLIC,
      schema: { tags: TAG, summary: '公示页（HTML）', querystring: PublicQuery, security: [] },
    },
    async (req, reply) => {
      const regionCodes = await regionsOf(db, req.query.region);
      const q = req.query.q ?? '';
      const [regs, reports] = await Promise.all([
        publicRegistrations(db, { regionCodes, query: q }),
        publicAnnualReports(db, { regionCodes, query: q }),
      ]);
      return reply.type('text/html; charset=utf-8').send(page(q, regs, reports));
    },
  );
}
