// Appends a signed checkpoint of the committed chain head to the checkpoint file(s) after every
// write that added events, at start-up and on demand. It reads the head as committed (under the
// chain lock), so a rolled-back write never produces a checkpoint; a crash between a commit and
// its checkpoint only leaves the checkpoint behind the chain, which verifies.
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/connect.ts';
import { chainHead, lockChain } from '../db/repositories/audit.ts';
import type { AuditKeyring } from '../security/audit-keys.ts';
import { GENESIS_HASH } from './chain.ts';
import { formatCheckpoint, signCheckpoint, type Checkpoint } from './checkpoint.ts';

export class CheckpointLog {
  private lastWritten: string | null = null;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly db: Db,
    private readonly keyring: AuditKeyring,
    /** The file beside the audit key, then any external sinks the office configured. */
    readonly files: string[],
    private readonly warn: (message: string) => void = (m) => console.error(m),
  ) {}

  /** Asks for a checkpoint once the current transaction has ended; many asks make one write. */
  request(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.flushQuietly())
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.request();
        }
      });
  }

  /** Waits until every requested checkpoint is written (before closing the database). */
  async settle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Signs the committed head and appends it to every checkpoint file (unless already written). */
  async flush(): Promise<Checkpoint> {
    const head = await this.db.kysely.transaction().execute(async (trx) => {
      await lockChain(trx, this.db.dialect);
      return chainHead(trx);
    });
    const checkpoint = this.sign(head?.id ?? 0, head?.hash ?? GENESIS_HASH);
    const key = `${checkpoint.count}:${checkpoint.head}`;
    if (key !== this.lastWritten) {
      this.append(checkpoint);
      this.lastWritten = key;
    }
    return checkpoint;
  }

  sign(count: number, head: string): Checkpoint {
    return signCheckpoint(this.keyring, { db: this.db.identity, count, head, at: new Date().toISOString() });
  }

  append(checkpoint: Checkpoint): void {
    const line = `${formatCheckpoint(checkpoint)}\n`;
    for (const file of this.files) {
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      fs.appendFileSync(file, line, { mode: 0o600 });
    }
  }

  /** Every line of every checkpoint file that exists (all are checked, not only the last). */
  readLines(): { lines: string[]; missing: string[] } {
    const lines: string[] = [];
    const missing: string[] = [];
    for (const file of this.files) {
      if (!fs.existsSync(file)) {
        missing.push(file);
        continue;
      }
      lines.push(...fs.readFileSync(file, 'utf8').split('\n'));
    }
    return { lines, missing };
  }

  private async flushQuietly(): Promise<void> {
    try {
      await this.flush();
    } catch (e) {
      this.warn(`⚠ 审计检查点写入失败：${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
