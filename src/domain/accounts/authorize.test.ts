import { describe, expect, it } from 'vitest';
import { ROLES } from '../../common/labels.ts';
import { refusal, type Facts } from './authorize.ts';
import { BUSINESS_ROLES, PERMISSIONS, roleMay, type Action } from './permissions.ts';
import { permissionsOf, type Principal } from './policies.ts';
import { regionPrefix, regionWithin } from '../../common/region-code.ts';

const principal = (role: Principal['role'], regionCode: string, unitId: number | null = null): Principal => ({
  userId: 1,
  username: 'u',
  displayName: 'u',
  role,
  regionCode,
  unitId,
  mustChangePassword: false,
});
const facts = (f: Partial<Facts> = {}): Facts => ({ units: [], subtree: null, ...f });
const may = (p: Principal, action: Action, f: Partial<Facts> = {}) => refusal(p, action, facts(f)) === null;

describe('regions', () => {
  it('derives the GB/T 2260 prefix of a region', () => {
    expect(regionPrefix('640000')).toBe('64');
    expect(regionPrefix('640100')).toBe('6401');
    expect(regionPrefix('640121')).toBe('640121');
    expect(regionWithin('640121', '640100')).toBe(true);
    expect(regionWithin('640221', '640100')).toBe(false);
  });
});

describe('authorization', () => {
  it('lets an institution’s 经办人 act on exactly their unit in 登记管理, not the units below it', () => {
    const liaison = principal('liaison', '640121', 5);
    const own = { id: 5, regionCode: '640121' };
    const below = { id: 6, regionCode: '640121' };
    const subtree = new Set([5, 6]);
    expect(may(liaison, 'annual.file', { region: '640121', units: [own], subtree })).toBe(true);
    expect(may(liaison, 'annual.file', { region: '640121', units: [below], subtree })).toBe(false);
    // A list names their unit; a request naming none is refused.
    expect(may(liaison, 'registration.read', { region: '640121' })).toBe(false);
    expect(may(liaison, 'registration.read', { region: '640121', units: [own] })).toBe(true);
    expect(may(liaison, 'registration.process', { region: '640121', units: [own] })).toBe(false);
    // The ledger keeps the subtree: the same unit below is theirs for reading people.
    expect(may(liaison, 'person.read', { region: '640121', units: [below], subtree })).toBe(true);
    // Office and readers: their county, their region.
    expect(may(principal('clerk', '640121'), 'annual.review', { region: '640121', units: [below] })).toBe(
      true,
    );
    expect(may(principal('clerk', '640121'), 'annual.review', { region: '640122' })).toBe(false);
    expect(may(principal('viewer', '640100'), 'registration.read', { region: '640122' })).toBe(true);
    expect(may(principal('viewer', '640100'), 'annual.review', { region: '640122' })).toBe(false);
  });

  it('lets a county user read only their county, a city user the counties below', () => {
    expect(may(principal('clerk', '640121'), 'unit.read', { region: '640121' })).toBe(true);
    expect(may(principal('clerk', '640121'), 'unit.read', { region: '640122' })).toBe(false);
    expect(may(principal('viewer', '640100'), 'unit.read', { region: '640122' })).toBe(true);
    expect(may(principal('viewer', '640100'), 'unit.read', { region: '640221' })).toBe(false);
    expect(may(principal('viewer', '640000'), 'unit.read', { region: '640221' })).toBe(true);
  });

  it('writes only in the own county, never above it', () => {
    expect(may(principal('admin', '640121'), 'matter.propose', { region: '640121' })).toBe(true);
    expect(may(principal('admin', '640121'), 'matter.propose', { region: '640122' })).toBe(false);
    expect(may(principal('viewer', '640100'), 'matter.propose', { region: '640121' })).toBe(false);
  });

  it('requires every named unit to lie in the request region and the principal scope', () => {
    const admin = principal('admin', '640121');
    const own = { id: 1, regionCode: '640121' };
    const other = { id: 2, regionCode: '640122' };
    expect(may(admin, 'matter.propose', { region: '640121', units: [own] })).toBe(true);
    expect(refusal(admin, 'matter.propose', facts({ region: '640121', units: [own, other] }))).toBe(
      '所涉机构或人员不属于行政区划 640121',
    );
    expect(may(admin, 'matter.propose', { units: [other] })).toBe(false);
  });

  it('limits a liaison to their unit subtree and to the matters of their unit', () => {
    const liaison = principal('liaison', '640121', 5);
    const subtree = new Set([5, 6]);
    expect(may(liaison, 'unit.read', { units: [{ id: 6, regionCode: '640121' }], subtree })).toBe(true);
    expect(may(liaison, 'unit.read', { units: [{ id: 7, regionCode: '640121' }], subtree })).toBe(false);
    expect(may(liaison, 'matter.propose', { region: '640121', wholeRegion: true })).toBe(false);
    const ofUnit = { regionCode: '640121', proposerId: 9, proposerUnitId: 5 };
    const ofOther = { regionCode: '640121', proposerId: 9, proposerUnitId: 8 };
    expect(may(liaison, 'matter.resubmit', { matter: ofUnit })).toBe(true);
    expect(may(liaison, 'matter.attach', { matter: ofOther })).toBe(false);
    expect(
      may(principal('leader', '640121'), 'unit.read', { units: [{ id: 7, regionCode: '640121' }] }),
    ).toBe(true);
  });

  it('separates the three administrators (三员) from the business and from each other', () => {
    for (const role of ['sysadmin', 'secadmin', 'auditor'] as const) {
      for (const action of ['unit.read', 'person.read', 'report.read', 'matter.read'] as const) {
        expect(roleMay(role, action)).toBe(false);
      }
    }
    expect(ROLES.filter((r) => roleMay(r, 'audit.read'))).toEqual(['auditor']);
    expect(ROLES.filter((r) => roleMay(r, 'user.create'))).toEqual(['sysadmin']);
    expect(ROLES.filter((r) => roleMay(r, 'security.configure'))).toEqual(['secadmin']);
    const sysadmin = principal('sysadmin', '640121');
    const account = (role: string, regionCode = '640121') => ({ account: { role, regionCode } });
    for (const role of BUSINESS_ROLES) expect(may(sysadmin, 'user.create', account(role))).toBe(true);
    for (const role of ['sysadmin', 'secadmin', 'auditor']) {
      expect(may(sysadmin, 'user.create', account(role))).toBe(false);
      expect(may(sysadmin, 'user.resetPassword', account(role))).toBe(false);
    }
    expect(may(sysadmin, 'user.create', account('clerk', '640122'))).toBe(false);
    expect(may(principal('admin', '640121'), 'user.create', account('clerk'))).toBe(false);
  });

  it('sends the web the answers of the same table', () => {
    expect(permissionsOf(principal('auditor', '640121'))).toMatchObject({
      readAudit: true,
      readLedger: false,
      manageUsers: false,
    });
    expect(permissionsOf(principal('admin', '640121'))).toMatchObject({
      readAudit: false,
      manageUsers: false,
      writeLedger: true,
    });
    for (const action of Object.keys(PERMISSIONS) as Action[]) {
      expect(PERMISSIONS[action].roles.length).toBeGreaterThan(0);
    }
  });
});
