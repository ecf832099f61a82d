// Passwords: argon2id hashes; one-time passwords are random and readable aloud.
import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

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

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

export function oneTimePassword(length = 14): string {
  const bytes = crypto.randomBytes(length);
  let out = '';
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return out;
}

/** Rejects passwords a clerk might choose that are trivially guessed. */
export function passwordProblem(plain: string, username: string): string | null {
  if (plain.length < 10) return '密码至少10位';
  if (plain.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(plain)).length;
  if (classes < 2) return '密码应至少包含字母、数字、符号中的两类';
  return null;
}
