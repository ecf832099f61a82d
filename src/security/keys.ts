// The deployment's master key and the field-encryption subkeys derived from it. The key never
// lives in git: it comes from BIANZHI_KEY, or from a key file (generated on first start, with a
// warning). The audit chain has keys of its own (audit-keys.ts).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface Keys {
  /** SM4 key for 身份证号 ciphertexts. */
  encryption: Buffer;
  /** HMAC-SM3 key authenticating those ciphertexts. */
  mac: Buffer;
  /** HMAC-SM3 key of the searchable hash of 身份证号. */
  index: Buffer;
  /** The master key in hex, for handing to worker threads. */
  masterHex: string;
}

function derive(master: Buffer, label: string, length: number): Buffer {
  return crypto.createHmac('sm3', master).update(`bianzhi:${label}`).digest().subarray(0, length);
}

export function keysFromHex(masterHex: string): Keys {
  const master = Buffer.from(masterHex, 'hex');
  if (master.length !== 32) throw new Error('主密钥应为 32 字节（64 位十六进制）');
  return {
    encryption: derive(master, 'sm4-field', 16),
    mac: derive(master, 'field-mac', 32),
    index: derive(master, 'id-index', 32),
    masterHex,
  };
}

export interface LoadKeysResult {
  keys: Keys;
  /** Set when a new key file was written: the operator must back it up. */
  generatedAt: string | null;
}

export function loadOrCreateKeys(opts: { keyHex: string | undefined; keyFile: string }): LoadKeysResult {
  if (opts.keyHex) return { keys: keysFromHex(opts.keyHex), generatedAt: null };
  if (fs.existsSync(opts.keyFile)) {
    const hex = fs.readFileSync(opts.keyFile, 'utf8').trim();
    if (!/^[0-9a-fA-F]{64}$/.test(hex))
      throw new Error(`密钥文件 ${opts.keyFile} 格式不正确（应为 64 位十六进制）`);
    return { keys: keysFromHex(hex), generatedAt: null };
  }
  fs.mkdirSync(path.dirname(opts.keyFile), { recursive: true, mode: 0o700 });
  const hex = crypto.randomBytes(32).toString('hex');
  fs.writeFileSync(opts.keyFile, `${hex}\n`, { mode: 0o600, flag: 'wx' });
  return { keys: keysFromHex(hex), generatedAt: opts.keyFile };
}

export const KEY_BACKUP_WARNING = (file: string): string =>
  `已生成新的主密钥 ${file}。请立即备份该文件：丢失后已加密的身份证号将无法解密。`;
