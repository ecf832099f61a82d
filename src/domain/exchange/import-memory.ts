// The memory an import may use (issue 10: a 1,000,000-person province within 1 GB). Measured
// (bench/README.md): without a cap the import's thread let its V8 heap grow to 500–580 MB of
// mostly garbage (its live data at a million people is a few tens of MB), and SQLite's memory map
// of the database file added 0.8 GB of file pages to the process's resident memory. The server's
// import worker runs with these limits and `bench/import-throughput.ts` measures the import with
// the same ones.

/** Old-generation heap of the thread that runs an import (the server's import worker, a CLI import's process). */
export const IMPORT_HEAP_MB = 512;

/**
 * The heap cap in force: BIANZHI_IMPORT_HEAP_MB (64–16,384; an office whose files need more, on a
 * machine that has it) or IMPORT_HEAP_MB.
 */
export function importHeapMb(env: NodeJS.ProcessEnv = process.env): number {
  const set = Number(env.BIANZHI_IMPORT_HEAP_MB);
  return Number.isInteger(set) && set >= 64 && set <= 16_384 ? set : IMPORT_HEAP_MB;
}

/** SQLite memory map of the import's own connection: none (it writes far more than it rereads). */
export const IMPORT_MMAP_BYTES = 0;

/**
 * SQLite WAL pages (4 KB) after which the import's own commits checkpoint: 50,000 (about 200 MB of
 * log) instead of 1,000. Each slice of 10,000 new people touches most of the keyed hash's index, so
 * with the default every slice's commit copied ~30 MB back into the database and waited for its
 * fsync; checkpointing every several slices copies each index page once for all of them. Measured on
 * the slices' statements at 1,000,000 people: 46.7 s → 34.9 s (100,000 pages: 31.6 s, for twice the
 * log on disk). The log is as safe as before (synchronous = NORMAL, WAL); only its size on disk grows
 * while an import runs.
 */
export const IMPORT_WAL_AUTOCHECKPOINT_PAGES = 50_000;

/** How an import's own connection is opened (the server's import worker, the bench). */
export const IMPORT_CONNECTION = {
  mmapBytes: IMPORT_MMAP_BYTES,
  walAutocheckpointPages: IMPORT_WAL_AUTOCHECKPOINT_PAGES,
} as const;

/** The Chinese message of an import stopped by its heap limit (nothing of it is published). */
export function importOutOfMemory(heapMb: number): string {
  return `导入所需内存超过上限（${heapMb} MB），未写入任何数据；请将文件分为几次导入`;
}
