import { describe, expect, it } from 'vitest';
import {
  USCC_REGISTRATION_AUTHORITIES,
  checkUscc,
  describeUscc,
  normalizeUscc,
  organizationCodeCheckChar,
  usccCheckChar,
} from './uscc.ts';

// Hand checks (alphabet 0–9 A B C D E F G H J K L M N P Q R T U W X Y valued 0–30):
//
// 91350100M000100Y43, the standard's example.
//   GB 11714 on M000100Y (M = 22, Y = 34; weights 3 7 9 10 5 8 4 2):
//   22×3 + 1×5 + 34×2 = 66 + 5 + 68 = 139, 139 mod 11 = 7, 11 − 7 = 4 → '4' ✓.
//   GB 32100 on 91350100M000100Y4 (M = 21, Y = 30; weights 1 3 9 27 19 26 16 17 20 29 25 13 8
//   24 10 30 28): 9 + 3 + 27 + 135 + 26 + 21×20 + 1×8 + 30×30 + 4×28 = 1640,
//   1640 mod 31 = 28, 31 − 28 = 3 → '3' ✓.
//
// 12310000425022547M, 上海工程技术大学 (事业单位, published on its payment notices).
//   425022547: 4×3 + 2×7 + 5×9 + 0 + 2×5 + 2×8 + 5×4 + 4×2 = 125, 125 mod 11 = 4 → '7' ✓.
//   1 + 6 + 27 + 27 + 80 + 58 + 125 + 0 + 16 + 48 + 50 + 120 + 196 = 754, 754 mod 31 = 10,
//   31 − 10 = 21 → 'M' ✓.
//
// 12100000470095016Q, 浙江大学 (事业单位 registered centrally: region 100000).
//   470095016: 12 + 49 + 0 + 0 + 45 + 40 + 0 + 2 = 148, 148 mod 11 = 5 → '6' ✓.
//   1 + 6 + 9 + 80 + 203 + 72 + 120 + 30 + 168 = 689, 689 mod 31 = 7, 31 − 7 = 24 → 'Q' ✓.
//
// 12100000425006117P, 复旦大学 (事业单位, region 100000); checked by the code below only.
const STANDARD_EXAMPLE = '91350100M000100Y43';
const PUBLIC_INSTITUTIONS = ['12310000425022547M', '12100000470095016Q', '12100000425006117P'];
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Builds a code from 16 characters by appending both check characters. */
function withCheckChars(first16: string): string {
  const first17 = first16 + organizationCodeCheckChar(first16.slice(8, 16));
  return first17 + usccCheckChar(first17);
}

describe('check characters', () => {
  it('match the hand computations', () => {
    expect(organizationCodeCheckChar('M000100Y')).toBe('4');
    expect(organizationCodeCheckChar('42502254')).toBe('7');
    expect(organizationCodeCheckChar('47009501')).toBe('6');
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    expect(usccCheckChar('12310000425022547')).toBe('M');
    expect(usccCheckChar('12100000470095016')).toBe('Q');
  });

  it('map GB 11714 remainders 10 and 11 to X and 0', () => {
    // 00000006: 6×2 = 12, 12 mod 11 = 1, 11 − 1 = 10 → X. 00000000: 11 − 0 = 11 → 0.
    expect(organizationCodeCheckChar('00000006')).toBe('X');
    expect(organizationCodeCheckChar('00000000')).toBe('0');
  });

  it('map a GB 32100 remainder of 0 to 0', () => {
    // 17 zeros: Σ = 0, 31 − 0 = 31 → 0.
    expect(usccCheckChar('00000000000000000')).toBe('0');
  });
});

describe('checkUscc', () => {
  it('accepts the standard’s example and real public institutions', () => {
    expect(checkUscc(STANDARD_EXAMPLE)).toEqual({ ok: true });
    for (const code of PUBLIC_INSTITUTIONS) expect(checkUscc(code)).toEqual({ ok: true });
  });

  it('tolerates surrounding spaces and lower case', () => {
    expect(normalizeUscc(' 91350100m000100y43 ')).toBe(STANDARD_EXAMPLE);
    expect(checkUscc(' 91350100m000100y43 ')).toEqual({ ok: true });
  });

  it('rejects every single-character change', () => {
    for (const code of [STANDARD_EXAMPLE, ...PUBLIC_INSTITUTIONS]) {
      for (let pos = 0; pos < 18; pos += 1) {
        for (const c of ALPHABET) {
          if (c === code.charAt(pos)) continue;
          const changed = code.slice(0, pos) + c + code.slice(pos + 1);
          expect(checkUscc(changed).ok, changed).toBe(false);
        }
      }
    }
  });

  it('names the expected check characters', () => {
    expect(checkUscc('91350100M000100Y44')).toEqual({
      ok: false,
      reason: '第18位校验码错误，按前17位计算应为 3',
    });
    expect(checkUscc('91350100M000100Y53')).toEqual({
      ok: false,
      reason: '第9-17位组织机构代码校验不通过，第17位按第9-16位计算应为 4',
    });
    // M000200Y: 139 + 1×5 = 144, 144 mod 11 = 1, 11 − 1 = 10 → X.
    expect(checkUscc('91350100M000200Y43')).toEqual({
      ok: false,
      reason: '第9-17位组织机构代码校验不通过，第17位按第9-16位计算应为 X',
    });
  });

  it('rejects wrong lengths', () => {
    expect(checkUscc('')).toEqual({ ok: false, reason: '长度应为18位，实际为0位' });
    expect(checkUscc('91350100M000100Y4')).toEqual({ ok: false, reason: '长度应为18位，实际为17位' });
    // A 15-digit business registration number of before 2015.
    expect(checkUscc('350100100001234')).toEqual({ ok: false, reason: '长度应为18位，实际为15位' });
  });

  it('rejects I, O, Z, S, V and other characters', () => {
    expect(checkUscc('91350100I000100Y43')).toEqual({
      ok: false,
      reason: '第9位“I”不允许：统一社会信用代码不使用 I、O、Z、S、V',
    });
    expect(checkUscc('91350100M000100O43')).toEqual({
      ok: false,
      reason: '第16位“O”不允许：统一社会信用代码不使用 I、O、Z、S、V',
    });
    for (const letter of 'IOZSV') expect(checkUscc(`${letter}1350100M000100Y43`).ok).toBe(false);
    expect(checkUscc('91350100M000-00Y43')).toEqual({ ok: false, reason: '第13位“-”不是数字或大写字母' });
  });

  it('rejects an unknown registration authority', () => {
    expect(checkUscc('B1350100M000100Y43')).toEqual({ ok: false, reason: '第1位登记管理部门代码“B”不存在' });
    expect(checkUscc(withCheckChars('01350100M000100Y'))).toEqual({
      ok: false,
      reason: '第1位登记管理部门代码“0”不存在',
    });
  });

  it('rejects a category its authority does not have', () => {
    expect(checkUscc(withCheckChars('94350100M000100Y'))).toEqual({
      ok: false,
      reason: '第2位机构类别代码“4”不属于登记管理部门“工商”',
    });
    expect(checkUscc(withCheckChars('99350100M000100Y')).ok).toBe(false);
    expect(checkUscc(withCheckChars('Y2350100M000100Y')).ok).toBe(false);
    expect(checkUscc(withCheckChars('14350100M000100Y')).ok).toBe(false);
  });

  it('accepts every category of the table', () => {
    for (const a of USCC_REGISTRATION_AUTHORITIES) {
      for (const c of a.categories) {
        expect(checkUscc(withCheckChars(`${a.code}${c.code}640121M000100Y`))).toEqual({ ok: true });
      }
    }
  });

  it('checks the registration region, tolerating retired counties', () => {
    // 110103 崇文区, merged in 2010, and 640102 银川市城区, abolished in 2002.
    expect(checkUscc(withCheckChars('12110103M000100Y'))).toEqual({ ok: true });
    expect(checkUscc(withCheckChars('12640102M000100Y'))).toEqual({ ok: true });
    expect(checkUscc(withCheckChars('12990100M000100Y'))).toEqual({
      ok: false,
      reason: '第3-8位登记管理机关行政区划码：省级行政区划代码 99 不存在',
    });
    expect(checkUscc(withCheckChars('12647101M000100Y'))).toEqual({
      ok: false,
      reason: '第3-8位登记管理机关行政区划码：行政区划代码 647101 的地级部分 71 不合规',
    });
    expect(checkUscc(withCheckChars('1264012AM000100Y'))).toEqual({
      ok: false,
      reason: '第3-8位登记管理机关行政区划码应为6位数字',
    });
  });
});

describe('registration authority table', () => {
  it('holds the twelve departments of GB 32100 and its amendments', () => {
    expect(USCC_REGISTRATION_AUTHORITIES.map((a) => `${a.code}${a.label}`)).toEqual([
      '1机构编制',
      '2外交',
      '3司法行政',
      '4文化',
      '5民政',
      '6旅游',
      '7宗教',
      '8工会',
      '9工商',
      'A中央军委改革和编制办公室',
      'N农业',
      'Y其他',
    ]);
    const codes = (code: string): string =>
      (USCC_REGISTRATION_AUTHORITIES.find((a) => a.code === code)?.categories ?? [])
        .map((c) => c.code)
        .join('');
    expect(codes('1')).toBe('1239');
    expect(codes('3')).toBe('123459');
    expect(codes('9')).toBe('123');
    expect(codes('N')).toBe('1239');
    expect(codes('Y')).toBe('1');
  });
});

describe('describeUscc', () => {
  it('labels the parts', () => {
    expect(describeUscc('12310000425022547M')).toEqual({
      authority: '机构编制',
      category: '事业单位',
      regionCode: '310000',
      organizationCode: '425022547',
    });
    expect(describeUscc(' 91350100m000100y43')).toEqual({
      authority: '工商',
      category: '企业',
      regionCode: '350100',
      organizationCode: 'M000100Y4',
    });
  });

  it('leaves unknown parts unlabelled and refuses other lengths', () => {
    expect(describeUscc('B4350100M000100Y43')).toMatchObject({ authority: null, category: null });
    expect(describeUscc('94350100M000100Y43')).toMatchObject({ authority: '工商', category: null });
    expect(describeUscc('9135')).toBeNull();
  });
});
