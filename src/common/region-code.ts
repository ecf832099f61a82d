// Regions by GB/T 2260 code: a region reaches the regions below it. The data scope built on
// this is decided by authorize() (src/domain/accounts/authorize.ts) from the permission table;
// the web uses the same test to hide what lies outside the user's own region (e.g. on a unit
// page a 交叉互评 evaluator of another county opens).

/** The GB/T 2260 prefix shared by a region and everything below it. */
export function regionPrefix(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

export function regionWithin(code: string, ancestorOrSelf: string): boolean {
  return code.startsWith(regionPrefix(ancestorOrSelf));
}
