// Every API route and the action of the permission table it takes (src/domain/accounts/
// permissions.ts). A route missing here is refused to everyone (and the authorization-matrix
// test names it): a new route cannot be forgotten. The hook checks the role before the body is
// read; the use case then calls authorize() with the entities the request names.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { roleMay, PERMISSIONS, type Action } from '../domain/accounts/permissions.ts';
import { AppError, forbidden } from '../errors.ts';

export type RouteRule =
  /** Reachable without a session (the login itself). */
  | { kind: 'public' }
  /** Any signed-in user: their own session and password. */
  | { kind: 'signedIn' }
  | { kind: 'action'; action: Action };

const PUBLIC: RouteRule = { kind: 'public' };
const SIGNED_IN: RouteRule = { kind: 'signedIn' };
const may = (action: Action): RouteRule => ({ kind: 'action', action });

export const ROUTE_PERMISSIONS: Record<string, RouteRule> = {
  // 账户
  'POST /api/auth/login': PUBLIC,
  'POST /api/auth/logout': PUBLIC,
  'GET /api/auth/me': SIGNED_IN,
  'POST /api/auth/change-password': SIGNED_IN,
  'GET /api/auth/password-policy': SIGNED_IN,
  /** A user's own second factor: the routes act on the caller only, never another account. */
  'POST /api/auth/totp/enrol': SIGNED_IN,
  'POST /api/auth/totp/confirm': SIGNED_IN,
  // 台账
  'GET /api/regions': may('region.list'),
  'GET /api/overview': may('ledger.overview'),
  'GET /api/units': may('unit.list'),
  'GET /api/units/:id': may('unit.read'),
  'GET /api/units/:id/history': may('unit.read'),
  'GET /api/people': may('person.read'),
  'GET /api/people/:id': may('person.read'),
  'POST /api/people/:id/reveal-id': may('person.revealId'),
  // 导入导出
  'POST /api/imports': may('data.import'),
  'GET /api/imports/:id': may('data.import'),
  'POST /api/imports/:id/cancel': may('data.import'),
  'POST /api/import-mappings/preview': may('data.import'),
  'GET /api/import-mappings': may('data.import'),
  'PUT /api/import-mappings': may('data.import'),
  'DELETE /api/import-mappings/:id': may('data.import'),
  'GET /api/export': may('data.export'),
  // 统计报表
  'GET /api/reports/basic': may('report.read'),
  'GET /api/reports/basic/drill': may('report.read'),
  'GET /api/reports/basic/drill/export': may('report.read'),
  'GET /api/reports/basic/export': may('report.read'),
  'GET /api/reports/units': may('report.read'),
  'GET /api/reports/work': may('report.read'),
  'GET /api/reports/counties': may('report.read'),
  'GET /api/reports/history': may('report.read'),
  'GET /api/reports/population': may('report.read'),
  // 统计年报
  'GET /api/yearend': may('yearend.read'),
  'GET /api/yearend/export': may('yearend.read'),
  'POST /api/yearend/submit': may('yearend.submit'),
  'GET /api/full-report': may('fullReport.read'),
  'PUT /api/full-report': may('fullReport.write'),
  'POST /api/full-report/render': may('fullReport.write'),
  // 编制标准、学生数与人口、及时性、数据比对
  'GET /api/standards': may('standards.read'),
  'POST /api/standards/what-if': may('standards.read'),
  'GET /api/standards/versions': may('standards.read'),
  'GET /api/standards/export': may('standards.read'),
  'POST /api/standards': may('standards.write'),
  'GET /api/inputs/students': may('inputs.read'),
  'PUT /api/inputs/students': may('inputs.write'),
  'GET /api/inputs/population': may('inputs.read'),
  'PUT /api/inputs/population': may('inputs.write'),
  'GET /api/timeliness': may('timeliness.read'),
  'PUT /api/timeliness/settings': may('timeliness.configure'),
  'POST /api/reconciliations': may('reconciliation.run'),
  'GET /api/reconciliations': may('reconciliation.read'),
  'GET /api/reconciliations/:id': may('reconciliation.read'),
  'GET /api/reconciliations/:id/items': may('reconciliation.read'),
  'GET /api/reconciliations/:id/export': may('reconciliation.read'),
  // 事项办理
  'GET /api/matters': may('matter.read'),
  'GET /api/matters/waiting': may('matter.read'),
  'POST /api/matters': may('matter.propose'),
  'GET /api/matters/:id': may('matter.read'),
  'GET /api/matters/:id/check': may('matter.read'),
  'POST /api/matters/:id/assess': may('matter.assess'),
  'POST /api/matters/:id/decide': may('matter.decide'),
  'POST /api/matters/:id/implement': may('matter.implement'),
  'POST /api/matters/:id/return': may('matter.return'),
  'POST /api/matters/:id/reject': may('matter.reject'),
  'POST /api/matters/:id/resubmit': may('matter.resubmit'),
  'POST /api/matters/:id/attachments': may('matter.attach'),
  'GET /api/matters/attachments/:id': may('matter.read'),
  'POST /api/control-totals': may('matter.controlTotal'),
  // 机构改革
  'GET /api/reform/projects': may('reform.read'),
  'POST /api/reform/projects': may('reform.write'),
  'GET /api/reform/projects/:id': may('reform.read'),
  'PUT /api/reform/projects/:id': may('reform.write'),
  'POST /api/reform/projects/:id/freeze': may('reform.write'),
  'GET /api/reform/projects/:id/baseline/export': may('reform.read'),
  'POST /api/reform/projects/:id/plans': may('reform.write'),
  'POST /api/reform/projects/:id/preview': may('reform.write'),
  'GET /api/reform/projects/:id/plans/compare': may('reform.read'),
  'PUT /api/reform/plans/:id': may('reform.write'),
  'GET /api/reform/plans/:id/sandbox': may('reform.read'),
  'POST /api/reform/plans/:id/adopt': may('reform.adopt'),
  'GET /api/reform/projects/:id/comparison': may('reform.read'),
  'GET /api/reform/projects/:id/comparison/export': may('reform.read'),
  'GET /api/reform/limits': may('reform.read'),
  'POST /api/reform/limits': may('reform.limit'),
  // 用户管理 (系统管理员)
  'GET /api/users': may('user.list'),
  'POST /api/users': may('user.create'),
  'POST /api/users/:id/reset-password': may('user.resetPassword'),
  // 安全策略 (安全管理员)
  'GET /api/security/policy': may('security.read'),
  'PUT /api/security/policy': may('security.configure'),
  // 登记管理、年度报告、抽查、中文域名 (a liaison acts on exactly their unit: permissions.ts)
  // 法规制度、学习宣讲
  'GET /api/library/documents': may('library.read'),
  'GET /api/library/documents/:id': may('library.read'),
  'POST /api/library/documents': may('library.write'),
  'PUT /api/library/documents/:id': may('library.write'),
  'GET /api/library/trainings': may('library.read'),
  'POST /api/library/trainings': may('library.write'),
  'GET /api/library/trainings/counts': may('library.read'),
  'POST /api/library/documents/:id/attachments': may('library.write'),
  'POST /api/library/trainings/:id/attachments': may('library.write'),
  'GET /api/library/attachments/:id': may('library.read'),
  // 评估问效 (自评 by the evaluated unit; 实地评估 by the county team)
  'GET /api/evaluation/plans': may('evaluation.read'),
  'GET /api/evaluation/plans/:id': may('evaluation.read'),
  'POST /api/evaluation/plans': may('evaluation.manage'),
  'PUT /api/evaluation/plans/:id': may('evaluation.manage'),
  'GET /api/evaluation/plans/:id/measures': may('evaluation.results'),
  'POST /api/evaluation/plans/:id/self-scores': may('evaluation.selfScore'),
  'POST /api/evaluation/plans/:id/onsite-scores': may('evaluation.onsiteScore'),
  'GET /api/evaluation/plans/:id/unit-scores': may('evaluation.scoresRead'),
  'GET /api/evaluation/plans/:id/result': may('evaluation.results'),
  'GET /api/evaluation/plans/:id/findings': may('evaluation.findingsRead'),
  'POST /api/evaluation/plans/:id/findings': may('evaluation.findingsManage'),
  'PUT /api/evaluation/findings/:id': may('evaluation.findingsManage'),
  'POST /api/evaluation/findings/:id/progress': may('evaluation.findingsProgress'),
  'GET /api/evaluation/plans/:id/report.docx': may('evaluation.results'),
  'GET /api/evaluation/plans/:id/summary.docx': may('evaluation.results'),
  'GET /api/evaluation/plans/:id/scores.xlsx': may('evaluation.results'),
  // 交叉互评: the grant itself is checked by authorize() in the use case.
  'GET /api/evaluation/cross-grants': may('evaluation.crossGrants'),
  'GET /api/evaluation/plans/:id/cross-evaluators': may('evaluation.manage'),
  'POST /api/evaluation/plans/:id/cross-evaluators': may('evaluation.manage'),
  'DELETE /api/evaluation/plans/:id/cross-evaluators/:userId': may('evaluation.manage'),
  'GET /api/evaluation/plans/:id/scores': may('evaluation.results'),
  'POST /api/evaluation/plans/:id/cross-scores': may('evaluation.crossScore'),
  'GET /api/registrations': may('registration.read'),
  'GET /api/registrations/:id': may('registration.read'),
  'GET /api/registrations/certificates/:id': may('registration.read'),
  'GET /api/registration/applications': may('registration.read'),
  'GET /api/registration/applications/:id': may('registration.read'),
  'POST /api/registration/applications': may('registration.file'),
  'POST /api/registration/applications/:id/file': may('registration.file'),
  'POST /api/registration/applications/:id/accept': may('registration.process'),
  'POST /api/registration/applications/:id/review': may('registration.process'),
  'POST /api/registration/applications/:id/approve': may('registration.process'),
  'POST /api/registration/applications/:id/return': may('registration.process'),
  'POST /api/uscc/issue': may('registration.process'),
  'GET /api/registration/settings': may('registration.process'),
  'PUT /api/registration/settings': may('registration.configure'),
  'GET /api/annual-reports': may('registration.read'),
  'POST /api/annual-reports': may('annual.file'),
  'POST /api/annual-reports/:id/sign-off': may('annual.signOff'),
  'POST /api/annual-reports/:id/review': may('annual.review'),
  'GET /api/spot-checks': may('spotcheck.selfCheck'),
  'GET /api/spot-checks/:id': may('spotcheck.selfCheck'),
  'POST /api/spot-checks': may('spotcheck.manage'),
  'POST /api/spot-checks/units/:id/advance': may('spotcheck.selfCheck'),
  'POST /api/spot-checks/:id/publish': may('spotcheck.manage'),
  'GET /api/domains': may('domain.read'),
  'GET /api/domains/changes': may('domain.manage'),
  'POST /api/domains': may('domain.manage'),
  'POST /api/domains/:id/operations': may('domain.manage'),
  // 公示: published registration information, annual reports and spot-check results only
  'GET /api/public/registrations': PUBLIC,
  'GET /api/public/annual-reports': PUBLIC,
  'GET /api/public/spot-checks': PUBLIC,
  // 审计 (安全审计员)
  'GET /api/audit': may('audit.read'),
  'GET /api/audit/export': may('audit.export'),
};

/** The OpenAPI pages (@fastify/swagger-ui) are governed as one rule: signed-in users only. */
export const DOCS_PREFIX = '/api/docs';
export const DOCS_RULE: RouteRule = SIGNED_IN;

/** `GET /api/units/:id`: HEAD routes Fastify adds for GET take the GET rule. */
export function routeKey(method: string, url: string): string {
  return `${method === 'HEAD' ? 'GET' : method} ${url}`;
}

export function ruleOf(method: string, url: string): RouteRule | undefined {
  if (url === DOCS_PREFIX || url.startsWith(`${DOCS_PREFIX}/`)) return DOCS_RULE;
  return ROUTE_PERMISSIONS[routeKey(method, url)];
}

/**
 * The onRequest check after authentication: the route's role rule, before any body is read.
 * Deny by default: an API route that is not in the table is refused to everyone.
 */
export async function authorizeRoute(req: FastifyRequest): Promise<void> {
  const url = req.routeOptions.url;
  if (url === undefined || !url.startsWith('/api/')) return;
  const rule = ruleOf(req.method, url);
  if (!rule) {
    req.log.error({ route: routeKey(req.method, url) }, 'route without a declared permission');
    throw forbidden('该接口未声明访问权限');
  }
  if (rule.kind === 'public') return;
  const p = req.principal;
  if (!p) throw new AppError('UNAUTHENTICATED', '请先登录');
  if (rule.kind === 'action' && !roleMay(p.role, rule.action)) {
    throw forbidden(PERMISSIONS[rule.action].denied);
  }
}

export interface RegisteredRoute {
  method: string;
  url: string;
}

const REGISTERED = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/** Records every route registered after this call (the matrix test walks them all). */
export function recordRoutes(app: FastifyInstance): void {
  const list: RegisteredRoute[] = [];
  REGISTERED.set(app, list);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) list.push({ method, url: r.url });
  });
}

export function registeredRoutes(app: FastifyInstance): readonly RegisteredRoute[] {
  return REGISTERED.get(app) ?? [];
}
