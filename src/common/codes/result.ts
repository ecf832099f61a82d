// Outcome of checking a code (身份证号, 统一社会信用代码, 行政区划代码). The reason is a short
// Chinese sentence shown to users as is, e.g. in import errors `表名 第N行 列名: 原因`.
// A valid code may carry a warning: something the standard allows but a person should look at
// (e.g. a birth date 146 years ago), shown beside the value and never refusing it.
export type CheckResult = { ok: true; warning?: string } | { ok: false; reason: string };

export const OK: CheckResult = Object.freeze({ ok: true });

export function fail(reason: string): CheckResult {
  return { ok: false, reason };
}

export function okWithWarning(warning: string): CheckResult {
  return { ok: true, warning };
}
