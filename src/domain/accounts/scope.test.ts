import { describe, expect, it } from 'vitest';
import type { Principal } from './policies.ts';
import { canReadRegion, canReadUnit, regionPrefix, regionWithin } from './scope.ts';

const principal = (role: Principal['role'], regionCode: string, unitId: number | null = null): Principal => ({
  userId: 1,
  username: 'u',
  displayName: 'u',
  role,
  regionCode,
  unitId,
  mustChangePassword: false,
});

describe('data scope', () => {
  it('derives the GB/T 2260 prefix of a region', () => {
    expect(regionPrefix('640000')).toBe('64');
    expect(regionPrefix('640100')).toBe('6401');
    expect(regionPrefix('640121')).toBe('640121');
    expect(regionWithin('640121', '640100')).toBe(true);
    expect(regionWithin('640221', '640100')).toBe(false);
  });

  it('lets a county user read only their county, a city user the counties below', () => {
    expect(canReadRegion(principal('clerk', '640121'), '640121')).toBe(true);
    expect(canReadRegion(principal('clerk', '640121'), '640122')).toBe(false);
    expect(canReadRegion(principal('viewer', '640100'), '640122')).toBe(true);
    expect(canReadRegion(principal('viewer', '640100'), '640221')).toBe(false);
    expect(canReadRegion(principal('viewer', '640000'), '640221')).toBe(true);
  });

  it('limits a liaison to their unit subtree', () => {
    const liaison = principal('liaison', '640121', 5);
    const subtree = new Set([5, 6]);
    expect(canReadUnit(liaison, { id: 6, regionCode: '640121' }, subtree)).toBe(true);
    expect(canReadUnit(liaison, { id: 7, regionCode: '640121' }, subtree)).toBe(false);
    expect(canReadUnit(principal('leader', '640121'), { id: 7, regionCode: '640121' }, null)).toBe(true);
  });
});
