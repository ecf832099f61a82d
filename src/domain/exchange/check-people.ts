// The 人员 sheet's checks that need no database: each row parsed and checked (parse-row.ts), its
// 身份证号 normalised, hashed (HMAC-SM3), encrypted (SM4), masked, and found again if an earlier
// row had it. This is most of a large import's CPU, so a sheet of PEOPLE_WORKER_ROWS rows or more
// is checked in a worker thread (people-worker.ts) that reads the file itself and hands over
// batches of checked rows, while this thread does the look-ups and writes; smaller sheets, and
// mapped workbooks (their look-ups read the database), are checked here. Both go through the same
// PersonChecker, so they report the same errors for the same rows, in the same order.
import { Worker } from 'node:worker_threads';
import type { PersonRow, RowError } from '../../common/exchange.ts';
import { idNumberBirthDate, idNumberGender, maskIdNumber } from '../../common/codes/id-card.ts';
import { FieldSealer } from '../../security/field-crypto.ts';
import type { Keys } from '../../security/keys.ts';
import { workerEntry } from '../../worker-entry.ts';
import { DigestSet } from './digest-set.ts';
import { parseRow } from './parse-row.ts';
import type { CellValue, RawRow, SheetSource, SourceHandle } from './sources.ts';

/** At or above this many rows the sheet is checked in a worker thread (starting one costs ~0.1 s). */
export const PEOPLE_WORKER_ROWS = 20_000;
/** Rows per batch handed over. */
export const CHECKED_BATCH_ROWS = 1000;
/**
 * Batches the worker may be ahead of the consumer: bounds the memory between the threads (~10 MB),
 * and lets the worker go on while this thread writes a slice.
 */
const BATCHES_AHEAD = 16;

/** A person's 身份证号 as stored: never the clear number. */
export interface CheckedIdentity {
  hash: string;
  cipher: string;
  masked: string;
  gender: string;
  birthDate: string;
}

/** One data row of the 人员 sheet after the checks that need no database. */
export interface CheckedPerson {
  rowNumber: number;
  errors: readonly RowError[];
  warnings: readonly RowError[];
  /** The typed row without its 身份证号 (see `identity`); null when the row has an error. */
  row: Omit<PersonRow, 'idNumber'> | null;
  /** A rejected row's unit reference cells, so that a wrong unit is still reported. */
  rejected: RawRow | null;
  /** The row number of an earlier row with the same 身份证号. */
  duplicateOf: number | null;
  /** Set when the row parsed and is no duplicate. */
  identity: CheckedIdentity | null;
}

/**
 * Checks rows one after another, a batch at a time; remembers each 身份证号 (by its keyed hash) to
 * find repeats. The 身份证号 of a batch are encrypted together at its end (FieldSealer).
 */
export class PersonChecker {
  private readonly seen = new DigestSet();
  private readonly sealer: FieldSealer;

  constructor(keys: Keys) {
    this.sealer = new FieldSealer(keys);
  }

  checkBatch(raws: readonly RawRow[]): CheckedPerson[] {
    const checked: CheckedPerson[] = [];
    const sealed: CheckedIdentity[] = [];
    const clear: string[] = [];
    for (const raw of raws) {
      const c = this.check(raw);
      checked.push(c);
      if (c.identity !== null) {
        sealed.push(c.identity);
        clear.push(c.identity.cipher);
      }
    }
    const ciphers = this.sealer.encryptAll(clear);
    sealed.forEach((identity, i) => (identity.cipher = ciphers[i] ?? ''));
    return checked;
  }

  /** One row; its identity's `cipher` still holds the clear 身份证号 (checkBatch encrypts it). */
  private check(raw: RawRow): CheckedPerson {
    const parsed = parseRow('人员', raw);
    const { rowNumber } = raw;
    const { errors, warnings } = parsed;
    const row = parsed.row;
    if (!row) {
      return {
        rowNumber,
        errors,
        warnings,
        row: null,
        rejected: unitCells(raw),
        duplicateOf: null,
        identity: null,
      };
    }
    // The row without its 身份证号, built field by field (an object rest copies far slower).
    const rest: Omit<PersonRow, 'idNumber'> = {
      name: row.name,
      regionCode: row.regionCode,
      unitCode: row.unitCode,
      quotaType: row.quotaType,
      status: row.status,
      channel: row.channel,
      leadershipLevel: row.leadershipLevel,
      enteredOn: row.enteredOn,
      leftOn: row.leftOn,
    };
    // parseRow gives the 身份证号 normalised (trimmed, upper-case check character).
    const idNumber = row.idNumber;
    const digest = this.sealer.blindIndexBytes(idNumber);
    const first = this.seen.get(digest);
    if (first !== undefined)
      return { rowNumber, errors, warnings, row: rest, rejected: null, duplicateOf: first, identity: null };
    this.seen.add(digest, rowNumber);
    const hash = digest.toString('hex');
    return {
      rowNumber,
      errors,
      warnings,
      row: rest,
      rejected: null,
      duplicateOf: null,
      identity: {
        hash,
        cipher: idNumber,
        masked: maskIdNumber(idNumber),
        gender: idNumberGender(idNumber),
        birthDate: idNumberBirthDate(idNumber),
      },
    };
  }
}

/**
 * The cells checkUnitOfRejectedRow reads, as plain JSON (a date cell reads as empty there, so it
 * is sent as empty).
 */
function unitCells(raw: RawRow): RawRow {
  const plain = (v: CellValue | undefined): CellValue => (v === undefined || v instanceof Date ? null : v);
  return {
    rowNumber: raw.rowNumber,
    cells: { 行政区划代码: plain(raw.cells['行政区划代码']), 机构编码: plain(raw.cells['机构编码']) },
  };
}

/** A clean row (parsed, no warning, no repeat) as one run of values; any other row as an object. */
type Plain = string | number | null;
const PLAIN_WIDTH = 15;

/**
 * A batch as JSON text for the other thread: the clean rows' values in one flat array (a fifth of
 * the time JSON.parse takes over as many objects), the others beside them with their places.
 */
export function encodeBatch(batch: readonly CheckedPerson[]): string {
  const plain: Plain[] = [];
  const others: [number, CheckedPerson][] = [];
  batch.forEach((c, i) => {
    const { row, identity } = c;
    if (row === null || identity === null || c.errors.length > 0 || c.warnings.length > 0) {
      others.push([i, c]);
      return;
    }
    plain.push(
      c.rowNumber,
      row.name,
      row.regionCode,
      row.unitCode,
      row.quotaType,
      row.status,
      row.channel,
      row.leadershipLevel,
      row.enteredOn,
      row.leftOn,
      identity.hash,
      identity.cipher,
      identity.masked,
      identity.gender,
      identity.birthDate,
    );
  });
  return JSON.stringify({ size: batch.length, plain, others });
}

/** The errors and warnings of a row without any: one shared, frozen list instead of two per row. */
const NONE: readonly RowError[] = Object.freeze([]);

export function decodeBatch(text: string): CheckedPerson[] {
  const { size, plain, others } = JSON.parse(text) as {
    size: number;
    plain: Plain[];
    others: [number, CheckedPerson][];
  };
  const batch: CheckedPerson[] = [];
  const str = (i: number): string => String(plain[i]);
  const opt = (i: number): string | null => {
    const v = plain[i];
    return v === null || v === undefined ? null : String(v);
  };
  let next = 0;
  let other = 0;
  for (let i = 0; i < size; i += 1) {
    const o = others[other];
    if (o !== undefined && o[0] === i) {
      batch.push(o[1]);
      other += 1;
      continue;
    }
    const at = next;
    next += PLAIN_WIDTH;
    batch.push({
      rowNumber: Number(plain[at]),
      errors: NONE,
      warnings: NONE,
      // Values of a row that parsed in the other thread: their types were checked there.
      row: {
        name: str(at + 1),
        regionCode: str(at + 2),
        unitCode: str(at + 3),
        quotaType: str(at + 4) as PersonRow['quotaType'],
        status: str(at + 5) as PersonRow['status'],
        channel: opt(at + 6) as PersonRow['channel'],
        leadershipLevel: str(at + 7) as PersonRow['leadershipLevel'],
        enteredOn: opt(at + 8),
        leftOn: opt(at + 9),
      },
      rejected: null,
      duplicateOf: null,
      identity: {
        hash: str(at + 10),
        cipher: str(at + 11),
        masked: str(at + 12),
        gender: str(at + 13),
        birthDate: str(at + 14),
      },
    });
  }
  return batch;
}

/** Where the 人员 rows are checked: `true` a worker thread, `false` this one, undefined by size. */
export type PeopleWorkerChoice = boolean | undefined;

/** The sheet's rows, checked, in file order and in batches. */
export async function* checkedPeople(
  source: SheetSource,
  keys: Keys,
  choice: PeopleWorkerChoice,
): AsyncGenerator<CheckedPerson[]> {
  const useWorker = source.handle !== null && (choice ?? (await source.estimateRows()) >= PEOPLE_WORKER_ROWS);
  if (useWorker && source.handle !== null) {
    yield* workerBatches(source.handle, keys);
    return;
  }
  const checker = new PersonChecker(keys);
  let batch: RawRow[] = [];
  for await (const raw of source.rows()) {
    batch.push(raw);
    if (batch.length >= CHECKED_BATCH_ROWS) {
      yield checker.checkBatch(batch);
      batch = [];
    }
  }
  if (batch.length > 0) yield checker.checkBatch(batch);
}

export interface PeopleWorkerData {
  /** The master key (as the import worker receives it): the worker derives the same subkeys. */
  keyHex: string;
  handle: SourceHandle;
  batchRows: number;
}

/** Worker → this thread. This thread → worker: a number, the batches it may send more. */
export type PeopleWorkerMessage =
  { kind: 'batch'; json: string } | { kind: 'end' } | { kind: 'error'; message: string };

async function* workerBatches(handle: SourceHandle, keys: Keys): AsyncGenerator<CheckedPerson[]> {
  const data: PeopleWorkerData = { keyHex: keys.masterHex, handle, batchRows: CHECKED_BATCH_ROWS };
  const worker = new Worker(workerEntry('people-worker'), { workerData: data });
  const inbox: PeopleWorkerMessage[] = [];
  let failure: Error | null = null;
  let ended = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (m: PeopleWorkerMessage) => {
    inbox.push(m);
    notify();
  });
  worker.on('error', (e) => {
    failure ??= e;
    notify();
  });
  worker.on('exit', (code) => {
    if (!ended) failure ??= new Error(`人员校验线程意外退出（代码 ${code}）`);
    notify();
  });
  worker.postMessage(BATCHES_AHEAD);
  try {
    for (;;) {
      const m = inbox.shift();
      if (m === undefined) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      if (m.kind === 'end') {
        ended = true;
        return;
      }
      if (m.kind === 'error') throw new Error(m.message);
      worker.postMessage(1);
      yield decodeBatch(m.json);
    }
  } finally {
    ended = true;
    await worker.terminate();
  }
}
