// What an import will write, gathered while its rows are checked and applied afterwards in one
// short transaction. Checking a province workbook takes minutes; holding the write lock that
// long (SQLite) or the audit chain's lock (PostgreSQL) locked every other user out, so the
// checking phase only reads, and records its writes here:
// - the few rows of the small sheets (地区, 机构, 编制, 领导职数, 人口, 学生数) as steps kept in
//   memory;
// - the people, which may be a million, as batches appended to a staging file in the import's
//   work folder (hashed and encrypted 身份证号 only, never the clear number), read back one
//   batch at a time when applied. Corrections of known people are such batches of the final
//   transaction.
// - New people are `sliced` batches: handed to the import's slice writer as the check stages
//   them (apply-slices.ts), which writes them in short slices, invisible until the final
//   transaction publishes them; they are never kept in a file.
// A row created by the import has no id until it is applied: it gets a placeholder (a negative
// number) that `Ids.resolve` turns into the real id inside the apply transaction.
import { closeSync, createReadStream, openSync, rmSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { AuditEventInput } from '../../audit/events.ts';
import type { Executor } from '../../db/repositories/executor.ts';

export class Ids {
  private readonly real = new Map<number, number>();

  bind(placeholder: number, id: number): void {
    this.real.set(placeholder, id);
  }

  resolve(id: number): number {
    if (id >= 0) return id;
    const real = this.real.get(id);
    if (real === undefined) throw new Error(`导入内部错误：占位编号 ${id} 尚未写入`);
    return real;
  }

  resolveOrNull(id: number | null): number | null {
    return id === null ? null : this.resolve(id);
  }
}

/**
 * Audit events of the applied steps, written to the chain in order, many at a time (one read of
 * the chain's head and one insert per thousand events instead of per event).
 */
export interface AuditSink {
  add(event: AuditEventInput): void;
}

export type Step = (trx: Executor, ids: Ids, audit: AuditSink) => Promise<void>;

type ApplyBatch<B> = (trx: Executor, ids: Ids, batch: B, audit: AuditSink) => Promise<void>;

/** Writes one batch in a slice of import `importId` (rows invisible until the import is published). */
export type SliceWrite<B> = (trx: Executor, importId: number, batch: B, audit: AuditSink) => Promise<void>;

export interface SlicedBatch {
  data: unknown;
  write: SliceWrite<unknown>;
}

const AUDIT_FLUSH = 1000;

type Entry = { kind: 'step'; step: Step } | { kind: 'batches'; count: number; apply: ApplyBatch<unknown> };

/** Writes gathered by the checking phase, applied in order by `apply`. */
export class StagedWrites {
  private readonly entries: Entry[] = [];
  private nextPlaceholder = -1;
  private fd: number | null = null;
  /** Where sliced batches go (none: a dry run, they are dropped). */
  private slicer: ((batch: SlicedBatch) => Promise<void>) | null = null;
  /** Batches handed to the slice writer. */
  slicedCount = 0;

  /** `file`: where large batches are kept until applied (deleted by `discard`). */
  constructor(private readonly file: string) {}

  /** Sends the sliced batches to `slicer` as they are staged. */
  sliceInto(slicer: ((batch: SlicedBatch) => Promise<void>) | null): void {
    this.slicer = slicer;
  }

  /** A placeholder id for a row this import will create. */
  placeholder(): number {
    return this.nextPlaceholder--;
  }

  step(step: Step): void {
    this.entries.push({ kind: 'step', step });
  }

  /** Appends a batch to the staging file; `apply` reads it back in its turn. */
  batch<B>(data: B, applyBatch: ApplyBatch<B>): void {
    const apply = applyBatch as ApplyBatch<unknown>;
    this.fd ??= openSync(this.file, 'w', 0o600);
    writeSync(this.fd, `${JSON.stringify(data)}\n`);
    // Consecutive batches share one entry: their order in the file is their order of application.
    const last = this.entries[this.entries.length - 1];
    if (last?.kind === 'batches' && last.apply === apply) last.count += 1;
    else this.entries.push({ kind: 'batches', count: 1, apply });
  }

  /**
   * Hands a batch written ahead of the final transaction, in a slice, to the slice writer
   * (apply-slices.ts), which may write a slice before this returns.
   */
  async sliced<B>(data: B, write: SliceWrite<B>): Promise<void> {
    this.slicedCount += 1;
    await this.slicer?.({ data, write: write as SliceWrite<unknown> });
  }

  /** Steps and batches to apply. */
  get size(): number {
    return this.entries.reduce((n, e) => n + (e.kind === 'step' ? 1 : e.count), 0);
  }

  /** How many steps and batches are staged so far: `applier(…).upTo(mark)` applies just those. */
  mark(): number {
    return this.entries.length;
  }

  /**
   * Applies the staged writes in order inside one transaction, in two parts if wanted: `upTo(mark)`
   * while the check is still staging (steps only — the batches' file is still being written), then
   * `rest()` once it is over. Placeholders bound in the first part resolve in the second.
   */
  applier(
    trx: Executor,
    record: (events: AuditEventInput[]) => Promise<void>,
    onProgress: () => void = () => undefined,
  ): { upTo: (mark: number) => Promise<void>; rest: () => Promise<void> } {
    const ids = new Ids();
    let events: AuditEventInput[] = [];
    const audit: AuditSink = { add: (e) => events.push(e) };
    const flush = async (atLeast: number): Promise<void> => {
      if (events.length === 0 || events.length < atLeast) return;
      const written = events;
      events = [];
      await record(written);
    };
    let next = 0;
    const upTo = async (mark: number): Promise<void> => {
      for (; next < mark; next += 1) {
        const entry = this.entries[next];
        if (entry?.kind !== 'step') throw new Error('导入内部错误：校验期间只能先写入各表的步骤');
        await entry.step(trx, ids, audit);
        await flush(AUDIT_FLUSH);
        onProgress();
      }
      await flush(1);
    };
    const rest = async (): Promise<void> => {
      this.close();
      // The batches before `next` were applied by `upTo` (none: it applies steps only).
      const lines = this.entries.slice(next).some((e) => e.kind === 'batches')
        ? createInterface({ input: createReadStream(this.file), crlfDelay: Infinity })[Symbol.asyncIterator]()
        : null;
      try {
        for (; next < this.entries.length; next += 1) {
          const entry = this.entries[next];
          if (entry === undefined) break;
          if (entry.kind === 'step') {
            await entry.step(trx, ids, audit);
            await flush(AUDIT_FLUSH);
            onProgress();
            continue;
          }
          for (let i = 0; i < entry.count; i += 1) {
            const line = await lines?.next();
            if (!line || line.done === true) throw new Error('导入内部错误：暂存文件不完整');
            await entry.apply(trx, ids, JSON.parse(line.value) as unknown, audit);
            await flush(AUDIT_FLUSH);
            onProgress();
          }
        }
        await flush(1);
      } finally {
        await lines?.return?.();
      }
    };
    return { upTo, rest };
  }

  /** Removes the staging files. */
  discard(): void {
    this.close();
    rmSync(this.file, { force: true });
  }

  private close(): void {
    if (this.fd !== null) {
      closeSync(this.fd);
      this.fd = null;
    }
  }
}
