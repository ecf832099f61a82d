import { describe, expect, it } from 'vitest';
import { IMPORT_HEAP_MB, importHeapMb, importOutOfMemory } from './import-memory.ts';

describe('the import heap cap', () => {
  it('is 512 MB unless BIANZHI_IMPORT_HEAP_MB gives a whole number of MB between 64 and 16,384', () => {
    expect(importHeapMb({})).toBe(IMPORT_HEAP_MB);
    expect(IMPORT_HEAP_MB).toBe(512);
    expect(importHeapMb({ BIANZHI_IMPORT_HEAP_MB: '2048' })).toBe(2048);
    expect(importHeapMb({ BIANZHI_IMPORT_HEAP_MB: '64' })).toBe(64);
    for (const bad of ['', '63', '16385', '1.5', '1g', 'abc'])
      expect(importHeapMb({ BIANZHI_IMPORT_HEAP_MB: bad }), bad).toBe(IMPORT_HEAP_MB);
  });

  it('names the cap in the message of an import stopped by it', () => {
    expect(importOutOfMemory(2048)).toBe(
      '导入所需内存超过上限（2048 MB），未写入任何数据；请将文件分为几次导入',
    );
  });
});
