// The authorization matrix, generated from the registered routes: every API route is called
// as anonymous and as every role, on targets in and out of scope (the liaison's own unit,
// another unit, another county of the same city, a county of another city), and the answer is
// compared with what the permission table says. A route missing from the table, or from the
// request builders below, fails the test by name.
import type { LightMyRequestResponse } from 'fastify';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/common/labels.ts';
import { insertAnnualReport } from '../../src/db/repositories/annual-reports.ts';
import { insertDomain } from '../../src/db/repositories/domains.ts';
import { insertAttachment } from '../../src/db/repositories/attachments.ts';
import {
  insertApplication,
  insertCertificate,
  insertRegistration,
} from '../../src/db/repositories/registration.ts';
import { unitsOfCheck } from '../../src/db/repositories/spot-checks.ts';
import { drawSpotCheck } from '../../src/domain/registration/draw-spot-check.ts';
import { composeUscc } from '../../src/domain/registration/rules.ts';
import { insertPlan, insertProject } from '../../src/db/repositories/reform.ts';
import type { Principal } from '../../src/domain/accounts/policies.ts';
import { PERMISSIONS, type Permission } from '../../src/domain/accounts/permissions.ts';
import { regionWithin } from '../../src/common/region-code.ts';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import { proposeMatter } from '../../src/domain/matters/propose-matter.ts';
import { addLibraryDocument } from '../../src/domain/library/add-library-document.ts';
import { addEvaluationFinding } from '../../src/domain/evaluation/add-evaluation-finding.ts';
import { attachLibraryFile } from '../../src/domain/library/attach-library-file.ts';
import { recordTraining } from '../../src/domain/library/record-training.ts';
import { grantCrossEvaluator } from '../../src/domain/evaluation/grant-cross-evaluator.ts';
import { saveEvaluationPlan } from '../../src/domain/evaluation/save-evaluation-plan.ts';
import { reconcileList } from '../../src/domain/reconciliation/reconcile-list.ts';
import {
  registeredRoutes,
  ROUTE_PERMISSIONS,
  routeKey,
  ruleOf,
  type RouteRule,
} from '../../src/http/route-permissions.ts';
import { multipart } from '../support/app.ts';
import { ACCOUNTS, openWorld, PASSWORD, type World } from '../support/authz-world.ts';
import { DIALECTS } from '../support/databases.ts';
import { tempDir } from '../support/fixtures.ts';

const SCOPES = ['own', 'otherUnit', 'otherCounty', 'otherCity'] as const;
type Scope = (typeof SCOPES)[number];
/** The county each target lies in; `own` and `otherUnit` differ only for a liaison (unit A03). */
const REGION: Record<Scope, string> = {
  own: '640121',
  otherUnit: '640121',
  otherCounty: '640122',
  otherCity: '640221',
};
const CALLERS = ACCOUNTS.filter((a) => a.username !== 'helan');

interface Request {
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
  /** Names only the plan and units of the 交叉互评 grant the `reviewer` holds (on `own`). */
  granted?: true;
  /** Names no region: acts in the caller's own (their county is `own` for them). */
  callersRegion?: true;
}
/** How to call a route on a target of a scope; null when the route names no such target. */
type Builder = (s: Scope) => Request | null;

interface Targets {
  unit: Record<Scope, number>;
  person: Record<Scope, number>;
  matter: Record<Scope, number>;
  attachment: Record<Scope, number>;
  reconciliation: Record<Scope, number>;
  account: Record<Scope, number>;
  reformProject: Record<Scope, number>;
  reformPlan: Record<Scope, number>;
  libraryDocument: Record<Scope, number>;
  training: Record<Scope, number>;
  libraryAttachment: Record<Scope, number>;
  evaluationPlan: Record<Scope, number>;
  evaluationUnit: Record<Scope, number>;
  evaluationFinding: Record<Scope, number>;
  /** 平罗县's administrator. */
  pingluo: number;
}

const regionOnly =
  (make: (region: string) => Request): Builder =>
  (s) =>
    s === 'otherUnit' ? null : make(REGION[s]);
const ownOnly =
  (r: Request): Builder =>
  (s) =>
    s === 'own' ? { ...r, callersRegion: true } : null;
const q = (region: string, extra = '') => `?region=${region}${extra}`;
const grantedOn = (s: Scope): { granted?: true } => (s === 'own' ? { granted: true } : {});
const form = (fields: Record<string, string>, files: { name: string; content: Buffer }[] = []) => {
  const body = multipart(files, fields);
  return { payload: body.payload, headers: body.headers };
};

/** Registration records, their certificate, application, annual report, spot-check row and domain. */
interface RegistrationTargets {
  unit: Record<Scope, number>;
  record: Record<Scope, number>;
  certificate: Record<Scope, number>;
  application: Record<Scope, number>;
  report: Record<Scope, number>;
  check: Record<Scope, number>;
  checkUnit: Record<Scope, number>;
  domain: Record<Scope, number>;
}

/**
 * Registration routes on targets of every scope: the record of the liaison's own unit (A03,
 * exactly: in this area a liaison acts on their unit, not the units below it), another unit of
 * the county, another county, another city. Every allowed call fails after authorization (a
 * state that does not allow the step, an incomplete body), so the targets stay as they are.
 */
function registrationBuilders(g: RegistrationTargets): Record<string, Builder> {
  const post =
    (path: (s: Scope) => string, payload: (s: Scope) => unknown): Builder =>
    (s) => ({
      url: path(s),
      payload: payload(s),
    });
  const noUnit =
    (f: (s: Scope) => Request): Builder =>
    (s) =>
      s === 'otherUnit' ? null : f(s);
  const settings = (region: string) => ({
    region,
    acceptDays: 3,
    decideDays: 30,
    usccRange: { prefix: 'MB', from: 100, to: 999_999 },
    annualWindow: { from: '01-01', to: '03-31' },
  });
  const items = {
    businessActivities: '矩阵',
    assetsAndResults: '无',
    changeRegistration: '无',
    performanceAndAwards: '无',
    litigation: '无',
    complaints: '无',
    donations: '无',
    other: '无',
  };
  return {
    'GET /api/registrations': regionOnly((r) => ({ url: `/api/registrations${q(r)}` })),
    'GET /api/registrations/:id': (s) => ({ url: `/api/registrations/${g.record[s]}` }),
    'GET /api/registrations/certificates/:id': (s) => ({
      url: `/api/registrations/certificates/${g.certificate[s]}`,
    }),
    'GET /api/registration/applications': regionOnly((r) => ({
      url: `/api/registration/applications${q(r)}`,
    })),
    'GET /api/registration/applications/:id': (s) => ({
      url: `/api/registration/applications/${g.application[s]}`,
    }),
    // 设立 of a unit already registered: refused after authorization.
    'POST /api/registration/applications': post(
      () => '/api/registration/applications',
      (s) => ({ unitId: g.unit[s], kind: '设立', details: {}, materials: [] }),
    ),
    // The applications are 核准: no step applies any more.
    'POST /api/registration/applications/:id/file': post(
      (s) => `/api/registration/applications/${g.application[s]}/file`,
      () => ({ details: {}, materials: [] }),
    ),
    'POST /api/registration/applications/:id/accept': post(
      (s) => `/api/registration/applications/${g.application[s]}/accept`,
      () => ({}),
    ),
    'POST /api/registration/applications/:id/review': post(
      (s) => `/api/registration/applications/${g.application[s]}/review`,
      () => ({}),
    ),
    'POST /api/registration/applications/:id/approve': post(
      (s) => `/api/registration/applications/${g.application[s]}/approve`,
      () => ({}),
    ),
    'POST /api/registration/applications/:id/return': post(
      (s) => `/api/registration/applications/${g.application[s]}/return`,
      () => ({ reason: '矩阵' }),
    ),
    // The liaison's own unit is not named: a code of the county (issued where allowed).
    'POST /api/uscc/issue': noUnit((s) => ({
      url: '/api/uscc/issue',
      payload: { region: REGION[s], category: '其他', unitId: null },
    })),
    'GET /api/registration/settings': regionOnly((r) => ({ url: `/api/registration/settings${q(r)}` })),
    'PUT /api/registration/settings': regionOnly((r) => ({
      url: '/api/registration/settings',
      payload: settings(r),
    })),
    'GET /api/annual-reports': regionOnly((r) => ({ url: `/api/annual-reports${q(r, '&year=2025')}` })),
    // Filed already (待审查): filing again is refused after authorization.
    'POST /api/annual-reports': post(
      () => '/api/annual-reports',
      (s) => ({ registrationId: g.record[s], year: 2025, items, attachments: [], on: '2026-02-01' }),
    ),
    // 已公示: neither the 保密审查 nor the review applies any more.
    'POST /api/annual-reports/:id/sign-off': post(
      (s) => `/api/annual-reports/${g.report[s]}/sign-off`,
      () => ({}),
    ),
    'POST /api/annual-reports/:id/review': post(
      (s) => `/api/annual-reports/${g.report[s]}/review`,
      () => ({ decision: '通过' }),
    ),
    'GET /api/spot-checks': regionOnly((r) => ({ url: `/api/spot-checks${q(r)}` })),
    'GET /api/spot-checks/:id': noUnit((s) => ({ url: `/api/spot-checks/${g.check[s]}` })),
    // More inspectors asked than the pool holds: refused after authorization.
    'POST /api/spot-checks': regionOnly((r) => ({
      url: '/api/spot-checks',
      payload: {
        region: r,
        year: 2026,
        title: '矩阵',
        count: 1,
        seed: 's',
        inspectorPool: ['甲'],
        inspectorCount: 2,
      },
    })),
    // 单位自查 without answers: refused after authorization.
    'POST /api/spot-checks/units/:id/advance': post(
      (s) => `/api/spot-checks/units/${g.checkUnit[s]}/advance`,
      () => ({ stage: '单位自查', answers: {} }),
    ),
    // Units still open: publishing is refused after authorization.
    'POST /api/spot-checks/:id/publish': noUnit((s) => ({ url: `/api/spot-checks/${g.check[s]}/publish` })),
    'GET /api/domains': regionOnly((r) => ({ url: `/api/domains${q(r)}` })),
    'GET /api/domains/changes': regionOnly((r) => ({ url: `/api/domains/changes${q(r)}` })),
    // A name against the naming rule: refused after authorization.
    'POST /api/domains': post(
      () => '/api/domains',
      (s) => ({
        unitId: g.unit[s],
        name: '矩阵测试.公益',
        registeredOn: '2026-01-01',
        expiresOn: '2027-01-01',
      }),
    ),
    // 解冻 of a name that is not frozen: refused after authorization.
    'POST /api/domains/:id/operations': post(
      (s) => `/api/domains/${g.domain[s]}/operations`,
      () => ({ operation: '解冻', on: '2026-01-01' }),
    ),
    'GET /api/public/registrations': ownOnly({ url: '/api/public/registrations' }),
    'GET /api/public/annual-reports': ownOnly({ url: '/api/public/annual-reports' }),
    'GET /api/public/spot-checks': ownOnly({ url: '/api/public/spot-checks' }),
  };
}

const LIBRARY_DOCUMENT = {
  title: '机构编制工作条例',
  docNo: '中办发〔2019〕50号',
  issuer: '中共中央办公厅',
  issuedOn: '2019-08-05',
  effectiveOn: '2019-08-05',
  validity: 'valid',
  fullText: '第一条 为了加强党对机构编制工作的集中统一领导……',
} as const;

function builders(x: Targets, g: RegistrationTargets): Record<string, Builder> {
  const matter =
    (suffix: string, payload?: unknown): Builder =>
    (s) => ({
      url: `/api/matters/${x.matter[s]}${suffix}`,
      payload,
    });
  const changeOn = (s: Scope) => [{ kind: 'quotaAdd', unitId: x.unit[s], quotaType: '事业编制', amount: 1 }];
  return {
    'POST /api/auth/login': ownOnly({ url: '/api/auth/login', payload: {} }),
    'POST /api/auth/logout': ownOnly({ url: '/api/auth/logout' }),
    'GET /api/auth/me': ownOnly({ url: '/api/auth/me' }),
    'POST /api/auth/change-password': ownOnly({ url: '/api/auth/change-password', payload: {} }),
    'GET /api/auth/password-policy': ownOnly({ url: '/api/auth/password-policy' }),
    // Enrolment only starts (a secret waiting for a code); nobody's second factor is switched on.
    'POST /api/auth/totp/enrol': ownOnly({ url: '/api/auth/totp/enrol' }),
    'POST /api/auth/totp/confirm': ownOnly({ url: '/api/auth/totp/confirm', payload: {} }),
    'GET /api/security/policy': ownOnly({ url: '/api/security/policy' }),
    // 登记管理、年度报告、抽查、中文域名 on records of every scope.
    ...registrationBuilders(g),
    'PUT /api/security/policy': ownOnly({ url: '/api/security/policy', payload: {} }),
    'GET /api/regions': ownOnly({ url: '/api/regions' }),
    'GET /api/overview': regionOnly((r) => ({ url: `/api/overview${q(r)}` })),
    'GET /api/units': regionOnly((r) => ({ url: `/api/units${q(r)}` })),
    // B01 is a unit of the plan the reviewer evaluates: their grant opens its page (`own`).
    'GET /api/units/:id': (s) => ({ url: `/api/units/${x.unit[s]}`, ...grantedOn(s) }),
    'GET /api/units/:id/history': (s) => ({ url: `/api/units/${x.unit[s]}/history`, ...grantedOn(s) }),
    'GET /api/people': (s) => ({ url: `/api/people${q(REGION[s], `&unitId=${x.unit[s]}`)}` }),
    'GET /api/people/:id': (s) => ({ url: `/api/people/${x.person[s]}` }),
    'POST /api/people/:id/reveal-id': (s) => ({ url: `/api/people/${x.person[s]}/reveal-id` }),
    'POST /api/imports': ownOnly({ url: '/api/imports', ...form({ dryRun: 'true' }) }),
    'GET /api/imports/:id': ownOnly({ url: '/api/imports/6f1c2b8e-0000-4000-8000-000000000000' }),
    'POST /api/imports/:id/cancel': ownOnly({
      url: '/api/imports/6f1c2b8e-0000-4000-8000-000000000000/cancel',
    }),
    'POST /api/import-mappings/preview': ownOnly({ url: '/api/import-mappings/preview', ...form({}) }),
    'GET /api/import-mappings': ownOnly({ url: '/api/import-mappings' }),
    'PUT /api/import-mappings': ownOnly({ url: '/api/import-mappings', payload: {} }),
    'DELETE /api/import-mappings/:id': ownOnly({ url: '/api/import-mappings/999999' }),
    'GET /api/export': regionOnly((r) => ({ url: `/api/export${q(r)}` })),
    'GET /api/reports/basic': regionOnly((r) => ({ url: `/api/reports/basic${q(r)}` })),
    'GET /api/reports/basic/drill': regionOnly((r) => ({ url: `/api/reports/basic/drill${q(r, '&key=x')}` })),
    'GET /api/reports/basic/drill/export': regionOnly((r) => ({
      url: `/api/reports/basic/drill/export${q(r, '&key=x')}`,
    })),
    'GET /api/reports/basic/export': regionOnly((r) => ({
      url: `/api/reports/basic/export${q(r, '&format=xlsx')}`,
    })),
    'GET /api/reports/units': regionOnly((r) => ({ url: `/api/reports/units${q(r)}` })),
    'GET /api/reports/work': regionOnly((r) => ({
      url: `/api/reports/work${q(r, '&from=2025-01-01&to=2025-12-31')}`,
    })),
    'GET /api/yearend': regionOnly((r) => ({ url: `/api/yearend${q(r, '&year=2025')}` })),
    'GET /api/yearend/export': regionOnly((r) => ({ url: `/api/yearend/export${q(r, '&year=2025')}` })),
    'POST /api/yearend/submit': regionOnly((r) => ({
      url: '/api/yearend/submit',
      payload: { region: r, year: 2025 },
    })),
    'GET /api/full-report': regionOnly((r) => ({
      url: `/api/full-report${q(r, '&year=2025&asOf=2025-06-30')}`,
    })),
    'PUT /api/full-report': regionOnly((r) => ({
      url: '/api/full-report',
      payload: {
        region: r,
        year: 2025,
        version: 0,
        title: '矩阵',
        workFrom: '2025-01-01',
        paragraphs: ['矩阵{{basic.partyOrgans}}'],
      },
    })),
    'POST /api/full-report/render': regionOnly((r) => ({
      url: '/api/full-report/render',
      payload: { region: r, year: 2025, asOf: '2025-06-30' },
    })),
    'GET /api/reports/counties': regionOnly((r) => ({ url: `/api/reports/counties${q(r)}` })),
    'GET /api/reports/history': regionOnly((r) => ({ url: `/api/reports/history${q(r)}` })),
    'GET /api/reports/population': regionOnly((r) => ({ url: `/api/reports/population${q(r)}` })),
    'GET /api/standards': regionOnly((r) => ({ url: `/api/standards${q(r)}` })),
    'POST /api/standards/what-if': regionOnly((r) => ({
      url: '/api/standards/what-if',
      payload: { region: r, overrides: {} },
    })),
    'GET /api/standards/versions': regionOnly((r) => ({ url: `/api/standards/versions${q(r)}` })),
    'GET /api/standards/export': regionOnly((r) => ({ url: `/api/standards/export${q(r)}` })),
    'POST /api/standards': regionOnly((r) => ({
      url: '/api/standards',
      payload: { region: r, standard: {} },
    })),
    'GET /api/inputs/students': regionOnly((r) => ({ url: `/api/inputs/students${q(r, '&year=2025')}` })),
    'PUT /api/inputs/students': (s) => ({
      url: '/api/inputs/students',
      payload: {
        region: REGION[s],
        unitId: x.unit[s],
        year: 2025,
        senior: null,
        junior: null,
        primary: 1,
        preschool: null,
      },
    }),
    'GET /api/inputs/population': regionOnly((r) => ({ url: `/api/inputs/population${q(r, '&year=2025')}` })),
    'PUT /api/inputs/population': regionOnly((r) => ({
      url: '/api/inputs/population',
      payload: { region: r, unitId: null, year: 2025, population: 1000 },
    })),
    'GET /api/timeliness': regionOnly((r) => ({ url: `/api/timeliness${q(r)}` })),
    'PUT /api/timeliness/settings': regionOnly((r) => ({
      url: '/api/timeliness/settings',
      payload: { region: r, workingDays: 20, holidays: [], extraWorkdays: [] },
    })),
    // The comparison always runs on the caller's own county: there is no region to choose.
    'POST /api/reconciliations': ownOnly({ url: '/api/reconciliations', ...form({ source: '组织' }) }),
    'GET /api/reconciliations': regionOnly((r) => ({ url: `/api/reconciliations${q(r)}` })),
    'GET /api/reconciliations/:id': (s) =>
      s === 'otherUnit' ? null : { url: `/api/reconciliations/${x.reconciliation[s]}` },
    'GET /api/reconciliations/:id/items': (s) =>
      s === 'otherUnit' ? null : { url: `/api/reconciliations/${x.reconciliation[s]}/items` },
    'GET /api/reconciliations/:id/export': (s) =>
      s === 'otherUnit' ? null : { url: `/api/reconciliations/${x.reconciliation[s]}/export` },
    'GET /api/matters': regionOnly((r) => ({ url: `/api/matters${q(r)}` })),
    'GET /api/matters/waiting': regionOnly((r) => ({ url: `/api/matters/waiting${q(r)}` })),
    'POST /api/matters': (s) => ({
      url: '/api/matters',
      payload: { region: REGION[s], title: '矩阵', reasons: '矩阵测试', changes: changeOn(s) },
    }),
    'GET /api/matters/:id': matter(''),
    'GET /api/matters/:id/check': matter('/check'),
    'POST /api/matters/:id/assess': matter('/assess', { comment: '' }),
    'POST /api/matters/:id/decide': matter('/decide', {
      decisionBody: '县委编委会',
      docNo: '矩阵〔2026〕1号',
      decidedOn: '2026-01-05',
    }),
    'POST /api/matters/:id/implement': matter('/implement', { effectiveOn: '2026-01-10' }),
    'POST /api/matters/:id/return': matter('/return', { reason: '矩阵' }),
    'POST /api/matters/:id/reject': matter('/reject', { reason: '矩阵' }),
    'POST /api/matters/:id/resubmit': matter('/resubmit', { comment: '' }),
    'POST /api/matters/:id/attachments': (s) => ({
      url: `/api/matters/${x.matter[s]}/attachments`,
      ...form({}, [{ name: 'x.pdf', content: Buffer.from('%PDF-1.7 matrix') }]),
    }),
    'GET /api/matters/attachments/:id': (s) => ({ url: `/api/matters/attachments/${x.attachment[s]}` }),
    'POST /api/control-totals': regionOnly((r) => ({
      url: '/api/control-totals',
      payload: { region: r, quotaType: '事业编制', total: 1000, effectiveFrom: '2026-01-01' },
    })),
    'GET /api/users': ownOnly({ url: '/api/users' }),
    'POST /api/users': regionOnly((r) => ({
      url: '/api/users',
      payload: {
        username: `m-${r}-${Math.random().toString(36).slice(2, 8)}`,
        displayName: '矩阵',
        role: 'clerk',
        regionCode: r,
      },
    })),
    'POST /api/users/:id/reset-password': (s) =>
      s === 'otherUnit' || s === 'otherCity' ? null : { url: `/api/users/${x.account[s]}/reset-password` },
    // 法规制度: bodies are valid, so the county named in them (or the document's) is what decides.
    'GET /api/library/documents': regionOnly((r) => ({ url: `/api/library/documents${q(r, '&q=编制')}` })),
    'GET /api/library/documents/:id': (s) =>
      s === 'otherUnit' ? null : { url: `/api/library/documents/${x.libraryDocument[s]}` },
    'POST /api/library/documents': regionOnly((r) => ({
      url: '/api/library/documents',
      payload: { region: r, ...LIBRARY_DOCUMENT },
    })),
    'PUT /api/library/documents/:id': (s) =>
      s === 'otherUnit'
        ? null
        : {
            url: `/api/library/documents/${x.libraryDocument[s]}`,
            payload: { ...LIBRARY_DOCUMENT, validity: 'amended' },
          },
    'GET /api/library/trainings': regionOnly((r) => ({ url: `/api/library/trainings${q(r, '&year=2025')}` })),
    'POST /api/library/trainings': regionOnly((r) => ({
      url: '/api/library/trainings',
      payload: {
        region: r,
        heldOn: '2025-03-01',
        topic: '学习条例',
        kind: 'study',
        attendance: 12,
        materials: '',
      },
    })),
    'GET /api/library/trainings/counts': regionOnly((r) => ({ url: `/api/library/trainings/counts${q(r)}` })),
    'POST /api/library/documents/:id/attachments': (s) =>
      s === 'otherUnit'
        ? null
        : {
            url: `/api/library/documents/${x.libraryDocument[s]}/attachments`,
            ...form({}, [{ name: 'x.pdf', content: Buffer.from('%PDF-1.7 matrix') }]),
          },
    'POST /api/library/trainings/:id/attachments': (s) =>
      s === 'otherUnit'
        ? null
        : {
            url: `/api/library/trainings/${x.training[s]}/attachments`,
            ...form({}, [{ name: 'x.pdf', content: Buffer.from('%PDF-1.7 matrix') }]),
          },
    'GET /api/library/attachments/:id': (s) =>
      s === 'otherUnit' ? null : { url: `/api/library/attachments/${x.libraryAttachment[s]}` },
    ...evaluationBuilders(x),
    'GET /api/audit': regionOnly((r) => ({ url: `/api/audit${q(r)}` })),
    'GET /api/audit/export': regionOnly((r) => ({ url: `/api/audit/export${q(r)}` })),
    ...reformBuilders(x),
  };
}

/** 机构改革: a project and a plan in each county (county-wide: no liaison target of its own). */
function reformBuilders(x: Targets): Record<string, Builder> {
  const project =
    (suffix: string, payload?: unknown): Builder =>
    (s) =>
      s === 'otherUnit' ? null : { url: `/api/reform/projects/${x.reformProject[s]}${suffix}`, payload };
  const plan =
    (suffix: string, payload?: (s: Scope) => unknown): Builder =>
    (s) =>
      s === 'otherUnit'
        ? null
        : { url: `/api/reform/plans/${x.reformPlan[s]}${suffix}`, payload: payload?.(s) };
  const changes = (s: Scope) => [{ kind: 'rename', unitId: x.unit[s], name: '矩阵更名单位' }];
  const body = { name: '矩阵项目', scopeUnitIds: null, baselineDate: '2026-01-01' };
  return {
    'GET /api/reform/projects': regionOnly((r) => ({ url: `/api/reform/projects${q(r)}` })),
    'POST /api/reform/projects': regionOnly((r) => ({
      url: '/api/reform/projects',
      payload: { ...body, regionCode: r },
    })),
    'GET /api/reform/projects/:id': project(''),
    'PUT /api/reform/projects/:id': project('', body),
    'POST /api/reform/projects/:id/freeze': project('/freeze'),
    'GET /api/reform/projects/:id/baseline/export': project('/baseline/export?format=xlsx'),
    'POST /api/reform/projects/:id/plans': (s) =>
      s === 'otherUnit'
        ? null
        : {
            url: `/api/reform/projects/${x.reformProject[s]}/plans`,
            payload: { name: '矩阵方案', changes: changes(s) },
          },
    'POST /api/reform/projects/:id/preview': (s) =>
      s === 'otherUnit'
        ? null
        : { url: `/api/reform/projects/${x.reformProject[s]}/preview`, payload: { changes: changes(s) } },
    'GET /api/reform/projects/:id/plans/compare': project('/plans/compare'),
    'PUT /api/reform/plans/:id': plan('', (s) => ({ name: '矩阵方案', changes: changes(s) })),
    'GET /api/reform/plans/:id/sandbox': plan('/sandbox'),
    'POST /api/reform/plans/:id/adopt': plan('/adopt', () => ({ reasons: '矩阵' })),
    'GET /api/reform/projects/:id/comparison': project('/comparison'),
    'GET /api/reform/projects/:id/comparison/export': project('/comparison/export?format=docx'),
    'GET /api/reform/limits': regionOnly((r) => ({ url: `/api/reform/limits${q(r)}` })),
    'POST /api/reform/limits': regionOnly((r) => ({
      url: '/api/reform/limits',
      payload: {
        regionCode: r,
        kind: '党政机构',
        cap: 30,
        sourceDocument: '矩阵依据',
        effectiveFrom: '2026-01-01',
      },
    })),
  };
}

/** One registered record per scope, with what the registration routes act on. */
async function registrationTargets(w: World, office: Record<Scope, Principal>): Promise<RegistrationTargets> {
  const db = w.t.ctx.db.kysely;
  const at = new Date().toISOString();
  const unit: Record<Scope, number> = {
    own: w.unit('A03'),
    otherUnit: w.unit('B04'),
    otherCounty: w.unit('A01', '640122'),
    otherCity: w.unit('A01', '640221'),
  };
  const g = { unit } as RegistrationTargets;
  for (const k of [
    'record',
    'certificate',
    'application',
    'report',
    'check',
    'checkUnit',
    'domain',
  ] as const) {
    g[k] = {} as Record<Scope, number>;
  }
  let serial = 1;
  for (const s of SCOPES) {
    const regionCode = REGION[s];
    const particulars = {
      name: `矩阵单位 ${s}`,
      otherNames: [],
      purpose: '矩阵',
      address: '矩阵',
      legalRep: '矩阵',
      capital: '10',
      fundingSource: '财政补助',
      sponsor: '矩阵',
      sponsorUnitId: unit[s],
    };
    const { uscc } = composeUscc('事业单位', regionCode, { prefix: 'MX', from: 0, to: 999 }, serial++);
    const record = await insertRegistration(db, {
      ...particulars,
      regionCode,
      unitId: unit[s],
      state: '登记',
      uscc,
      registeredOn: '2020-01-01',
      at,
    });
    g.record[s] = record;
    g.certificate[s] = await insertCertificate(db, {
      registration_id: record,
      certificate_no: `矩阵${serial}`,
      reason: '设立',
      issued_on: '2020-01-01',
      valid_until: '2024-12-31',
      snapshot: JSON.stringify({ ...particulars, uscc }),
      revoked_on: null,
      revoked_reason: null,
      application_id: null,
      issued_by: null,
    });
    g.application[s] = await insertApplication(db, {
      regionCode,
      unitId: unit[s],
      registrationId: record,
      kind: '设立',
      state: '已核准',
      details: {},
      materials: [],
      matterId: null,
      statutoryDue: null,
      filedOn: '2020-01-01',
      acceptDue: null,
      at,
    });
    g.report[s] = await insertAnnualReport(db, {
      regionCode,
      registrationId: record,
      year: 2025,
      state: '已公示',
      items: {},
      attachments: [],
      staffCount: 0,
      onlineNames: [],
      submittedOn: '2026-02-01',
      late: false,
      at,
    });
    g.domain[s] = await insertDomain(db, {
      regionCode,
      unitId: unit[s],
      name: `矩阵${serial}.公益`,
      suffix: '.公益',
      state: '注册',
      registeredOn: '2020-01-01',
      expiresOn: '2030-01-01',
      annualFee: null,
      at,
    });
  }
  for (const s of ['own', 'otherCounty', 'otherCity'] as const) {
    const { id } = await drawSpotCheck(w.t.ctx, {
      principal: office[s],
      regionCode: REGION[s],
      year: 2026,
      title: '矩阵',
      size: { count: s === 'own' ? 2 : 1 },
      seed: '矩阵',
      inspectorPool: ['甲'],
      inspectorCount: 1,
    });
    g.check[s] = id;
    for (const row of await unitsOfCheck(db, id)) {
      const scope = SCOPES.find((x) => g.record[x] === row.registrationId);
      if (scope) g.checkUnit[scope] = row.id;
    }
  }
  g.check.otherUnit = g.check.own;
  return g;
}

/**
 * 评估问效: a plan per county whose units are the liaison's own unit A03 (and, in 永宁县, B01),
 * B04 (outside the liaison's subtree), and a unit of the other county and city. The 自评 and
 * 实地评估 dates are past, so every allowed score there fails after authorization (400); the
 * 交叉互评 stage is open, and its allowed scores name an indicator the plan does not have (400).
 * `reviewer` (贺兰县) holds a 交叉互评 grant on 永宁县's plan: the requests naming only that plan
 * and its units (B01, A03) are marked `granted`.
 */
function evaluationPlanInput(unitIds: number[]) {
  return {
    year: 2023,
    type: 'execution',
    title: '矩阵评估',
    leadingGroup: '组长',
    periodFrom: '2023-01-01',
    periodTo: '2023-12-31',
    selfFrom: '2024-01-10',
    selfTo: '2024-01-20',
    onsiteFrom: '2024-02-01',
    onsiteTo: '2024-02-15',
    crossFrom: '2024-03-01',
    crossTo: '2099-12-31',
    unitIds,
  } as const;
}

function evaluationBuilders(x: Targets): Record<string, Builder> {
  const planOnly =
    (make: (plan: number, s: Scope) => Request): Builder =>
    (s) =>
      s === 'otherUnit' ? null : make(x.evaluationPlan[s], s);
  const scores = { scores: [{ code: 'C1', measurement: { kind: 'manual', score: 10, evidence: '' } }] };
  const planUnits = (s: Scope) => (s === 'own' ? [x.evaluationUnit.own, x.unit.own] : [x.evaluationUnit[s]]);
  const granted = (make: (plan: number, s: Scope) => Request): Builder =>
    planOnly((plan, s) => ({ ...make(plan, s), ...(s === 'own' ? { granted: true as const } : {}) }));
  /** An evaluator of the plan's own county: refused after authorization. */
  const sameCounty: Record<Scope, number> = {
    own: x.account.own,
    otherUnit: x.account.own,
    otherCounty: x.account.otherCounty,
    otherCity: x.pingluo,
  };
  return {
    'GET /api/evaluation/plans': regionOnly((r) => ({ url: `/api/evaluation/plans${q(r)}` })),
    'GET /api/evaluation/plans/:id': granted((id) => ({ url: `/api/evaluation/plans/${id}` })),
    'POST /api/evaluation/plans': planOnly((_, s) => ({
      url: '/api/evaluation/plans',
      payload: { region: REGION[s], ...evaluationPlanInput(planUnits(s)) },
    })),
    'PUT /api/evaluation/plans/:id': planOnly((id, s) => ({
      url: `/api/evaluation/plans/${id}`,
      payload: { region: REGION[s], ...evaluationPlanInput(planUnits(s)) },
    })),
    'GET /api/evaluation/plans/:id/measures': granted((id) => ({
      url: `/api/evaluation/plans/${id}/measures`,
    })),
    'GET /api/evaluation/plans/:id/result': granted((id) => ({ url: `/api/evaluation/plans/${id}/result` })),
    'GET /api/evaluation/plans/:id/scores': granted((id, s) => ({
      url: `/api/evaluation/plans/${id}/scores?unitId=${x.evaluationUnit[s]}`,
    })),
    'GET /api/evaluation/cross-grants': ownOnly({ url: '/api/evaluation/cross-grants' }),
    'GET /api/evaluation/plans/:id/cross-evaluators': planOnly((id) => ({
      url: `/api/evaluation/plans/${id}/cross-evaluators`,
    })),
    'POST /api/evaluation/plans/:id/cross-evaluators': planOnly((id, s) => ({
      url: `/api/evaluation/plans/${id}/cross-evaluators`,
      payload: { userId: sameCounty[s] },
    })),
    // A user without a grant on the plan: nothing to revoke (404 after authorization).
    'DELETE /api/evaluation/plans/:id/cross-evaluators/:userId': planOnly((id) => ({
      url: `/api/evaluation/plans/${id}/cross-evaluators/${x.account.own}`,
    })),
    // The liaison's plan names B04 too: only A03 of the granted plan is the reviewer's.
    'POST /api/evaluation/plans/:id/cross-scores': (s) => ({
      url: `/api/evaluation/plans/${x.evaluationPlan[s]}/cross-scores`,
      payload: {
        unitId: x.evaluationUnit[s],
        scores: [{ code: 'Z9', measurement: { kind: 'manual', score: 1, evidence: '' } }],
      },
      ...(s === 'own' ? { granted: true as const } : {}),
    }),
    'POST /api/evaluation/plans/:id/self-scores': (s) => ({
      url: `/api/evaluation/plans/${x.evaluationPlan[s]}/self-scores`,
      payload: { unitId: x.evaluationUnit[s], ...scores },
    }),
    'POST /api/evaluation/plans/:id/onsite-scores': (s) => ({
      url: `/api/evaluation/plans/${x.evaluationPlan[s]}/onsite-scores`,
      payload: { unitId: x.evaluationUnit[s], ...scores },
    }),
    // Saved 自评 scores: the liaison reads A03's only (none are saved: an empty list).
    'GET /api/evaluation/plans/:id/unit-scores': (s) => ({
      url: `/api/evaluation/plans/${x.evaluationPlan[s]}/unit-scores?stage=self&unit=${x.evaluationUnit[s]}`,
    }),
    // Findings: `otherUnit` is B04's item in the liaison's own plan (the liaison reads and
    // reports only on A03's).
    'GET /api/evaluation/plans/:id/findings': (s) => ({
      url: `/api/evaluation/plans/${x.evaluationPlan[s]}/findings?unit=${x.evaluationUnit[s]}`,
    }),
    'POST /api/evaluation/plans/:id/findings': (s) => ({
      url: `/api/evaluation/plans/${x.evaluationPlan[s]}/findings`,
      payload: evaluationFindingBody(x.evaluationUnit[s]),
    }),
    'PUT /api/evaluation/findings/:id': (s) => ({
      url: `/api/evaluation/findings/${x.evaluationFinding[s]}`,
      payload: evaluationFindingBody(x.evaluationUnit[s]),
    }),
    'POST /api/evaluation/findings/:id/progress': (s) => ({
      url: `/api/evaluation/findings/${x.evaluationFinding[s]}/progress`,
      payload: { status: 'inProgress', progress: '矩阵整改中', doneOn: null },
    }),
    // No unit is scored: an allowed unit report answers 409 (not fully scored), the others 200.
    'GET /api/evaluation/plans/:id/report.docx': (s) => ({
      url: `/api/evaluation/plans/${x.evaluationPlan[s]}/report.docx?unit=${x.evaluationUnit[s]}`,
    }),
    'GET /api/evaluation/plans/:id/summary.docx': planOnly((id) => ({
      url: `/api/evaluation/plans/${id}/summary.docx`,
    })),
    'GET /api/evaluation/plans/:id/scores.xlsx': planOnly((id) => ({
      url: `/api/evaluation/plans/${id}/scores.xlsx`,
    })),
  };
}

function evaluationFindingBody(unitId: number) {
  return {
    unitId,
    indicatorCode: 'A1',
    finding: '矩阵问题',
    measure: '矩阵整改',
    deadline: '2024-06-30',
    responsible: '矩阵单位',
  } as const;
}

type Expected = 'allowed' | 'forbidden' | 'unauthenticated';

/** What the permission table says, with scopes worked out here independently of authorize(). */
function expected(
  rule: RouteRule,
  caller: (typeof CALLERS)[number] | null,
  s: Scope,
  req: Request = { url: '' },
): Expected {
  const answer = expectedByScope(rule, caller, s, req);
  // The reviewer's 交叉互评 grant opens the actions that declare `grant` on what it covers.
  if (answer !== 'forbidden' || rule.kind !== 'action' || caller?.username !== 'reviewer') return answer;
  const perm: Permission = PERMISSIONS[rule.action];
  return perm.grant !== undefined && perm.roles.includes(caller.role) && req.granted
    ? 'allowed'
    : 'forbidden';
}

function expectedByScope(
  rule: RouteRule,
  caller: (typeof CALLERS)[number] | null,
  s: Scope,
  req: Request,
): Expected {
  if (rule.kind === 'public') return 'allowed';
  if (!caller) return 'unauthenticated';
  if (rule.kind === 'signedIn') return 'allowed';
  const perm = PERMISSIONS[rule.action];
  if (!(perm.roles as readonly Role[]).includes(caller.role)) return 'forbidden';
  const region = req.callersRegion ? caller.region : REGION[s];
  // `own` is the liaison's unit subtree, or for an action scoped to exactly their unit the unit
  // itself (the registration targets are A03's); `otherUnit` lies outside both.
  const liaisonOut = caller.role === 'liaison' && s === 'otherUnit';
  switch (perm.scope) {
    case 'none':
      return 'allowed';
    case 'read':
    case 'audit':
    case 'accounts':
      return regionWithin(region, caller.region) && !liaisonOut ? 'allowed' : 'forbidden';
    case 'write':
      return region === caller.region && !liaisonOut ? 'allowed' : 'forbidden';
    case 'grant':
      return 'forbidden';
  }
}

function verdict(res: LightMyRequestResponse): Expected | 'error' {
  if (res.statusCode === 401) return 'unauthenticated';
  if (res.statusCode === 403) return 'forbidden';
  if (res.statusCode >= 500) return 'error';
  return 'allowed';
}

describe.each(DIALECTS)('authorization matrix on %s', (dialect) => {
  let w: World;
  let targets: Targets;
  let registration: RegistrationTargets;

  beforeAll(async () => {
    w = await openWorld(dialect);
    const db = w.t.ctx.db.kysely;
    const actor = { id: null, name: '测试' };
    const pingluo = await createUser(w.t.ctx, {
      actor,
      username: 'pingluo',
      displayName: 'pingluo',
      role: 'admin',
      regionCode: '640221',
      unitId: null,
      password: PASSWORD,
    });
    const victim = await createUser(w.t.ctx, {
      actor,
      username: 'victim',
      displayName: 'victim',
      role: 'clerk',
      regionCode: '640121',
      unitId: null,
      password: PASSWORD,
    });
    const principal = (userId: number, role: Role, regionCode: string, unitId: number | null): Principal => ({
      userId,
      username: 'x',
      displayName: 'x',
      role,
      regionCode,
      unitId,
      mustChangePassword: false,
    });
    const unit: Record<Scope, number> = {
      own: w.unit('B01'),
      otherUnit: w.unit('B04'),
      otherCounty: w.unit('A01', '640122'),
      otherCity: w.unit('A01', '640221'),
    };
    const proposers: Record<Scope, Principal> = {
      own: principal(w.userIds.liaison ?? 0, 'liaison', '640121', w.unit('A03')),
      otherUnit: principal(w.userIds.clerk ?? 0, 'clerk', '640121', null),
      otherCounty: principal(w.userIds.helan ?? 0, 'admin', '640122', null),
      otherCity: principal(pingluo.id, 'admin', '640221', null),
    };
    const matter = {} as Record<Scope, number>;
    const attachment = {} as Record<Scope, number>;
    for (const s of SCOPES) {
      matter[s] = await proposeMatter(w.t.ctx, {
        principal: proposers[s],
        regionCode: REGION[s],
        title: `矩阵 ${s}`,
        reasons: '矩阵测试',
        changes: [{ kind: 'quotaAdd', unitId: unit[s], quotaType: '事业编制', amount: 1 }],
      });
      attachment[s] = await insertAttachment(db, {
        owner: { matterId: matter[s], stepId: null },
        fileName: 'x.pdf',
        mediaType: 'application/pdf',
        content: Buffer.from('%PDF-1.7'),
        sha256: '0'.repeat(64),
        by: proposers[s].userId,
        at: new Date().toISOString(),
      });
    }
    const dir = tempDir();
    const list = path.join(dir, '名单.csv');
    fs.writeFileSync(list, '身份证号,姓名,单位\n64012119800101001X,张伟,组织部\n');
    const reconciliation = {} as Record<Scope, number>;
    for (const s of ['own', 'otherCounty', 'otherCity'] as const) {
      reconciliation[s] = (
        await reconcileList(w.t.ctx, {
          principal: null,
          actor,
          regionCode: REGION[s],
          source: '组织',
          file: list,
        })
      ).id;
    }
    reconciliation.otherUnit = reconciliation.own;
    const reformProject = {} as Record<Scope, number>;
    const reformPlan = {} as Record<Scope, number>;
    for (const s of SCOPES) {
      reformProject[s] = await insertProject(db, {
        regionCode: REGION[s],
        name: `矩阵 ${s}`,
        scopeUnitIds: null,
        baselineDate: '2026-01-01',
        createdAt: new Date().toISOString(),
        by: null,
      });
      reformPlan[s] = await insertPlan(db, {
        regionCode: REGION[s],
        projectId: reformProject[s],
        name: `矩阵 ${s}`,
        changes: JSON.stringify([{ kind: 'rename', unitId: unit[s], name: '矩阵更名单位' }]),
        at: new Date().toISOString(),
      });
    }
    const libraryDocument = {} as Record<Scope, number>;
    const librarians: Record<Exclude<Scope, 'otherUnit'>, Principal> = {
      own: principal(w.userIds.clerk ?? 0, 'clerk', '640121', null),
      otherCounty: proposers.otherCounty,
      otherCity: proposers.otherCity,
    };
    for (const s of ['own', 'otherCounty', 'otherCity'] as const) {
      libraryDocument[s] = (
        await addLibraryDocument(w.t.ctx, {
          principal: librarians[s],
          regionCode: REGION[s],
          document: LIBRARY_DOCUMENT,
        })
      ).id;
    }
    libraryDocument.otherUnit = libraryDocument.own;
    const training = {} as Record<Scope, number>;
    const libraryAttachment = {} as Record<Scope, number>;
    for (const s of ['own', 'otherCounty', 'otherCity'] as const) {
      training[s] = (
        await recordTraining(w.t.ctx, {
          principal: librarians[s],
          training: {
            region: REGION[s],
            heldOn: '2025-03-01',
            topic: '学习条例',
            kind: 'study',
            attendance: 12,
            materials: '',
          },
        })
      ).id;
      const [file] = await attachLibraryFile(w.t.ctx, {
        principal: librarians[s],
        owner: { documentId: libraryDocument[s] },
        fileName: '条例.pdf',
        content: Buffer.from('%PDF-1.7 matrix'),
      });
      libraryAttachment[s] = file?.id ?? 0;
    }
    training.otherUnit = training.own;
    libraryAttachment.otherUnit = libraryAttachment.own;
    const evaluationUnit: Record<Scope, number> = {
      own: w.unit('A03'),
      otherUnit: w.unit('B04'),
      otherCounty: unit.otherCounty,
      otherCity: unit.otherCity,
    };
    const evaluationPlan = {} as Record<Scope, number>;
    for (const s of ['own', 'otherCounty', 'otherCity'] as const) {
      evaluationPlan[s] = (
        await saveEvaluationPlan(w.t.ctx, {
          principal: librarians[s],
          regionCode: REGION[s],
          plan: evaluationPlanInput(s === 'own' ? [evaluationUnit.own, unit.own] : [evaluationUnit[s]]),
        })
      ).id;
    }
    // The liaison's own plan names both A03 and B04: scoring B04 is what they may not.
    evaluationPlan.otherUnit = (
      await saveEvaluationPlan(w.t.ctx, {
        principal: librarians.own,
        regionCode: REGION.own,
        plan: evaluationPlanInput([evaluationUnit.own, evaluationUnit.otherUnit]),
      })
    ).id;
    const evaluationFinding = {} as Record<Scope, number>;
    for (const s of SCOPES) {
      const by = s === 'otherUnit' ? librarians.own : librarians[s];
      evaluationFinding[s] = (
        await addEvaluationFinding(w.t.ctx, {
          principal: by,
          planId: evaluationPlan[s],
          body: evaluationFindingBody(evaluationUnit[s]),
        })
      ).id;
    }
    // 贺兰县's reviewer evaluates 永宁县's plan (A03, B01) in its 交叉互评 stage.
    await grantCrossEvaluator(w.t.ctx, {
      principal: librarians.own,
      planId: evaluationPlan.own,
      userId: w.userIds.reviewer ?? 0,
    });
    targets = {
      unit,
      person: {
        own: w.person('王强'),
        otherUnit: w.person('黄勇'),
        otherCounty: w.person('贺兰甲'),
        otherCity: w.person('平罗甲'),
      },
      matter,
      attachment,
      reconciliation,
      account: { own: victim.id, otherUnit: victim.id, otherCounty: w.userIds.helan ?? 0, otherCity: 0 },
      reformProject,
      reformPlan,
      libraryDocument,
      training,
      libraryAttachment,
      evaluationPlan,
      evaluationUnit,
      evaluationFinding,
      pingluo: pingluo.id,
    };
    registration = await registrationTargets(w, {
      own: principal(w.userIds.clerk ?? 0, 'clerk', '640121', null),
      otherUnit: principal(w.userIds.clerk ?? 0, 'clerk', '640121', null),
      otherCounty: principal(w.userIds.helan ?? 0, 'admin', '640122', null),
      otherCity: principal(pingluo.id, 'admin', '640221', null),
    });
  }, 120_000);

  afterAll(async () => {
    await w?.app.close();
    await w?.t.destroy();
  });

  it('declares every registered API route in the permission table, and nothing else', () => {
    const api = registeredRoutes(w.app).filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD');
    const missing = api.filter((r) => !ruleOf(r.method, r.url)).map((r) => routeKey(r.method, r.url));
    expect(missing, `routes missing from src/http/route-permissions.ts: ${missing.join(', ')}`).toEqual([]);
    const registered = new Set(api.map((r) => routeKey(r.method, r.url)));
    const stale = Object.keys(ROUTE_PERMISSIONS).filter((k) => !registered.has(k));
    expect(stale, `entries for routes that do not exist: ${stale.join(', ')}`).toEqual([]);
  });

  it('answers every route × role × scope as the table says', async () => {
    const all = builders(targets, registration);
    const api = registeredRoutes(w.app).filter(
      (r) => r.url.startsWith('/api/') && r.method !== 'HEAD' && !r.url.startsWith('/api/docs'),
    );
    const unbuilt = api.map((r) => routeKey(r.method, r.url)).filter((k) => !all[k]);
    expect(
      unbuilt,
      `routes without a request in test/http/authz-matrix.test.ts: ${unbuilt.join(', ')}`,
    ).toEqual([]);
    const violations: string[] = [];
    let calls = 0;
    // Logging out ends the caller's session: those calls go last.
    const ordered = [...api].sort(
      (a, b) => Number(a.url.endsWith('/logout')) - Number(b.url.endsWith('/logout')),
    );
    for (const route of ordered) {
      const key = routeKey(route.method, route.url);
      const rule = ruleOf(route.method, route.url);
      const build = all[key];
      if (!rule || !build) continue;
      for (const s of SCOPES) {
        const req = build(s);
        if (!req) continue;
        for (const caller of [null, ...CALLERS]) {
          const res = await w.app.inject({
            method: route.method as 'GET',
            url: req.url,
            payload: req.payload as never,
            headers: { ...req.headers, ...(caller ? { cookie: w.cookies[caller.username] ?? '' } : {}) },
          });
          calls++;
          const want = expected(rule, caller, s, req);
          const got = verdict(res);
          if (got !== want) {
            violations.push(
              `${key} as ${caller?.username ?? 'anonymous'} on ${s}: expected ${want}, got ${res.statusCode} ${res.body.slice(0, 120)}`,
            );
          }
        }
      }
    }
    expect(violations, violations.join('\n')).toEqual([]);
    expect(calls).toBeGreaterThan(1000);
  }, 600_000);

  it('serves the OpenAPI pages by the table’s docs rule', async () => {
    const docs = registeredRoutes(w.app).filter((r) => r.url.startsWith('/api/docs') && r.method === 'GET');
    expect(docs.length).toBeGreaterThan(0);
    const res = await w.app.inject({ method: 'GET', url: '/api/docs/json' });
    const rule = ruleOf('GET', '/api/docs/json');
    expect(verdict(res)).toBe(rule ? expected(rule, null, 'own') : 'forbidden');
  });
});
