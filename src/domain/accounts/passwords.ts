// Passwords: argon2id hashes; one-time passwords are random and readable aloud; the policy's
// rules (length, character classes, not the username) checked here, the history by the caller.
import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { SecurityPolicy } from './security-policy.ts';

const ARGON2ID = 2;

export async function hashPassword(plain: string): Promise<string> {
  return hash(plain, { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

export async function verifyPassword(hashed: string, plain: string): Promise<boolean> {
  try {
    return await verify(hashed, plain);
  } catch {
    return false;
  }
}

const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const ALPHABET = LOWER + UPPER + DIGITS;

/** Random, without look-alike characters, and always holding a lower, an upper and a digit. */
export function oneTimePassword(length = 16): string {
  for (;;) {
    let out = '';
    for (const b of crypto.randomBytes(length)) out += ALPHABET[b % ALPHABET.length];
    if (/[a-z]/.test(out) && /[A-Z]/.test(out) && /\d/.test(out)) return out;
  }
}

const CLASSES = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/];

/** The first rule of the policy a new password breaks, in words for the user; null when none. */
export function passwordProblem(policy: SecurityPolicy, plain: string, username: string): string | null {
  if ([...plain].length < policy.passwordMinLength) return `密码至少${policy.passwordMinLength}位`;
  const classes = CLASSES.filter((r) => r.test(plain)).length;
  if (classes < policy.passwordMinClasses) {
    return `密码应至少包含小写字母、大写字母、数字、符号中的${policy.passwordMinClasses}类`;
  }
  if (username && plain.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  return null;
}

/** The policy in one sentence, for the change-password form. */
export function describePasswordPolicy(policy: SecurityPolicy): string {
  const parts = [
    `至少${policy.passwordMinLength}位`,
    `包含小写字母、大写字母、数字、符号中的至少${policy.passwordMinClasses}类`,
    '不含用户名',
  ];
  if (policy.passwordHistory > 0) parts.push(`不能与最近${policy.passwordHistory}次使用过的密码相同`);
  if (policy.passwordExpiryDays > 0) parts.push(`每${policy.passwordExpiryDays}天须更换`);
  return `密码须${parts.join('，')}。`;
}
