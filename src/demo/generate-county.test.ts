import { describe, expect, it } from 'vitest';
import type { PersonRow, QuotaRow, UnitRow } from '../common/exchange.ts';
import {
  AFFILIATIONS,
  ENTRY_CHANNELS,
  FUNDING_FORMS,
  INSTITUTION_TYPES,
  LEADERSHIP_LEVELS,
  PARTY_GOVERNMENT_CATEGORIES,
  PERSON_STATUSES,
  QUOTA_SOURCES,
  QUOTA_TYPES,
  SECTORS,
  UNIT_CATEGORIES,
  UNIT_RANKS,
} from '../common/labels.ts';
import { generateCounty, type GeneratedCounty } from './generate-county.ts';
import { branchName, chineseNumber, countyShortName } from './names.ts';
import { createRng } from './random.ts';

// The check characters are recomputed here from the standards, independently of the generator.

function idCheck(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (weights[i] ?? 0);
  return '10X98765432'[sum % 11] ?? '?';
}

function orgCodeCheck(first8: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(first8[i] ?? '0', 36) * (weights[i] ?? 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

function usccCheck(first17: string): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += alphabet.indexOf(first17[i] ?? '') * (3 ** i % 31);
  return alphabet[(31 - (sum % 31)) % 31] ?? '?';
}

function isRealDate(yyyymmdd: string): boolean {
  const iso = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

const AS_OF = '2026-11-25';
const county = generateCounty({ asOf: AS_OF });
const people = [...county.people()];
const unitsByCode = new Map(county.units.map((u) => [u.code, u]));

function unitOf(code: string): UnitRow {
  const unit = unitsByCode.get(code);
  if (!unit) throw new Error(`unknown unit ${code}`);
  return unit;
}

function exists(u: UnitRow, date: string): boolean {
  return (u.foundedOn === null || u.foundedOn <= date) && (u.abolishedOn === null || u.abolishedOn > date);
}

/** domain.md §5: 政法专项 counts inside 行政. */
function rollUp(type: string): string {
  return type === '政法专项编制' ? '行政编制' : type;
}

function approvedInForce(quotas: readonly QuotaRow[], date: string): Map<string, number> {
  const latest = new Map<string, QuotaRow>();
  for (const q of quotas) {
    if (q.effectiveFrom > date) continue;
    const key = `${q.unitCode}|${q.quotaType}|${q.source}`;
    const current = latest.get(key);
    if (!current || current.effectiveFrom < q.effectiveFrom) latest.set(key, q);
  }
  const totals = new Map<string, number>();
  for (const q of latest.values()) {
    const key = `${q.unitCode}|${rollUp(q.quotaType)}`;
    totals.set(key, (totals.get(key) ?? 0) + q.approved);
  }
  return totals;
}

function onEstablishment(p: PersonRow, date: string): boolean {
  return (
    (p.status === '在编' || p.status === '已出编') &&
    p.enteredOn !== null &&
    p.enteredOn <= date &&
    (p.leftOn === null || p.leftOn > date)
  );
}

function countBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const item of items) m.set(key(item), (m.get(key(item)) ?? 0) + 1);
  return m;
}

function totalQuota(c: GeneratedCounty, date: string): number {
  let total = 0;
  for (const [key, n] of approvedInForce(c.quotas, date)) {
    if (exists(unitOf(key.split('|')[0] ?? ''), date)) total += n;
  }
  return total;
}

const institutions = county.units.filter((u) => u.category === '事业单位');

describe('generateCounty: coverage of every enumerated value', () => {
  it('has every unit category', () => {
    const seen = new Set(county.units.map((u) => u.category));
    for (const c of UNIT_CATEGORIES) expect(seen, c).toContain(c);
  });

  it('has every rank, affiliation, funding form, type and sector among the institutions', () => {
    const check = (values: readonly string[], field: (u: UnitRow) => string | null): void => {
      const seen = new Set(institutions.map(field));
      for (const v of values) expect(seen, v).toContain(v);
    };
    check(UNIT_RANKS, (u) => u.rank);
    check(AFFILIATIONS, (u) => u.affiliation);
    check(FUNDING_FORMS, (u) => u.funding);
    check(INSTITUTION_TYPES, (u) => u.type);
    check(SECTORS, (u) => u.sector);
  });

  it('marks the direct limit exactly on 部门所属 正科 institutions', () => {
    for (const u of institutions) {
      expect(u.countsTowardDirectLimit, u.name).toBe(u.affiliation === '部门所属' && u.rank === '正科');
    }
    expect(institutions.some((u) => u.countsTowardDirectLimit)).toBe(true);
    for (const u of county.units.filter((x) => x.category !== '事业单位')) {
      expect(u.affiliation).toBeNull();
      expect(u.countsTowardDirectLimit).toBeNull();
    }
  });

  it('keeps the rank breakdown of the report a partition', () => {
    for (const u of institutions) {
      if (u.affiliation === '县委直属' || u.affiliation === '政府直属')
        expect(u.rank, u.name).not.toBe('副科');
      if (u.affiliation === '乡镇所属' || u.affiliation === '街道所属' || u.affiliation === '部门派驻乡镇') {
        expect(u.rank, u.name).not.toBe('正科');
      }
    }
  });

  it('has every quota type and source, status, channel and leadership level', () => {
    const types = new Set(county.quotas.map((q) => q.quotaType));
    for (const t of QUOTA_TYPES) expect(types).toContain(t);
    const sources = new Set(county.quotas.map((q) => q.source));
    for (const s of QUOTA_SOURCES) expect(sources).toContain(s);
    const statuses = new Set(people.map((p) => p.status));
    for (const s of PERSON_STATUSES) expect(statuses).toContain(s);
    const channels = new Set(people.map((p) => p.channel));
    for (const c of ENTRY_CHANNELS) expect(channels, c).toContain(c);
    const levels = new Set(people.map((p) => p.leadershipLevel));
    for (const l of LEADERSHIP_LEVELS) expect(levels).toContain(l);
  });
});

describe('generateCounty: structure', () => {
  it('gives every unit a unique code, A… for organs, B… for institutions', () => {
    expect(new Set(county.units.map((u) => u.code)).size).toBe(county.units.length);
    for (const u of county.units) {
      if (u.category === '事业单位') expect(u.code).toMatch(/^B\d{3,}$/);
      else if (u.category !== '内设机构') expect(u.code).toMatch(/^A\d{3,}$/);
      expect(u.regionCode).toBe('640121');
    }
  });

  it('points every parent at an existing unit of the right kind', () => {
    for (const u of county.units) {
      if (u.parentCode === null) continue;
      const parent = unitOf(u.parentCode);
      expect(parent.code).not.toBe(u.code);
      if (u.category === '内设机构' || u.affiliation === '部门所属' || u.affiliation === '部门派驻乡镇') {
        expect(['事业单位', '内设机构'], u.name).not.toContain(parent.category);
      }
      if (u.affiliation === '乡镇所属') expect(parent.category).toBe('乡镇');
      if (u.affiliation === '街道所属') expect(parent.category).toBe('街道');
      if (u.type === '中小学' || u.type === '幼儿园') expect(parent.name).toMatch(/教育局$/);
      if (u.type === '乡镇卫生院' || u.type === '农场卫生院' || u.type === '公立医院') {
        expect(parent.name).toMatch(/卫生健康局$/);
      }
    }
    const needParent = county.units.filter(
      (u) =>
        u.category === '内设机构' ||
        ['部门所属', '乡镇所属', '街道所属', '部门派驻乡镇'].includes(u.affiliation ?? ''),
    );
    for (const u of needParent) expect(u.parentCode, u.name).not.toBeNull();
  });

  it('gives 内设机构 neither quotas, posts nor people', () => {
    const sections = new Set(county.units.filter((u) => u.category === '内设机构').map((u) => u.code));
    expect(sections.size).toBeGreaterThan(0);
    expect(county.quotas.filter((q) => sections.has(q.unitCode))).toEqual([]);
    expect(county.posts.filter((p) => sections.has(p.unitCode))).toEqual([]);
    expect(people.filter((p) => sections.has(p.unitCode))).toEqual([]);
  });

  it('issues valid USCCs: 11/13 for organs, 12 for institutions', () => {
    const withCode = county.units.filter((u) => u.uscc !== null);
    expect(withCode.length).toBeGreaterThan(200);
    expect(new Set(withCode.map((u) => u.uscc)).size).toBe(withCode.length);
    for (const u of withCode) {
      const uscc = u.uscc ?? '';
      expect(uscc).toMatch(/^1[123]\d{6}[0-9A-Z]{9}[0-9A-HJ-NPQRTUWXY]$/);
      expect(uscc.slice(2, 8)).toBe('640121');
      expect(uscc.slice(1, 2)).toBe(u.category === '事业单位' ? '2' : u.category === '群众团体' ? '3' : '1');
      expect(orgCodeCheck(uscc.slice(8, 16)), uscc).toBe(uscc.charAt(16));
      expect(usccCheck(uscc.slice(0, 17)), uscc).toBe(uscc.charAt(17));
    }
    expect(institutions.some((u) => u.legalPerson === true && u.uscc !== null)).toBe(true);
    expect(institutions.some((u) => u.legalPerson === false)).toBe(true);
  });

  it('has plaques, among them the 开放大学 plaque of the vocational school', () => {
    const school = county.units.find((u) => u.name === '永宁县职业教育学校');
    expect(school?.plaques).toEqual(['宁夏开放大学永宁学院']);
    expect(county.units.filter((u) => u.plaques.length > 0).length).toBeGreaterThanOrEqual(5);
  });

  it('dates units, with one abolished in 2024 and one founded after 2025', () => {
    const founded = county.units.map((u) => u.foundedOn ?? '');
    expect(founded.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true);
    const inRange = founded.filter((d) => d >= '1984-01-01' && d <= '2019-12-31').length;
    expect(inRange / founded.length).toBeGreaterThan(0.8);
    const abolished = county.units.filter((u) => u.abolishedOn !== null);
    expect(abolished.map((u) => u.abolishedOn?.slice(0, 4))).toEqual(['2024']);
    expect(founded.some((d) => d > '2025-12-31')).toBe(true);
  });
});

describe('generateCounty: counts like the seed county', () => {
  it('has 57 党政机构 and about 170 institutions', () => {
    const byCategory = countBy(county.units, (u) => u.category);
    const partyGov = PARTY_GOVERNMENT_CATEGORIES.reduce((sum, c) => sum + (byCategory.get(c) ?? 0), 0);
    expect(partyGov).toBe(57);
    expect(byCategory.get('纪检监察机关')).toBe(1);
    expect(byCategory.get('人大机关')).toBe(1);
    expect(byCategory.get('政协机关')).toBe(1);
    expect(byCategory.get('乡镇')).toBe(6);
    expect(byCategory.get('街道')).toBe(2);
    expect(byCategory.get('群众团体')).toBe(8);
    expect(institutions.length).toBeGreaterThanOrEqual(150);
    expect(institutions.length).toBeLessThanOrEqual(190);
    expect(county.units.length).toBeGreaterThanOrEqual(220);
    expect(county.units.length).toBeLessThanOrEqual(280);
    const byType = countBy(institutions, (u) => u.type ?? '');
    expect(byType.get('中小学')).toBeGreaterThanOrEqual(40);
    expect(byType.get('幼儿园')).toBeGreaterThanOrEqual(18);
    expect(byType.get('公立医院')).toBe(2);
    expect(byType.get('乡镇卫生院')).toBe(6);
    expect(byType.get('农场卫生院')).toBe(1);
  });

  it('has about 5,500 quotas and 6,000 people', () => {
    const total = totalQuota(county, AS_OF);
    expect(total).toBeGreaterThan(4800);
    expect(total).toBeLessThan(6200);
    expect(people.length).toBeGreaterThan(5400);
    expect(people.length).toBeLessThan(6600);
    const byStatus = countBy(people, (p) => p.status);
    expect(byStatus.get('在编') ?? 0).toBeGreaterThan(0.75 * people.length);
  });

  it('gives the townships 367 quotas, as the seed says', () => {
    const inForce = approvedInForce(county.quotas, AS_OF);
    let total = 0;
    for (const [key, n] of inForce) {
      const [code = '', type] = key.split('|');
      const u = unitOf(code);
      const township =
        u.category === '乡镇' ||
        u.category === '街道' ||
        u.affiliation === '乡镇所属' ||
        u.affiliation === '街道所属';
      if (township && type !== '聘用编制') total += n;
    }
    expect(total).toBe(367);
  });

  it('has the quota shapes the seed complains about', () => {
    const inForce = approvedInForce(county.quotas, AS_OF);
    const of = (u: UnitRow): number =>
      (inForce.get(`${u.code}|事业编制`) ?? 0) + (inForce.get(`${u.code}|行政编制`) ?? 0);
    const kindergartens = institutions.filter((u) => u.type === '幼儿园');
    expect(kindergartens.filter((u) => of(u) >= 1 && of(u) <= 3).length).toBeGreaterThanOrEqual(5);
    expect(county.units.filter((u) => of(u) >= 3 && of(u) <= 5).length).toBeGreaterThanOrEqual(10);
    const pool = county.quotas.filter((q) => q.source === '周转池');
    expect(pool.length).toBeGreaterThanOrEqual(2);
    for (const q of pool) {
      expect(q.quotaType).toBe('事业编制');
      expect(unitOf(q.unitCode).type).toBe('中小学');
    }
    expect(county.quotas.filter((q) => q.effectiveFrom > AS_OF)).toHaveLength(1);
    const rowsPerKey = countBy(county.quotas, (q) => `${q.unitCode}|${q.quotaType}|${q.source}`);
    expect([...rowsPerKey.values()].filter((n) => n >= 2).length).toBeGreaterThanOrEqual(10);
    const political = county.quotas
      .filter((q) => q.quotaType === '政法专项编制')
      .map((q) => unitOf(q.unitCode).name);
    expect(political).toEqual(expect.arrayContaining(['永宁县公安局', '中共永宁县委政法委员会']));
    for (const q of county.quotas) {
      const u = unitOf(q.unitCode);
      if (u.category === '事业单位') expect(['事业编制', '聘用编制']).toContain(q.quotaType);
      else expect(['行政编制', '政法专项编制', '聘用编制']).toContain(q.quotaType);
      expect(q.effectiveFrom >= (u.foundedOn ?? '')).toBe(true);
    }
  });

  it('has leadership posts for organs and ranked institutions only', () => {
    for (const p of county.posts) {
      const u = unitOf(p.unitCode);
      expect(u.category).not.toBe('内设机构');
      if (u.category === '事业单位') expect(u.rank).not.toBe('不定级');
      if (u.rank === '副科') expect(p.level).toBe('副科');
    }
    const organs = county.units.filter((u) => PARTY_GOVERNMENT_CATEGORIES.includes(u.category));
    for (const o of organs)
      expect(
        county.posts.some((p) => p.unitCode === o.code && p.level === '正科'),
        o.name,
      ).toBe(true);
  });
});

describe('generateCounty: people', () => {
  it('places everyone in an existing unit under a quota type the unit has', () => {
    const typesOf = new Map<string, Set<string>>();
    for (const q of county.quotas) {
      const set = typesOf.get(q.unitCode) ?? new Set<string>();
      set.add(q.quotaType);
      typesOf.set(q.unitCode, set);
    }
    for (const p of people) {
      const u = unitOf(p.unitCode);
      expect(u.category).not.toBe('内设机构');
      expect(p.regionCode).toBe('640121');
      expect(typesOf.get(p.unitCode)?.has(p.quotaType), `${u.name} ${p.quotaType}`).toBe(true);
      if (u.category === '事业单位') expect(['事业编制', '聘用编制']).toContain(p.quotaType);
      else expect(['行政编制', '政法专项编制', '聘用编制']).toContain(p.quotaType);
    }
  });

  it('gives unique ID numbers with correct check characters and birth dates 1966–2003', () => {
    const ids = new Set<string>();
    for (const p of people) {
      expect(p.idNumber).toMatch(/^640121\d{11}[\dX]$/);
      expect(idCheck(p.idNumber.slice(0, 17)), p.idNumber).toBe(p.idNumber.charAt(17));
      const birth = p.idNumber.slice(6, 14);
      expect(isRealDate(birth), birth).toBe(true);
      expect(birth >= '19660101' && birth <= '20031231', birth).toBe(true);
      expect(p.idNumber.slice(14, 17)).not.toBe('000');
      ids.add(p.idNumber);
    }
    expect(ids.size).toBe(people.length);
  });

  it('gives Chinese names of two to four characters', () => {
    for (const p of people) expect(p.name).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
    expect(new Set(people.map((p) => p.name)).size).toBeGreaterThan(people.length / 3);
  });

  it('keeps dates consistent with the status and the as-of date', () => {
    for (const p of people) {
      const u = unitOf(p.unitCode);
      if (p.status === '待入编') {
        expect(p.enteredOn).toBeNull();
        expect(p.leftOn).toBeNull();
        continue;
      }
      expect(p.enteredOn).not.toBeNull();
      const entered = p.enteredOn ?? '';
      expect(entered <= AS_OF).toBe(true);
      expect(entered >= (u.foundedOn ?? '')).toBe(true);
      const birth = `${p.idNumber.slice(6, 10)}-${p.idNumber.slice(10, 12)}-${p.idNumber.slice(12, 14)}`;
      expect(Number(entered.slice(0, 4)) - Number(birth.slice(0, 4))).toBeGreaterThanOrEqual(18);
      if (p.status === '在编') expect(p.leftOn).toBeNull();
      else {
        const left = p.leftOn ?? '';
        expect(left >= entered && left <= AS_OF, `${entered} ${left}`).toBe(true);
      }
    }
  });

  it('lets everyone of the abolished unit have left by its abolition', () => {
    const abolished = county.units.find((u) => u.abolishedOn !== null);
    const staff = people.filter((p) => p.unitCode === abolished?.code);
    expect(staff.length).toBeGreaterThan(0);
    for (const p of staff) {
      expect(p.status).toBe('已出编');
      expect(p.leftOn).toBe(abolished?.abolishedOn);
    }
  });

  it('has 招考待入编 people and leaders who are all on the establishment', () => {
    expect(people.some((p) => p.status === '待入编' && (p.channel === '考录' || p.channel === '招聘'))).toBe(
      true,
    );
    for (const p of people.filter((x) => x.leadershipLevel !== '无')) expect(p.status).toBe('在编');
  });

  it('has units over quota (在编 > 核定), found as the report would find them', () => {
    const inForce = approvedInForce(county.quotas, AS_OF);
    const held = countBy(
      people.filter((p) => onEstablishment(p, AS_OF) && exists(unitOf(p.unitCode), AS_OF)),
      (p) => `${p.unitCode}|${rollUp(p.quotaType)}`,
    );
    const over = [...held].filter(([key, h]) => h > (inForce.get(key) ?? 0));
    expect(over.length).toBeGreaterThanOrEqual(1);
    // Most units are within their quota.
    expect(over.length).toBeLessThan(10);
  });

  it('has one leadership post filled twice and one left empty', () => {
    const holders = countBy(
      people.filter((p) => p.status === '在编' && p.leadershipLevel !== '无'),
      (p) => `${p.unitCode}|${p.leadershipLevel}`,
    );
    const posts = county.posts.filter((p) => p.effectiveFrom <= AS_OF);
    const filledTwice = posts.filter((p) => (holders.get(`${p.unitCode}|${p.level}`) ?? 0) > p.approved);
    const empty = posts.filter((p) => p.level === '正科' && (holders.get(`${p.unitCode}|正科`) ?? 0) === 0);
    expect(filledTwice.map((p) => unitOf(p.unitCode).name)).toContain('永宁县发展和改革局');
    expect(empty.map((p) => unitOf(p.unitCode).name)).toContain('永宁县审计局');
    // Leaders sit only where posts of their level exist, with the one planted exception.
    for (const key of holders.keys())
      expect(
        posts.some((p) => `${p.unitCode}|${p.level}` === key),
        key,
      ).toBe(true);
  });
});

describe('generateCounty: population and students', () => {
  it('reproduces the seed population: 32.2万 in 2023, +47.36 % since 2010', () => {
    const countyRows = county.population.filter((p) => p.unitCode === null);
    expect(countyRows.map((p) => p.year)).toEqual(Array.from({ length: 16 }, (_, i) => 2010 + i));
    const at = (year: number): number => countyRows.find((p) => p.year === year)?.population ?? 0;
    expect(at(2023)).toBe(322_000);
    expect(Math.abs(at(2010) - 218_500)).toBeLessThan(100);
  });

  it('splits the county among its townships every year, and serves the health centres', () => {
    const townships = new Set(
      county.units.filter((u) => u.category === '乡镇' || u.category === '街道').map((u) => u.code),
    );
    for (let year = 2010; year <= 2025; year++) {
      const total = county.population.find((p) => p.unitCode === null && p.year === year)?.population;
      const parts = county.population.filter(
        (p) => p.year === year && p.unitCode !== null && townships.has(p.unitCode),
      );
      expect(parts).toHaveLength(8);
      expect(parts.reduce((a, p) => a + p.population, 0)).toBe(total);
    }
    const centres = institutions.filter((u) => u.type === '乡镇卫生院' || u.type === '农场卫生院');
    for (const c of centres) {
      const row = county.population.find((p) => p.unitCode === c.code && p.year === 2023);
      expect(row?.population ?? 0, c.name).toBeGreaterThan(1000);
    }
  });

  it('gives every school and kindergarten its roll for 2022–2025, with one empty school', () => {
    for (const row of county.students) {
      const u = unitOf(row.unitCode);
      expect(row.year).toBeGreaterThanOrEqual(2022);
      expect(row.year).toBeLessThanOrEqual(2025);
      if (u.type === '幼儿园') {
        expect(row.preschool).not.toBeNull();
        expect([row.senior, row.junior, row.primary]).toEqual([null, null, null]);
      } else {
        expect(u.type).toBe('中小学');
        expect(row.preschool).toBeNull();
      }
    }
    const schools = institutions.filter((u) => u.type === '中小学');
    for (const s of schools)
      expect(
        county.students.some((r) => r.unitCode === s.code),
        s.name,
      ).toBe(true);
    const totals = new Map<string, number>();
    for (const r of county.students) {
      const n = (r.senior ?? 0) + (r.junior ?? 0) + (r.primary ?? 0) + (r.preschool ?? 0);
      totals.set(r.unitCode, (totals.get(r.unitCode) ?? 0) + n);
    }
    expect([...totals.values()].filter((n) => n === 0)).toHaveLength(1);
  });
});

// Each test here generates a whole county again (about 6,000 people): more than the default 5 s
// when the machine is busy.
describe('generateCounty: determinism and scale', { timeout: 60_000 }, () => {
  it('returns the same county for the same options', () => {
    const again = generateCounty({ asOf: AS_OF });
    expect(again.units).toEqual(county.units);
    expect(again.quotas).toEqual(county.quotas);
    expect(again.posts).toEqual(county.posts);
    expect(again.population).toEqual(county.population);
    expect(again.students).toEqual(county.students);
    expect([...again.people()]).toEqual(people);
  });

  it('yields the same people each time people() is iterated', () => {
    expect([...county.people()]).toEqual(people);
  });

  it('differs with another seed', () => {
    const other = generateCounty({ asOf: AS_OF, seed: 2 });
    expect([...other.people()].slice(0, 50)).not.toEqual(people.slice(0, 50));
  });

  it('never lets anyone enter after the as-of date', () => {
    const early = generateCounty({ asOf: '2025-06-30' });
    const earlyPeople = [...early.people()];
    for (const p of earlyPeople) {
      if (p.enteredOn !== null) expect(p.enteredOn <= '2025-06-30').toBe(true);
      if (p.leftOn !== null) expect(p.leftOn <= '2025-06-30').toBe(true);
    }
    const newest = early.units.find((u) => (u.foundedOn ?? '') > '2025-12-31');
    const waiting = earlyPeople.filter((p) => p.unitCode === newest?.code);
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.every((p) => p.status === '待入编')).toBe(true);
  });

  it('works for other regions, with ID numbers and USCCs that never collide', () => {
    const helan = generateCounty({ regionCode: '640122', asOf: AS_OF });
    expect(helan.units[1]?.name).toBe('中共贺兰县委办公室');
    expect(helan.regions.map((r) => r.name)).toEqual(['宁夏回族自治区', '银川市', '贺兰县']);
    const unknown = generateCounty({ regionCode: '649999', cityCode: '649900', asOf: AS_OF });
    expect(unknown.units.length).toBeGreaterThan(200);
    const ids = new Set(people.map((p) => p.idNumber));
    for (const c of [helan, unknown]) {
      for (const p of c.people()) expect(ids.has(p.idNumber)).toBe(false);
      for (const u of c.units)
        expect(u.uscc === null || !county.units.some((x) => x.uscc === u.uscc)).toBe(true);
    }
  });

  it('rejects malformed options', () => {
    expect(() => generateCounty({ regionCode: '6401' })).toThrow();
    expect(() => generateCounty({ scale: 0 })).toThrow();
    expect(() => generateCounty({ asOf: '2026-02-30' })).toThrow();
  });

  it('grows to about ten times the people at scale 10, quickly', () => {
    const started = performance.now();
    const big = generateCounty({ asOf: AS_OF, scale: 10 });
    let count = 0;
    const ids = new Set<string>();
    for (const p of big.people()) {
      count++;
      ids.add(p.idNumber);
    }
    const elapsed = performance.now() - started;
    expect(count / people.length).toBeGreaterThan(9);
    expect(count / people.length).toBeLessThan(11);
    expect(ids.size).toBe(count);
    expect(big.units.length).toBeGreaterThan(1800);
    expect(new Set(big.units.map((u) => u.code)).size).toBe(big.units.length);
    expect(new Set(big.units.map((u) => u.name)).size).toBe(big.units.length);
    for (const u of big.units)
      if (u.parentCode !== null) expect(big.units.some((x) => x.code === u.parentCode)).toBe(true);
    // The scale-1 county is the start of the bigger one.
    expect(big.units.slice(0, 100)).toEqual(county.units.slice(0, 100));
    expect(elapsed).toBeLessThan(10_000);
  });
});

describe('names and random helpers', () => {
  it('writes Chinese numbers as school names use them', () => {
    expect([1, 10, 12, 20, 21, 100, 105, 110].map(chineseNumber)).toEqual([
      '一',
      '十',
      '十二',
      '二十',
      '二十一',
      '一百',
      '一百零五',
      '一百一十',
    ]);
    expect(branchName('永宁县殡仪馆', 1)).toBe('永宁县殡仪馆第二分馆');
    expect(countyShortName('永宁县')).toBe('永宁');
  });

  it('repeats a seeded stream exactly', () => {
    const a = createRng(42);
    const b = createRng(42);
    const xs = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
