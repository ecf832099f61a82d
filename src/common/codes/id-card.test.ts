import { describe, expect, it } from 'vitest';
import {
  checkIdNumber,
  detectExcelNumberId,
  idNumberBirthDate,
  idNumberCheckChar,
  idNumberGender,
  maskIdNumber,
  normalizeIdNumber,
} from './id-card.ts';

// Check characters below were computed by hand, Σ = Σ digit × weight with the weights
// 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 and the map (Σ mod 11) → 1 0 X 9 8 7 6 5 4 3 2:
// - 11010519491231002X (GB 11643 specimen): Σ = 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167,
//   167 mod 11 = 2 → X.
// - 110103198001010013 (110103 崇文区, retired 2010): Σ = 108, 108 mod 11 = 9 → 3.
// - 640121199001011236 (永宁县, man): Σ = 204, 204 mod 11 = 6 → 6.
// - 640121198512310022 (永宁县, woman): Σ = 241, 241 mod 11 = 10 → 2.
// - 440524188001010014 (born 1880): Σ = 195, 195 mod 11 = 8 → 4.
// - 640121202406160015 (born 2024-06-16): Σ = 227, 227 mod 11 = 7 → 5.
// - 640121199902300019 (19990230): Σ = 245, 245 mod 11 = 3 → 9.
// - 990121199001011236 (province 99): the two changed digits add (9−6)×7 + (9−4)×9 = 66 to
//   the 204 above, Σ = 270, 270 mod 11 = 6 → 6.
// - 640121199001019000: Σ = 182 + 9×8 = 254, 254 mod 11 = 1 → 0 (a real ID ending in 000).
const SPECIMEN = '11010519491231002X';
const TODAY = new Date(2024, 5, 15);

describe('idNumberCheckChar', () => {
  it('matches the hand-computed check characters', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(idNumberCheckChar('11010319800101001')).toBe('3');
    expect(idNumberCheckChar('64012119900101123')).toBe('6');
    expect(idNumberCheckChar('64012119851231002')).toBe('2');
    expect(idNumberCheckChar('44052418800101001')).toBe('4');
    expect(idNumberCheckChar('64012120240616001')).toBe('5');
    expect(idNumberCheckChar('64012119990230001')).toBe('9');
    expect(idNumberCheckChar('99012119900101123')).toBe('6');
    expect(idNumberCheckChar('64012119900101900')).toBe('0');
  });

  it('refuses anything but 17 digits', () => {
    expect(() => idNumberCheckChar('1101051949123100')).toThrow();
    expect(() => idNumberCheckChar('1101051949123100X')).toThrow();
  });
});

describe('checkIdNumber', () => {
  it('accepts the GB 11643 specimen, with upper- or lower-case x and surrounding spaces', () => {
    expect(checkIdNumber(SPECIMEN, TODAY)).toEqual({ ok: true });
    expect(checkIdNumber('11010519491231002x', TODAY)).toEqual({ ok: true });
    expect(checkIdNumber(' 11010519491231002X\t', TODAY)).toEqual({ ok: true });
  });

  it('accepts other valid numbers', () => {
    expect(checkIdNumber('640121199001011236', TODAY)).toEqual({ ok: true });
    expect(checkIdNumber('640121198512310022', TODAY)).toEqual({ ok: true });
    expect(checkIdNumber('640121199001019000', TODAY)).toEqual({ ok: true });
  });

  it('accepts a retired county code: only the province is checked', () => {
    expect(checkIdNumber('110103198001010013', TODAY)).toEqual({ ok: true });
  });

  it('defaults today to the current date', () => {
    expect(checkIdNumber(SPECIMEN)).toEqual({ ok: true });
  });

  it('rejects every single-digit change with the check character the body calls for', () => {
    for (let pos = 0; pos < 17; pos += 1) {
      for (const digit of '0123456789') {
        if (digit === SPECIMEN.charAt(pos)) continue;
        const changed = SPECIMEN.slice(0, pos) + digit + SPECIMEN.slice(pos + 1);
        const expected = idNumberCheckChar(changed.slice(0, 17));
        expect(checkIdNumber(changed, TODAY)).toEqual({ ok: false, reason: `校验码错误，应为 ${expected}` });
      }
    }
  });

  it('rejects a wrong check character and names the right one', () => {
    for (const check of '0123456789') {
      expect(checkIdNumber(`11010519491231002${check}`, TODAY)).toEqual({
        ok: false,
        reason: '校验码错误，应为 X',
      });
    }
    expect(checkIdNumber('640121199001011235', TODAY)).toEqual({ ok: false, reason: '校验码错误，应为 6' });
  });

  it('rejects wrong lengths and characters', () => {
    expect(checkIdNumber('', TODAY)).toEqual({ ok: false, reason: '长度应为18位，实际为0位' });
    // A 15-digit first-generation number.
    expect(checkIdNumber('110105491231002', TODAY)).toEqual({
      ok: false,
      reason: '长度应为18位，实际为15位',
    });
    expect(checkIdNumber('11010519491231002XX', TODAY)).toEqual({
      ok: false,
      reason: '长度应为18位，实际为19位',
    });
    const shape = { ok: false, reason: '前17位应为数字，第18位应为数字或 X' };
    expect(checkIdNumber('1101051949123100XX', TODAY)).toEqual(shape);
    expect(checkIdNumber('11010519491231002Y', TODAY)).toEqual(shape);
    expect(checkIdNumber('11010519491231002 ', TODAY).ok).toBe(false);
    expect(checkIdNumber('１１010519491231002X', TODAY)).toEqual(shape);
  });

  it('accepts the specimen of the standard born in 1880, with a plausibility warning', () => {
    expect(checkIdNumber('440524188001010014', TODAY)).toEqual({
      ok: true,
      warning: '出生于 1880 年，年龄超过 120 岁，请核对',
    });
    // 120 years exactly is still plausible.
    expect(checkIdNumber('11010519491231002X', new Date(2069, 0, 1))).toEqual({ ok: true });
  });

  it('tests leap years by the Gregorian rule, also for years Date.UTC would misread', () => {
    const withDate = (yyyymmdd: string): string => {
      const body = `640121${yyyymmdd}001`;
      return body + idNumberCheckChar(body);
    };
    expect(checkIdNumber(withDate('00040229'), TODAY).ok).toBe(true);
    expect(checkIdNumber(withDate('00050229'), TODAY)).toEqual({
      ok: false,
      reason: '出生日期 00050229 不存在',
    });
    expect(checkIdNumber(withDate('00000101'), TODAY).ok).toBe(false);
  });

  it('rejects birth dates after today and accepts one born today', () => {
    expect(checkIdNumber('640121202406160015', TODAY)).toEqual({ ok: false, reason: '出生日期晚于今天' });
    expect(checkIdNumber('640121202406160015', new Date(2024, 5, 16))).toEqual({ ok: true });
    expect(checkIdNumber('640121202406160015', new Date(2024, 5, 16, 23, 59))).toEqual({ ok: true });
  });

  it('rejects birth dates that do not exist', () => {
    expect(checkIdNumber('640121199902300019', TODAY)).toEqual({
      ok: false,
      reason: '出生日期 19990230 不存在',
    });
    const withDate = (yyyymmdd: string): string => {
      const body = `640121${yyyymmdd}001`;
      return body + idNumberCheckChar(body);
    };
    for (const bad of ['19900001', '19901301', '19900100', '19900431', '19000229', '19990229']) {
      expect(checkIdNumber(withDate(bad), TODAY)).toEqual({ ok: false, reason: `出生日期 ${bad} 不存在` });
    }
    for (const good of ['19000101', '20000229', '19961231', '19900430']) {
      expect(checkIdNumber(withDate(good), TODAY).ok).toBe(true);
    }
  });

  it('rejects an unknown province', () => {
    expect(checkIdNumber('990121199001011236', TODAY)).toEqual({
      ok: false,
      reason: '省级行政区划代码 99 不存在',
    });
  });
});

describe('ID number parts', () => {
  it('normalizes', () => {
    expect(normalizeIdNumber(' 11010519491231002x ')).toBe(SPECIMEN);
  });

  it('reads the birth date', () => {
    expect(idNumberBirthDate(SPECIMEN)).toBe('1949-12-31');
    expect(idNumberBirthDate('11010519491231002x')).toBe('1949-12-31');
    expect(idNumberBirthDate('640121199001011236')).toBe('1990-01-01');
  });

  it('reads the gender from the 17th digit', () => {
    expect(idNumberGender(SPECIMEN)).toBe('女');
    expect(idNumberGender('640121199001011236')).toBe('男');
    expect(idNumberGender('640121198512310022')).toBe('女');
    expect(idNumberGender('110103198001010013')).toBe('男');
  });

  it('refuses to read parts of something that is not an ID number', () => {
    expect(() => idNumberBirthDate('1101051949')).toThrow();
    expect(() => idNumberGender('abc')).toThrow();
  });

  it('masks all but the first and last four characters', () => {
    expect(maskIdNumber('64012119900101123X')).toBe('6401**********123X');
    expect(maskIdNumber('11010519491231002x')).toBe('1101**********002X');
    expect(maskIdNumber('110105491231002')).toBe('110*********002');
    expect(maskIdNumber('1234')).toBe('1**4');
    expect(maskIdNumber('')).toBe('');
  });
});

describe('detectExcelNumberId', () => {
  const reason = '身份证号被 Excel 存成了数字，后几位已丢失精度，请将该列设为文本后重新录入';

  it('flags numbers too large to hold 18 digits', () => {
    // What a cell holding 640121199001011236 as a number gives back.
    expect(detectExcelNumberId(Number('640121199001011236'))).toBe(reason);
    expect(detectExcelNumberId(640121199001011200)).toBe(reason);
    expect(detectExcelNumberId(1e16)).toBe(reason);
  });

  it('flags scientific notation', () => {
    expect(detectExcelNumberId('6.40121199001011E+17')).toBe(reason);
    expect(detectExcelNumberId(' 6.40121E+17 ')).toBe(reason);
    expect(detectExcelNumberId('6.40121199001011e+17')).toBe(reason);
  });

  it('flags 18 digits ending in 000 whose check character fails', () => {
    // 64012119900101100 calls for check character 9 (Σ = 190, 190 mod 11 = 3).
    expect(detectExcelNumberId('640121199001011000')).toBe(reason);
  });

  it('leaves valid numbers and unrelated values alone', () => {
    expect(detectExcelNumberId('640121199001011236')).toBeNull();
    expect(detectExcelNumberId('640121199001019000')).toBeNull();
    expect(detectExcelNumberId(SPECIMEN)).toBeNull();
    expect(detectExcelNumberId('1.5E+3')).toBeNull();
    expect(detectExcelNumberId(12345)).toBeNull();
    expect(detectExcelNumberId(Number.NaN)).toBeNull();
    expect(detectExcelNumberId(null)).toBeNull();
    expect(detectExcelNumberId(undefined)).toBeNull();
    expect(detectExcelNumberId({})).toBeNull();
  });
});
