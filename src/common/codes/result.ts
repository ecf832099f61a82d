// Outcome of checking a code (身份证号, 统一社会信用代码, 行政区划代码). The reason is a short
// Chinese sentence shown to users as is, e.g. in import errors `表名 第N行 列名: 原因`.
export type CheckResult = { ok: true } | { ok: false; reason: string };

export const OK: CheckResult = Object.freeze({ ok: true });

export function fail(reason: string): CheckResult {
  return { ok: false, reason };
}
