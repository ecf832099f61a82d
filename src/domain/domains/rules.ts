// 中文域名 naming rules (practice.md): .政务 for Party, congress, government, CPPCC, courts,
// procuratorates and bodies with administrative functions; .公益 for other institutions. The
// name is the unit's full name or standard short name, prefixed by the region's name where the
// same name exists elsewhere.
import type { DomainSuffix } from '../../common/registration.ts';

export function requiredSuffix(unit: { category: string; administrativeFunctions: boolean }): DomainSuffix {
  if (unit.category !== '事业单位') return '.政务';
  return unit.administrativeFunctions ? '.政务' : '.公益';
}

export function splitDomain(name: string): { label: string; suffix: string } | null {
  const m = /^(.+)(\.政务|\.公益)$/.exec(name.trim());
  return m ? { label: m[1] ?? '', suffix: m[2] ?? '' } : null;
}

/** Problems with a proposed name for the unit (empty when it follows the rules). */
export function checkDomainName(
  name: string,
  unit: {
    name: string;
    shortName: string | null;
    category: string;
    administrativeFunctions: boolean;
    regionNames: readonly string[];
  },
): string[] {
  const parts = splitDomain(name);
  if (!parts) return ['域名应以 .政务 或 .公益 结尾'];
  const problems: string[] = [];
  const want = requiredSuffix(unit);
  if (parts.suffix !== want) {
    problems.push(
      want === '.政务'
        ? `${unit.category === '事业单位' ? '承担行政职能的事业单位' : '党政机关'}应使用 .政务`
        : '不承担行政职能的事业单位应使用 .公益',
    );
  }
  const names = [unit.name, unit.shortName].filter((n): n is string => !!n);
  const allowed = new Set<string>(names);
  for (const region of unit.regionNames)
    for (const n of names) if (!n.startsWith(region)) allowed.add(region + n);
  if (!allowed.has(parts.label))
    problems.push(`名称应为单位全称或规范简称（可加地区前缀）：${[...allowed].join('、')}`);
  return problems;
}

/** Whether a domain must be renewed by `dueBy` (today + N days; an expired one is due too). */
export function renewalDue(expiresOn: string, dueBy: string): boolean {
  return expiresOn <= dueBy;
}
