// The menu shows only what the role may open: for every role, each page the server's
// permissions (GET /api/auth/me) put in the menu answers 200, and each it leaves out answers 403 —
// no menu entry leads to "无权…". On both databases.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeResponse, Permissions } from '../../src/common/wire.ts';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { ensureRegion } from '../../src/domain/regions/ensure-region.ts';
import { unitIdsByCode } from '../../src/db/repositories/units.ts';
import { json, loginCookie, testApp } from '../support/app.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { COUNTY_DIR } from '../support/fixtures.ts';

const actor = { id: null, name: '测试' };
const PASSWORD = 'Menu-Pass-2026';

/** The page behind each menu permission, by the request the page makes first. */
const PAGES: Partial<Record<keyof Permissions, (region: string) => string>> = {
  readLedger: (r) => `/api/overview?region=${r}`,
  readReports: (r) => `/api/reports/basic?region=${r}`,
  exportData: (r) => `/api/export?region=${r}`,
  manageUsers: () => '/api/users',
  readAudit: (r) => `/api/audit?region=${r}`,
  configureSecurity: () => '/api/security/policy',
  readEvaluation: (r) => `/api/evaluation/plans?region=${r}`,
  // Kept per county: a city user opens a county's (the page asks for the county selected).
  readFullReport: () => '/api/full-report?region=640121&asOf=2025-06-30',
};

const ACCOUNTS: { username: string; role: string; region: string; unit?: string }[] = [
  { username: 'admin', role: 'admin', region: '640121' },
  { username: 'clerk', role: 'clerk', region: '640121' },
  { username: 'liaison', role: 'liaison', region: '640121', unit: 'A03' },
  { username: 'leader', role: 'leader', region: '640121' },
  { username: 'city', role: 'viewer', region: '640100' },
  { username: 'sysadmin', role: 'sysadmin', region: '640121' },
  { username: 'secadmin', role: 'secadmin', region: '640121' },
  { username: 'auditor', role: 'auditor', region: '640121' },
];

describe.each(DIALECTS)('menu entries open for the roles that see them on %s', (dialect) => {
  let t: TestDb;
  let app: FastifyInstance;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    t = await openTestDb(dialect);
    expect(
      (await importWorkbook(t.ctx, { actor, paths: [COUNTY_DIR], dryRun: false, allowedRegions: null })).ok,
    ).toBe(true);
    await ensureRegion(t.ctx, { code: '640100', actor });
    const units = await unitIdsByCode(t.ctx.db.kysely, ['640121']);
    for (const a of ACCOUNTS) {
      await createUser(t.ctx, {
        actor,
        username: a.username,
        displayName: a.username,
        role: a.role,
        regionCode: a.region,
        unitId: a.unit ? (units.get(`640121/${a.unit}`) ?? null) : null,
        password: PASSWORD,
      });
    }
    app = await testApp(t);
    for (const a of ACCOUNTS) cookies[a.username] = await loginCookie(app, a.username, PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await t?.destroy();
  });

  it.each(ACCOUNTS)('$role ($username): every page in the menu opens, every other is refused', async (a) => {
    const cookie = cookies[a.username] ?? '';
    const me = json<MeResponse>(
      await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } }),
    );
    for (const [permission, url] of Object.entries(PAGES)) {
      const res = await app.inject({ method: 'GET', url: url(a.region), headers: { cookie } });
      const shown = me.permissions[permission as keyof Permissions];
      // Reading the security policy is open to the 三员 (the page edits it): only 200 is checked.
      if (!shown && permission === 'configureSecurity') continue;
      expect(res.statusCode, `${a.username} ${permission} ${shown ? 'in' : 'not in'} the menu`).toBe(
        shown ? 200 : 403,
      );
    }
  });
});
