// The worker thread of check-people.ts: reads the 人员 sheet from its file, checks every row with
// PersonChecker and hands the checked rows over in batches, no more than it has been allowed to
// (each number received allows that many more), so that memory stays bounded whatever the size.
import { parentPort, workerData } from 'node:worker_threads';
import { keysFromHex } from '../../security/keys.ts';
import {
  encodeBatch,
  PersonChecker,
  type CheckedPerson,
  type PeopleWorkerData,
  type PeopleWorkerMessage,
} from './check-people.ts';
import { rowsOf, type RawRow } from './sources.ts';

async function run(): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const data = workerData as PeopleWorkerData;
  const post = (m: PeopleWorkerMessage) => port.postMessage(m);
  let allowed = 0;
  let wake: (() => void) | null = null;
  port.on('message', (n: number) => {
    allowed += n;
    wake?.();
    wake = null;
  });
  const send = async (batch: CheckedPerson[]): Promise<void> => {
    while (allowed === 0) await new Promise<void>((resolve) => (wake = resolve));
    allowed -= 1;
    post({ kind: 'batch', json: encodeBatch(batch) });
  };
  try {
    const checker = new PersonChecker(keysFromHex(data.keyHex));
    let batch: RawRow[] = [];
    for await (const raw of rowsOf(data.handle)) {
      batch.push(raw);
      if (batch.length >= data.batchRows) {
        await send(checker.checkBatch(batch));
        batch = [];
      }
    }
    if (batch.length > 0) await send(checker.checkBatch(batch));
    post({ kind: 'end' });
  } catch (e) {
    post({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
  }
}

void run();
