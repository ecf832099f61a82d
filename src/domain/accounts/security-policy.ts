// The deployment's account security policy (等保三级): its defaults, how stored values are
// read. Who may read or set it is in the permission table (permissions.ts). The rules that use it live in passwords.ts and totp.ts.
import type { Role } from '../../common/labels.ts';
import { SecurityPolicy } from '../../common/wire-security.ts';

export type { SecurityPolicy };

export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  passwordMinLength: 12,
  passwordMinClasses: 3,
  passwordHistory: 5,
  passwordExpiryDays: 90,
  totpRequired: false,
};

/** The roles that must use TOTP when the policy requires it: the administrators. */
export const TOTP_REQUIRED_ROLES: readonly Role[] = ['admin', 'sysadmin', 'secadmin', 'auditor'];

const KEYS = Object.keys(DEFAULT_SECURITY_POLICY) as (keyof SecurityPolicy)[];

/** The policy from stored text values; a missing or unreadable value keeps its default. */
export function policyFromValues(values: ReadonlyMap<string, string>): SecurityPolicy {
  const merged: Record<string, unknown> = { ...DEFAULT_SECURITY_POLICY };
  for (const key of KEYS) {
    const text = values.get(key);
    if (text === undefined) continue;
    merged[key] = typeof DEFAULT_SECURITY_POLICY[key] === 'boolean' ? text === 'true' : Number(text);
  }
  const parsed = SecurityPolicy.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_SECURITY_POLICY;
}

export function policyToValues(policy: SecurityPolicy): [keyof SecurityPolicy, string][] {
  return KEYS.map((key) => [key, String(policy[key])]);
}

export function totpRequiredFor(policy: SecurityPolicy, role: Role): boolean {
  return policy.totpRequired && TOTP_REQUIRED_ROLES.includes(role);
}

/** Whether a password set at `changedAt` has expired by `now` (never, when expiry is 0). */
export function passwordExpired(policy: SecurityPolicy, changedAt: string | null, now: number): boolean {
  if (policy.passwordExpiryDays === 0 || changedAt === null) return false;
  return now - Date.parse(changedAt) > policy.passwordExpiryDays * 86_400_000;
}
