// 统一社会信用代码 (GB 32100-2015): 登记管理部门代码 (1) · 机构类别代码 (1) · 登记管理机关
// 行政区划码 (6, GB/T 2260) · 主体标识码 = 组织机构代码 (9, GB 11714, its last character a
// check character) · 校验码 (1, ISO 7064 MOD 31-3).

import { checkRegionCode } from './regions.ts';
import { fail, OK, type CheckResult } from './result.ts';

export type UsccCategory = { readonly code: string; readonly label: string };
export type UsccAuthority = {
  readonly code: string;
  readonly label: string;
  readonly categories: readonly UsccCategory[];
};

function authority(code: string, label: string, categories: Readonly<Record<string, string>>): UsccAuthority {
  return Object.freeze({
    code,
    label,
    categories: Object.freeze(
      Object.entries(categories).map(([c, l]) => Object.freeze({ code: c, label: l })),
    ),
  });
}

// The whole table of 登记管理部门代码 × 机构类别代码 of GB 32100-2015 as amended (XG1-2016 and
// later), with the A 中央军委改革和编制办公室 and N 农业 rows that short lists often leave out.
// Cross-checked against published transcriptions (e.g. http://ddrv.cn/?p=726373,
// https://osuse.cn/post/10002590.html) and several open-source validators: all list these
// twelve departments with these categories; no further rows were found.
export const USCC_REGISTRATION_AUTHORITIES: readonly UsccAuthority[] = Object.freeze([
  authority('1', '机构编制', {
    1: '机关',
    2: '事业单位',
    3: '中央编办直接管理机构编制的群众团体',
    9: '其他',
  }),
  authority('2', '外交', { 1: '外国常驻新闻机构', 9: '其他' }),
  authority('3', '司法行政', {
    1: '律师执业机构',
    2: '公证处',
    3: '基层法律服务所',
    4: '司法鉴定机构',
    5: '仲裁委员会',
    9: '其他',
  }),
  authority('4', '文化', { 1: '外国在华文化中心', 9: '其他' }),
  authority('5', '民政', { 1: '社会团体', 2: '民办非企业单位', 3: '基金会', 9: '其他' }),
  authority('6', '旅游', {
    1: '外国旅游部门常驻代表机构',
    2: '港澳台地区旅游部门常驻内地（大陆）代表机构',
    9: '其他',
  }),
  authority('7', '宗教', { 1: '宗教活动场所', 2: '宗教院校', 9: '其他' }),
  authority('8', '工会', { 1: '基层工会', 9: '其他' }),
  authority('9', '工商', { 1: '企业', 2: '个体工商户', 3: '农民专业合作社' }),
  authority('A', '中央军委改革和编制办公室', { 1: '军队事业单位', 9: '其他' }),
  authority('N', '农业', {
    1: '组级集体经济组织',
    2: '村级集体经济组织',
    3: '乡镇级集体经济组织',
    9: '其他',
  }),
  authority('Y', '其他', { 1: '其他' }),
]);

// GB 32100 leaves out I, O, Z, S and V, which are easily misread.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const EXCLUDED_LETTERS = 'IOZSV';
const WEIGHTS_32100 = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const WEIGHTS_11714 = [3, 7, 9, 10, 5, 8, 4, 2] as const;
// Registration authorities of the central government write 100000 (国家) as their region;
// it is not a GB/T 2260 province.
const NATIONAL_REGION = '100000';

/** Trims and upper-cases; callers store the normalized form. */
export function normalizeUscc(value: string): string {
  return value.trim().toUpperCase();
}

/** GB 11714 check character of the 8-character organization code body. */
export function organizationCodeCheckChar(body8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body8)) throw new Error('组织机构代码本体应为8位数字或大写字母');
  // Digits count as themselves, letters A–Z as 10–35.
  const sum = WEIGHTS_11714.reduce((acc, weight, i) => acc + weight * parseInt(body8.charAt(i), 36), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return 'X';
  return check === 11 ? '0' : String(check);
}

/** GB 32100 check character (ISO 7064 MOD 31-3) of the first 17 characters. */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17 || [...first17].some((c) => !ALPHABET.includes(c))) {
    throw new Error('统一社会信用代码前17位含非法字符');
  }
  const sum = WEIGHTS_32100.reduce((acc, weight, i) => acc + weight * ALPHABET.indexOf(first17.charAt(i)), 0);
  return ALPHABET.charAt((31 - (sum % 31)) % 31);
}

function findAuthority(code: string): UsccAuthority | null {
  return USCC_REGISTRATION_AUTHORITIES.find((a) => a.code === code) ?? null;
}

function findCategory(authorityCode: string, categoryCode: string): UsccCategory | null {
  return findAuthority(authorityCode)?.categories.find((c) => c.code === categoryCode) ?? null;
}

function checkCharacters(code: string): CheckResult {
  for (let i = 0; i < code.length; i += 1) {
    const c = code.charAt(i);
    if (ALPHABET.includes(c)) continue;
    if (EXCLUDED_LETTERS.includes(c))
      return fail(`第${i + 1}位“${c}”不允许：统一社会信用代码不使用 I、O、Z、S、V`);
    return fail(`第${i + 1}位“${c}”不是数字或大写字母`);
  }
  return OK;
}

function checkAuthorityAndCategory(code: string): CheckResult {
  const authorityCode = code.charAt(0);
  const found = findAuthority(authorityCode);
  if (found === null) return fail(`第1位登记管理部门代码“${authorityCode}”不存在`);
  const categoryCode = code.charAt(1);
  if (findCategory(authorityCode, categoryCode) === null) {
    return fail(`第2位机构类别代码“${categoryCode}”不属于登记管理部门“${found.label}”`);
  }
  return OK;
}

function checkRegistrationRegion(region: string): CheckResult {
  if (!/^\d{6}$/.test(region)) return fail('第3-8位登记管理机关行政区划码应为6位数字');
  if (region === NATIONAL_REGION) return OK;
  // The region is the one of the registration, which may since have been merged away.
  const result = checkRegionCode(region, { allowRetired: true });
  return result.ok ? OK : fail(`第3-8位登记管理机关行政区划码：${result.reason}`);
}

function checkOrganizationCode(orgCode: string): CheckResult {
  const expected = organizationCodeCheckChar(orgCode.slice(0, 8));
  if (orgCode.charAt(8) === expected) return OK;
  // A typo anywhere in positions 9–16 shows up here, so position 17 is not blamed alone.
  return fail(`第9-17位组织机构代码校验不通过，第17位按第9-16位计算应为 ${expected}`);
}

/**
 * Checks an 18-character USCC (surrounding spaces and lower case tolerated, see
 * normalizeUscc). The parts are checked before the final check character so that the
 * message names the part that is wrong.
 */
export function checkUscc(value: string): CheckResult {
  const code = normalizeUscc(value);
  if (code.length !== 18) return fail(`长度应为18位，实际为${code.length}位`);
  const steps: readonly (() => CheckResult)[] = [
    () => checkCharacters(code),
    () => checkAuthorityAndCategory(code),
    () => checkRegistrationRegion(code.slice(2, 8)),
    () => checkOrganizationCode(code.slice(8, 17)),
  ];
  for (const step of steps) {
    const result = step();
    if (!result.ok) return result;
  }
  const expected = usccCheckChar(code.slice(0, 17));
  if (code.charAt(17) !== expected) return fail(`第18位校验码错误，按前17位计算应为 ${expected}`);
  return OK;
}

export type UsccDescription = {
  /** 登记管理部门, e.g. '机构编制'; null when the code is not in the table. */
  readonly authority: string | null;
  /** 机构类别, e.g. '事业单位'; null when not in the table. */
  readonly category: string | null;
  readonly regionCode: string;
  readonly organizationCode: string;
};

/** The parts of an 18-character USCC with their Chinese labels; null for other lengths. */
export function describeUscc(value: string): UsccDescription | null {
  const code = normalizeUscc(value);
  if (code.length !== 18) return null;
  return {
    authority: findAuthority(code.charAt(0))?.label ?? null,
    category: findCategory(code.charAt(0), code.charAt(1))?.label ?? null,
    regionCode: code.slice(2, 8),
    organizationCode: code.slice(8, 17),
  };
}
