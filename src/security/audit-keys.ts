// The audit key ring: the HMAC-SM3 keys of the audit hash chain and of its checkpoints, kept
// apart from the master key that encrypts 身份证号 (BIANZHI_AUDIT_KEY_FILE, not BIANZHI_KEY_FILE).
// Each key is in force from one event number on, so that a rotation starts a new key without
// rewriting history: events before the boundary keep verifying under the key they were written with.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface AuditKeyEpoch {
  /** The first event number this key signs. */
  fromEventId: number;
  key: Buffer;
}

const HEADER =
  '# 编制 · 审计密钥（HMAC-SM3）。每行：起始事件号 空格 64 位十六进制密钥。\n' +
  '# 请与主密钥分开保存并备份；权限 0600，属主为运行服务的用户。\n';

export class AuditKeyring {
  readonly epochs: readonly AuditKeyEpoch[];

  constructor(epochs: AuditKeyEpoch[]) {
    const sorted = [...epochs].sort((a, b) => a.fromEventId - b.fromEventId);
    if (sorted[0]?.fromEventId !== 1) throw new Error('审计密钥文件应从第 1 号事件开始');
    for (let i = 1; i < sorted.length; i += 1) {
      if (sorted[i]?.fromEventId === sorted[i - 1]?.fromEventId)
        throw new Error('审计密钥文件的起始事件号重复');
    }
    for (const e of sorted) if (e.key.length !== 32) throw new Error('审计密钥应为 32 字节');
    this.epochs = sorted;
  }

  /** The key that signs event `eventId` (and a checkpoint at that position; 0 means the first key). */
  keyFor(eventId: number): Buffer {
    let key = this.epochs[0]?.key;
    for (const e of this.epochs) if (e.fromEventId <= Math.max(eventId, 1)) key = e.key;
    if (!key) throw new Error('审计密钥为空');
    return key;
  }

  /** A new ring whose newest key signs from `fromEventId` on. */
  withNewKey(fromEventId: number, key: Buffer = crypto.randomBytes(32)): AuditKeyring {
    const last = this.epochs[this.epochs.length - 1];
    if (last && fromEventId <= last.fromEventId) throw new Error('新审计密钥的起始事件号应大于现有密钥');
    return new AuditKeyring([...this.epochs, { fromEventId, key }]);
  }

  serialize(): string {
    return HEADER + this.epochs.map((e) => `${e.fromEventId} ${e.key.toString('hex')}\n`).join('');
  }

  static parse(text: string, file: string): AuditKeyring {
    const epochs: AuditKeyEpoch[] = [];
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      const m = /^(?:(\d+)\s+)?([0-9a-fA-F]{64})$/.exec(line);
      if (!m?.[2]) throw new Error(`审计密钥文件 ${file} 格式不正确（每行：起始事件号 64 位十六进制密钥）`);
      epochs.push({ fromEventId: m[1] ? Number(m[1]) : 1, key: Buffer.from(m[2], 'hex') });
    }
    if (epochs.length === 0) throw new Error(`审计密钥文件 ${file} 中没有密钥`);
    return new AuditKeyring(epochs);
  }

  static single(key: Buffer): AuditKeyring {
    return new AuditKeyring([{ fromEventId: 1, key }]);
  }
}

/** The audit key of installations before the key files were separated: derived from the master key. */
export function legacyAuditKey(masterHex: string): Buffer {
  return crypto
    .createHmac('sm3', Buffer.from(masterHex, 'hex'))
    .update('bianzhi:audit-chain')
    .digest()
    .subarray(0, 32);
}

/** Writes a key or checkpoint file readable by its owner only, never leaving a half-written file. */
export function writePrivateFile(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text, { mode: 0o600, flag: 'wx' });
  fs.renameSync(tmp, file);
}

export interface LoadAuditKeysResult {
  keyring: AuditKeyring;
  /** A message for the operator when the file was created now (back it up) or migrated. */
  notice: string | null;
}

/**
 * Reads the audit key file, or creates it: with a new random key when the audit log is empty,
 * or — for a database whose chain was signed before the keys were separated — with the key
 * derived from the master key, so that the existing chain keeps verifying.
 */
export function loadOrCreateAuditKeys(opts: {
  file: string;
  chainLength: number;
  masterHex: string;
}): LoadAuditKeysResult {
  if (fs.existsSync(opts.file)) {
    return { keyring: AuditKeyring.parse(fs.readFileSync(opts.file, 'utf8'), opts.file), notice: null };
  }
  if (opts.chainLength === 0) {
    const keyring = AuditKeyring.single(crypto.randomBytes(32));
    writePrivateFile(opts.file, keyring.serialize());
    return {
      keyring,
      notice: `已生成新的审计密钥 ${opts.file}。请与主密钥分开备份：丢失后审计链无法校验。`,
    };
  }
  const keyring = AuditKeyring.single(legacyAuditKey(opts.masterHex));
  writePrivateFile(opts.file, keyring.serialize());
  return {
    keyring,
    notice:
      `现有审计链（${opts.chainLength} 条事件）由主密钥派生的密钥签名，该密钥已写入独立的审计密钥文件 ${opts.file}。` +
      '请运行 bianzhi keys rotate-audit，使此后的事件改用与主密钥无关的新密钥。',
  };
}
