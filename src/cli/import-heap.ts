// A command-line import runs in a process with the same heap cap as the server's import worker
// (import-memory.ts: a 1,000,000-person province within 1 GB): `bianzhi import` starts itself again
// with `--max-old-space-size` and waits for it. Without the cap V8 sized the heap by the machine's
// memory and let it fill with the slices' garbage. An import stopped by the cap prints the
// server's Chinese message; its connection is gone, so nothing of it was published, and the
// slices it wrote are swept by a start (bootstrap.ts) — this process's, right away.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import os from 'node:os';
import type { Out } from './commands.ts';

/** Set in the import's own process, which runs the import itself. */
const CAPPED = 'BIANZHI_IMPORT_CAPPED';

/**
 * Runs `node [this process's node options] --max-old-space-size=heapMb ...args` with this process's
 * terminal and waits for it: its exit code (128 + the signal's number if a signal ended it, as a
 * shell reports it), and whether V8 stopped it at the cap — V8 aborts the process then (SIGABRT;
 * 134 through a shell), which otherwise only a crash of native code does. SIGINT, SIGTERM and
 * SIGHUP sent to this process go on to the child (Ctrl-C reaches both: one process group), which
 * stops, and then this process.
 */
export async function runCapped(
  args: string[],
  heapMb: number,
  env: NodeJS.ProcessEnv,
  stdio: 'inherit' | 'ignore' = 'inherit',
): Promise<{ code: number; outOfMemory: boolean }> {
  const child = spawn(process.execPath, [...process.execArgv, `--max-old-space-size=${heapMb}`, ...args], {
    stdio,
    env,
  });
  const forwarded: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const forward = (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of forwarded) process.on(signal, forward);
  try {
    const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    if (signal === 'SIGABRT' || code === 134) return { code: 1, outOfMemory: true };
    if (signal !== null) return { code: 128 + (os.constants.signals[signal] ?? 0), outOfMemory: false };
    return { code: code ?? 1, outOfMemory: false };
  } finally {
    for (const signal of forwarded) process.off(signal, forward);
  }
}

/**
 * Runs this command line again in a process with the import's heap cap and returns its exit code;
 * null when this is that process already.
 */
export async function importInCappedProcess(out: Out): Promise<number | null> {
  if (process.env[CAPPED] === '1') return null;
  const { importHeapMb, importOutOfMemory } = await import('../domain/exchange/import-memory.ts');
  const heapMb = importHeapMb();
  const r = await runCapped(process.argv.slice(1), heapMb, { ...process.env, [CAPPED]: '1' });
  if (r.outOfMemory) {
    out(importOutOfMemory(heapMb));
    // Its slices, if it wrote any: a start sweeps the imports whose owner is gone.
    const { boot } = await import('../bootstrap.ts');
    await (await boot()).close();
  }
  return r.code;
}
