// Reconciliation (数据比对, domain.md §10): a list from 组织部 (cadres), 人社 (staff) or 财政
// (payroll 统发) against the people on the establishment, matched by the keyed hash of the
// 身份证号. Pure: the caller reads the file and the ledger.
//
// Differences, one per list row at most, plus one per person of the ledger missing from the list:
// - not_on_establishment: on the list, but not counted on the establishment (not in the records,
//   or 待入编 / 已出编 / in another county) — on payroll without a post is how 吃空饷 shows.
// - not_on_list: on the establishment, but not on the list.
// - other_unit: the same person, but the list names another unit than the ledger.
// - other_quota_type: the same person in the same unit, but another quota type (行政编制 and
//   政法专项编制 both count as 行政; a list without 编制类型 is not compared on it).
// - invalid_row: a row that cannot be compared (found by the reader: bad 身份证号, empty cells),
//   a second row of a person already on the list (the first row is compared, each further one
//   reported), or a 编制类型 that cannot be read (an other_unit difference wins over it).
//
// Unit names are compared by a key (unitKey), so that the ways other departments write a unit's
// name still match:
// 1. Unicode NFKC (full-width letters, digits and brackets become half-width) and no whitespace.
// 2. Leading prefixes are dropped, repeatedly: "中共", and the names of the county and the regions
//    above it, each in full ("永宁县", "银川市") or without its level ("永宁", "银川").
// 3. Then the county's own level character once ("县教育局" → "教育局"), and after any prefix a
//    "委" of the Party committee ("永宁县委组织部", "县委组织部" → "组织部"; "委员会" stays).
// So "中共永宁县委组织部", "永宁县委组织部", "县委组织部" and "组织部" match, as do "永宁县教育局",
// "县教育局" and "教育局". A ledger unit also matches by its short name and its plaques (加挂牌子).
// Abbreviations ("县纪委", "永宁一中") are not guessed: they show as other_unit.
import {
  DIFFERENCE_KINDS,
  type DifferenceKind,
  type ReconciliationCounts,
} from '../../common/reconciliation.ts';

export {
  DIFFERENCE_KINDS,
  DIFFERENCE_LABELS,
  RECONCILIATION_SOURCES,
  SOURCE_LABELS,
  type DifferenceKind,
  type ReconciliationCounts,
  type ReconciliationSource,
} from '../../common/reconciliation.ts';

/** A list row whose 身份证号 was valid. */
export interface ListRow {
  rowNumber: number;
  idHash: string;
  idMasked: string;
  name: string;
  unitName: string;
  /** As the list writes it; null when the list has no 编制类型 or it could not be read. */
  quotaType: string | null;
}

/** A person counted on the establishment on the comparison date. */
export interface LedgerRow {
  personId: number;
  idHash: string;
  idMasked: string;
  name: string;
  unitId: number;
  unitName: string;
  /** Other names the unit goes by: short name, plaques (加挂牌子). */
  unitAliases?: readonly string[];
  quotaType: string;
  status: string;
}

/** A listed person who is in the records but not counted on the establishment here. */
export interface OffEstablishment {
  unitId: number | null;
  quotaType: string | null;
  /** Why they are not counted, e.g. "实名库中为已出编（出编日期 2024-03-31）". */
  note: string;
}

export interface Difference {
  kind: DifferenceKind;
  rowNumber: number | null;
  name: string;
  idMasked: string;
  idHash: string | null;
  listUnit: string | null;
  ledgerUnitId: number | null;
  listQuotaType: string | null;
  ledgerQuotaType: string | null;
  note: string | null;
}

export interface CompareInput {
  list: readonly ListRow[];
  ledger: readonly LedgerRow[];
  /** The county's name first, then the regions above it: prefixes that unit names may carry. */
  regionNames: readonly string[];
  /** Listed people found in the records but not on the establishment, by 身份证号 hash. */
  offEstablishment?: ReadonlyMap<string, OffEstablishment>;
}

export interface Comparison {
  differences: Difference[];
  /** List rows without any difference. */
  matched: number;
}

// ---------------------------------------------------------------------------------------------
// Unit names

const LEVEL_SUFFIX = /(自治县|自治旗|自治州|自治区|地区|县|区|市|旗|盟|州|省)$/u;
const COUNTY_LEVEL_CHARS = ['县', '区', '市', '旗'];

function clean(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '');
}

/** The prefixes to drop, longest first: each region's name and its name without the level. */
function regionPrefixes(regionNames: readonly string[]): string[] {
  const out = new Set<string>(['中共']);
  for (const raw of regionNames) {
    const name = clean(raw);
    if (name === '') continue;
    out.add(name);
    const stem = name.replace(LEVEL_SUFFIX, '');
    if (stem !== name && stem.length >= 2) out.add(stem);
  }
  return [...out].sort((a, b) => b.length - a.length);
}

/** The comparison key of a unit name (see the rule at the top of this file). */
export function unitKey(name: string, regionNames: readonly string[]): string {
  return keyWith(name, regionPrefixes(regionNames), countyLevelChar(regionNames));
}

function countyLevelChar(regionNames: readonly string[]): string | null {
  const last = clean(regionNames[0] ?? '').slice(-1);
  return COUNTY_LEVEL_CHARS.includes(last) ? last : null;
}

function keyWith(name: string, prefixes: readonly string[], levelChar: string | null): string {
  let key = clean(name);
  let stripped = false;
  for (let again = true; again;) {
    again = false;
    for (const prefix of prefixes) {
      if (key.length > prefix.length && key.startsWith(prefix)) {
        key = key.slice(prefix.length);
        stripped = true;
        again = true;
        break;
      }
    }
  }
  if (levelChar !== null && key.length > 1 && key.startsWith(levelChar)) {
    key = key.slice(1);
    stripped = true;
  }
  if (stripped && key.length > 1 && key.startsWith('委') && !key.startsWith('委员会')) key = key.slice(1);
  return key;
}

// ---------------------------------------------------------------------------------------------
// Quota types

export type QuotaClass = '行政' | '事业' | '聘用';

const QUOTA_TYPE_NAMES = '行政编制、政法专项编制、事业编制或聘用编制';

/**
 * The class a quota type counts in: 行政编制 and 政法专项编制 → 行政, 事业编制 → 事业, 聘用编制 →
 * 聘用. Lists often leave out "编制" ("行政", "事业"); null for anything else.
 */
export function quotaClass(type: string): QuotaClass | null {
  const t = clean(type);
  if (t.startsWith('行政') || t.startsWith('政法专项')) return '行政';
  if (t.startsWith('事业')) return '事业';
  if (t.startsWith('聘用')) return '聘用';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Comparison

function sameUnit(
  list: string,
  ledger: LedgerRow,
  prefixes: readonly string[],
  level: string | null,
): boolean {
  const key = keyWith(list, prefixes, level);
  return [ledger.unitName, ...(ledger.unitAliases ?? [])].some((n) => keyWith(n, prefixes, level) === key);
}

function nameNote(listName: string, ledger: LedgerRow): string | null {
  return clean(listName) === clean(ledger.name) ? null : `姓名不一致（实名库为“${ledger.name}”）`;
}

function joinNotes(...notes: (string | null)[]): string | null {
  const kept = notes.filter((n): n is string => n !== null && n !== '');
  return kept.length === 0 ? null : kept.join('；');
}

export function compareWithLedger(input: CompareInput): Comparison {
  const prefixes = regionPrefixes(input.regionNames);
  const level = countyLevelChar(input.regionNames);
  const ledgerByHash = new Map(input.ledger.map((r) => [r.idHash, r]));
  const firstRow = new Map<string, number>();
  const listed: Difference[] = [];
  let matched = 0;

  for (const row of [...input.list].sort((a, b) => a.rowNumber - b.rowNumber)) {
    const base = {
      rowNumber: row.rowNumber,
      name: row.name,
      idMasked: row.idMasked,
      idHash: row.idHash,
      listUnit: row.unitName,
      listQuotaType: row.quotaType,
    };
    const first = firstRow.get(row.idHash);
    if (first !== undefined) {
      listed.push({
        ...base,
        kind: 'invalid_row',
        ledgerUnitId: null,
        ledgerQuotaType: null,
        note: `第${row.rowNumber}行 身份证号: 与第${first}行重复`,
      });
      continue;
    }
    firstRow.set(row.idHash, row.rowNumber);

    const person = ledgerByHash.get(row.idHash);
    if (person === undefined) {
      const off = input.offEstablishment?.get(row.idHash);
      listed.push({
        ...base,
        kind: 'not_on_establishment',
        ledgerUnitId: off?.unitId ?? null,
        ledgerQuotaType: off?.quotaType ?? null,
        note: off?.note ?? '实名库中无此人',
      });
      continue;
    }
    const ledgerSide = { ledgerUnitId: person.unitId, ledgerQuotaType: person.quotaType };
    const listClass = row.quotaType === null ? null : quotaClass(row.quotaType);
    const unreadable = row.quotaType !== null && listClass === null;
    const quotaDiffers = listClass !== null && listClass !== quotaClass(person.quotaType);
    const quotaNote = unreadable
      ? `编制类型“${row.quotaType ?? ''}”无法识别`
      : quotaDiffers
        ? `编制类型：名单为${row.quotaType ?? ''}，实名库为${person.quotaType}`
        : null;
    if (!sameUnit(row.unitName, person, prefixes, level)) {
      listed.push({
        ...base,
        ...ledgerSide,
        kind: 'other_unit',
        note: joinNotes(`实名库单位为“${person.unitName}”`, quotaNote, nameNote(row.name, person)),
      });
    } else if (unreadable) {
      listed.push({
        ...base,
        ...ledgerSide,
        kind: 'invalid_row',
        note: `第${row.rowNumber}行 编制类型: “${row.quotaType ?? ''}”无法识别，应为${QUOTA_TYPE_NAMES}`,
      });
    } else if (quotaDiffers) {
      listed.push({
        ...base,
        ...ledgerSide,
        kind: 'other_quota_type',
        note: joinNotes(quotaNote, nameNote(row.name, person)),
      });
    } else {
      matched += 1;
    }
  }

  const missing: Difference[] = input.ledger
    .filter((r) => !firstRow.has(r.idHash))
    .sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh-CN') || a.personId - b.personId)
    .map((r) => ({
      kind: 'not_on_list',
      rowNumber: null,
      name: r.name,
      idMasked: r.idMasked,
      idHash: r.idHash,
      listUnit: null,
      ledgerUnitId: r.unitId,
      listQuotaType: null,
      ledgerQuotaType: r.quotaType,
      note: null,
    }));

  const order = (d: Difference) => DIFFERENCE_KINDS.indexOf(d.kind);
  const differences = [...listed, ...missing].sort(
    (a, b) => order(a) - order(b) || (a.rowNumber ?? 0) - (b.rowNumber ?? 0),
  );
  return { differences, matched };
}

/** Counts of a comparison: the totals, and the differences of each kind (the reader's included). */
export function countDifferences(
  differences: readonly Difference[],
  totals: { listRows: number; ledgerPeople: number; matched: number },
): ReconciliationCounts {
  const counts: ReconciliationCounts = {
    ...totals,
    not_on_establishment: 0,
    not_on_list: 0,
    other_unit: 0,
    other_quota_type: 0,
    invalid_row: 0,
  };
  for (const d of differences) counts[d.kind] += 1;
  return counts;
}
