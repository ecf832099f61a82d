// The memory an import may use (issue 10: a 1,000,000-person province within 1 GB). Measured
// (bench/README.md): without a cap the import's thread let its V8 heap grow to 500–580 MB of
// mostly garbage (its live data at a million people is a few tens of MB), and SQLite's memory map
// of the database file added 0.8 GB of file pages to the process's resident memory. The server's
// import worker runs with these limits and `bench/import-throughput.ts` measures the import with
// the same ones.

/** Old-generation heap of the thread that runs an import (the server's import worker). */
export const IMPORT_HEAP_MB = 512;

/** SQLite memory map of the import's own connection: none (it writes far more than it rereads). */
export const IMPORT_MMAP_BYTES = 0;

/** The Chinese message of an import stopped by its heap limit (nothing of it is published). */
export const IMPORT_OUT_OF_MEMORY = `导入所需内存超过上限（${IMPORT_HEAP_MB} MB），未写入任何数据；请将文件分为几次导入`;
