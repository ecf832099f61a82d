import { describe, expect, it } from 'vitest';
import type { ImportJob } from '../../api/index.ts';
import { canCancel, jobNotice, progressPercent, progressPrefix, progressStatus } from './importJob.ts';

const job = (over: Partial<ImportJob> = {}): ImportJob => ({
  id: 'j',
  status: 'running',
  progress: { phase: '写入', table: '人员', done: 3, total: 10 },
  result: null,
  message: null,
  cancellable: true,
  ...over,
});

describe('import job on the page', () => {
  it('may be cancelled while running, as long as the server says so', () => {
    expect(canCancel(job())).toBe(true);
    expect(canCancel(job({ cancellable: false }))).toBe(false);
    expect(canCancel(job({ status: 'done' }))).toBe(false);
    expect(canCancel(job({ status: 'cancelled' }))).toBe(false);
    expect(canCancel(null)).toBe(false);
  });

  it('shows its progress, full once it has ended', () => {
    expect(progressPercent(job())).toBe(30);
    expect(progressPercent(job({ progress: { phase: '校验', table: null, done: 10, total: 10 } }))).toBe(99);
    expect(progressPercent(job({ progress: { phase: '读取文件', table: null, done: 0, total: 0 } }))).toBe(0);
    expect(progressPercent(job({ status: 'cancelled' }))).toBe(30);
    expect(progressPercent(job({ status: 'failed' }))).toBe(100);
    expect(progressPrefix(job())).toBe('正在处理：');
    expect(progressPrefix(job({ status: 'cancelled' }))).toBe('取消于：');
    expect(progressPrefix(job({ status: 'done' }))).toBe('处理完成：');
    expect(progressStatus(job())).toBe('active');
    expect(progressStatus(job({ status: 'cancelled' }))).toBe('normal');
    expect(progressStatus(job({ status: 'failed' }))).toBe('exception');
  });

  it('tells a cancelled job from a failed one', () => {
    expect(jobNotice(job({ status: 'cancelled', message: '导入已取消，未写入任何数据' }))).toEqual({
      type: 'warning',
      title: '导入已取消',
      description: '导入已取消，未写入任何数据',
    });
    expect(jobNotice(job({ status: 'failed', message: '导入失败：磁盘已满' }))?.title).toBe(
      '导入失败，未写入任何数据',
    );
    expect(jobNotice(job())).toBeNull();
    // Written, then a later step failed: not a failure, and not silent.
    expect(
      jobNotice(job({ status: 'done', message: '导入的数据已全部写入，但其后的步骤未完成：磁盘已满' })),
    ).toEqual({
      type: 'warning',
      title: '导入已完成',
      description: '导入的数据已全部写入，但其后的步骤未完成：磁盘已满',
    });
  });
});
