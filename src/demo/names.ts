// Name material for the demo county: people's names, township and village names, and the
// short forms that unit names and plaques are built from. Everything here is plain data
// plus a few pure helpers; the generator decides which names are used where.

import type { Rng } from './random.ts';

/**
 * Common surnames with rough relative frequencies (per mille of the population). 马 and a few
 * Hui surnames (纳, 海, 拜, 冶, 锁) are weighted up because the reference county is in 宁夏.
 */
// prettier-ignore
export const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 71], ['李', 70], ['张', 67], ['刘', 54], ['陈', 45], ['杨', 31], ['马', 30], ['黄', 22],
  ['赵', 22], ['吴', 20], ['周', 19], ['徐', 15], ['孙', 15], ['朱', 13], ['胡', 13], ['郭', 11],
  ['何', 11], ['高', 11], ['林', 11], ['罗', 9], ['郑', 9], ['梁', 8], ['谢', 7], ['宋', 6],
  ['唐', 6], ['许', 6], ['韩', 6], ['冯', 5], ['邓', 5], ['曹', 5], ['彭', 5], ['曾', 5],
  ['肖', 5], ['田', 5], ['董', 5], ['袁', 4], ['潘', 4], ['于', 4], ['蒋', 4], ['蔡', 4],
  ['余', 4], ['杜', 4], ['叶', 4], ['程', 4], ['苏', 4], ['魏', 4], ['吕', 4], ['丁', 4],
  ['任', 4], ['沈', 3], ['姚', 3], ['卢', 3], ['姜', 3], ['崔', 3], ['钟', 3], ['谭', 3],
  ['陆', 3], ['汪', 3], ['范', 3], ['金', 3], ['石', 3], ['廖', 3], ['贾', 3], ['夏', 3],
  ['韦', 3], ['付', 3], ['方', 3], ['白', 3], ['邹', 3], ['孟', 3], ['熊', 3], ['秦', 3],
  ['邱', 3], ['江', 3], ['尹', 3], ['薛', 3], ['闫', 3], ['段', 3], ['雷', 3], ['侯', 3],
  ['龙', 3], ['史', 3], ['陶', 2], ['黎', 2], ['贺', 2], ['顾', 2], ['毛', 2], ['郝', 2],
  ['龚', 2], ['邵', 2], ['万', 2], ['钱', 2], ['严', 2], ['武', 2], ['戴', 2], ['孔', 2],
  ['汤', 2], ['纳', 2], ['海', 1], ['拜', 1], ['冶', 1], ['锁', 1],
];

const MALE_CHARS = [
  ...'伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宁东俊亮林浩宇峰建国海龙晨旭阳文志永成学兵宏正岩凯博毅鸿忠德福贵生祥',
];
const FEMALE_CHARS = [
  ...'芳娜敏静丽艳娟霞燕玲婷雪琳慧莉萍红梅倩洁颖佳欣悦怡媛晶蕾瑶璐丹露蓉兰凤秀英春月娇婧琪茹',
];
// Characters that start two-character given names of either gender.
const LEADING_CHARS = [...'子嘉思雨一梓晓新佳永建国志学春海文小亚丽明晨欣'];

/** A given name of one or two characters; two-character names dominate among the young. */
export function givenName(rng: Rng, male: boolean, birthYear: number): string {
  const own = male ? MALE_CHARS : FEMALE_CHARS;
  const twoChars = rng.chance(birthYear >= 1985 ? 0.75 : 0.55);
  if (!twoChars) return rng.pick(own);
  const first = rng.chance(0.5) ? rng.pick(LEADING_CHARS) : rng.pick(own);
  let second = rng.pick(own);
  // "伟伟" is a nickname, not an official name.
  if (second === first) second = rng.pick(own);
  return first + second;
}

export function personName(rng: Rng, male: boolean, birthYear: number): string {
  return rng.weighted(SURNAMES) + givenName(rng, male, birthYear);
}

/**
 * Two-character stems of place names, as they occur all over northern China; townships and
 * villages of generated counties are drawn from them.
 */
// prettier-ignore
export const PLACE_STEMS: readonly string[] = [
  '城关', '新华', '红星', '太平', '永丰', '金山', '清河', '柳林', '东升', '西湖', '南山', '北塔',
  '石桥', '双河', '龙泉', '凤凰', '安乐', '和平', '兴隆', '高庄', '李庄', '王庄', '张家', '马家',
  '白土', '沙河', '泉眼', '朝阳', '向阳', '红旗', '团结', '光明', '前进', '五星', '民乐',
  '长胜', '永安', '新庄', '杨柳', '桃园', '杏花', '梨花', '黄河', '大坝', '新渠', '河西', '河东',
  '东风', '西园', '南湖', '北沙', '三合', '四合', '丰收', '友谊', '联合', '园林', '宝丰', '金星',
  '银河', '新桥', '通贵', '惠丰', '增岗', '丰登', '玉海', '园艺', '纳家', '河滩', '原隆', '武河',
  '镇北', '靖益', '强家', '旺庄', '立强', '八渠', '王团', '金沙', '星火', '永红', '永乐', '东方',
];

/** Townships, streets and special areas of one county. */
export interface CountyProfile {
  townships: readonly string[];
  streets: readonly string[];
  /** The city's industrial park run by a 派出机构 in the county. */
  park: string;
  /** A state farm whose health centre is a 农场卫生院. */
  farm: string;
  /** Population shares of townships then streets in 2010 and 2025 (each list sums to 1). */
  shares2010: readonly number[];
  shares2025: readonly number[];
}

// 永宁县 as described by the seed report: 6 townships, fast growth in 望远 and the resettlement
// town 闽宁. The two streets are demo names.
const YONGNING: CountyProfile = {
  townships: ['杨和镇', '李俊镇', '望远镇', '望洪镇', '闽宁镇', '胜利乡'],
  streets: ['宁和街道', '正源街道'],
  park: '望远工业园区',
  farm: '玉泉营农场',
  shares2010: [0.28, 0.13, 0.18, 0.12, 0.13, 0.08, 0.05, 0.03],
  shares2025: [0.24, 0.1, 0.22, 0.09, 0.18, 0.05, 0.07, 0.05],
};

const KNOWN_PROFILES: ReadonlyMap<string, CountyProfile> = new Map([['640121', YONGNING]]);

export const TOWNSHIP_COUNT = 6;
export const STREET_COUNT = 2;

function normalise(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}

/** The county's profile: the real one for 永宁县, a plausible invented one elsewhere. */
export function countyProfile(regionCode: string, countyShort: string, rng: Rng): CountyProfile {
  const known = KNOWN_PROFILES.get(regionCode);
  if (known) return known;
  const stems = distinctStems(rng, TOWNSHIP_COUNT + STREET_COUNT);
  const townships = stems
    .slice(0, TOWNSHIP_COUNT)
    .map((s, i) => (i === TOWNSHIP_COUNT - 1 ? `${s}乡` : `${s}镇`));
  const streets = stems.slice(TOWNSHIP_COUNT).map((s) => `${s}街道`);
  const base = [...townships, ...streets].map(() => rng.int(4, 12));
  return {
    townships,
    streets,
    park: `${countyShort}经济开发区`,
    farm: `${rng.pick(PLACE_STEMS)}农场`,
    shares2010: normalise(base),
    shares2025: normalise(base.map((w) => w * (0.8 + rng.next() * 0.5))),
  };
}

function distinctStems(rng: Rng, count: number): string[] {
  const chosen: string[] = [];
  while (chosen.length < count) {
    const stem = rng.pick(PLACE_STEMS);
    if (!chosen.includes(stem)) chosen.push(stem);
  }
  return chosen;
}

// Provinces by the first two digits of the code, in the short form used in names such as
// "宁夏开放大学". Full names would read "宁夏回族自治区开放大学".
// prettier-ignore
const PROVINCE_SHORT: Readonly<Record<string, string>> = {
  '11': '北京', '12': '天津', '13': '河北', '14': '山西', '15': '内蒙古', '21': '辽宁', '22': '吉林',
  '23': '黑龙江', '31': '上海', '32': '江苏', '33': '浙江', '34': '安徽', '35': '福建', '36': '江西',
  '37': '山东', '41': '河南', '42': '湖北', '43': '湖南', '44': '广东', '45': '广西', '46': '海南',
  '50': '重庆', '51': '四川', '52': '贵州', '53': '云南', '54': '西藏', '61': '陕西', '62': '甘肃',
  '63': '青海', '64': '宁夏', '65': '新疆',
};

export function provinceShortName(regionCode: string): string {
  return PROVINCE_SHORT[regionCode.slice(0, 2)] ?? '本省';
}

/** '永宁县' → '永宁', '红寺堡区' → '红寺堡', '隆德县' → '隆德'; '某某回族自治县' → '某某'. */
export function countyShortName(county: string): string {
  const withoutAutonomy = county.replace(/(?:[\u4e00-\u9fa5]{1,4}族)+自治[县旗]$/u, '');
  if (withoutAutonomy !== county && withoutAutonomy.length >= 2) return withoutAutonomy;
  const withoutSuffix = county.replace(/[县区市旗]$/u, '');
  return withoutSuffix.length >= 2 ? withoutSuffix : county;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const POWERS = ['', '十', '百', '千'];

/** 1 → '一', 12 → '十二', 21 → '二十一', 105 → '一百零五', as in 第十二小学. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 9999) return String(n);
  const digits = [...String(n)].map(Number);
  let out = '';
  let pendingZero = false;
  digits.forEach((d, i) => {
    const power = POWERS[digits.length - 1 - i] ?? '';
    if (d === 0) {
      pendingZero = out !== '';
      return;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    out += (DIGITS[d] ?? '') + power;
  });
  // 十二 rather than 一十二 when the number starts with ten.
  return n >= 10 && n < 20 ? out.slice(1) : out;
}

// The word a branch of a unit takes, chosen by how the unit's name ends: 中心 → 分中心 …
const BRANCH_WORDS: readonly (readonly [string, string])[] = [
  ['中心', '分中心'],
  ['医院', '分院'],
  ['卫生院', '分院'],
  ['站', '分站'],
  ['所', '分所'],
  ['院', '分院'],
  ['馆', '分馆'],
  ['队', '分队'],
  ['校', '分校'],
  ['室', '分室'],
  ['社', '分社'],
  ['场', '分场'],
  ['会', '分会'],
];

/** Name of the n-th copy (n ≥ 1) of a unit when a bigger county is simulated: '殡仪馆第二分馆'. */
export function branchName(name: string, copy: number): string {
  if (copy < 1) return name;
  const word = BRANCH_WORDS.find(([ending]) => name.endsWith(ending))?.[1] ?? '分部';
  return `${name}第${chineseNumber(copy + 1)}${word}`;
}
