// A command-line import runs in a process with the same heap cap as the server's import worker
// (import-memory.ts: a 1,000,000-person province within 1 GB): `bianzhi import` starts itself again
// with `--max-old-space-size` and waits for it. Without the cap V8 sized the heap by the machine's
// memory and let it fill with the slices' garbage. An import stopped by the cap prints the
// server's Chinese message; its connection is gone, so nothing of it was published, and the
// slices it wrote are swept by a start (bootstrap.ts) — this process's, right away.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { Out } from './commands.ts';

/** Set in the import's own process, which runs the import itself. */
const CAPPED = 'BIANZHI_IMPORT_CAPPED';

/**
 * Runs `node [this process's node options] --max-old-space-size=heapMb ...args` with this process's
 * terminal and waits for it: its exit code, and whether V8 stopped it at the cap (it aborts the
 * process: SIGABRT, 134 through a shell).
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
  // Ctrl-C reaches the child too (one process group): it is the child that stops, then this.
  const ignore = () => undefined;
  process.on('SIGINT', ignore);
  process.on('SIGTERM', ignore);
  try {
    const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    const outOfMemory = signal === 'SIGABRT' || code === 134;
    return { code: outOfMemory ? 1 : (code ?? 1), outOfMemory };
  } finally {
    process.off('SIGINT', ignore);
    process.off('SIGTERM', ignore);
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
