// What the import page shows of a job: its progress bar, whether it may still be cancelled, and
// the notice of a job that ended without a result. The figures are the server's (ImportJob).
import type { ImportJob } from '../../api/index.ts';

/** How far the job got: full once it has ended, except a cancelled one (where it stopped). */
export function progressPercent(job: ImportJob): number {
  if (job.status === 'done' || job.status === 'failed') return 100;
  const { done, total } = job.progress;
  if (total <= 0) return 0;
  return Math.min(99, Math.round((done / total) * 100));
}

/** The words before the phase: what the progress line describes. */
export function progressPrefix(job: ImportJob): string {
  if (job.status === 'running') return '正在处理：';
  if (job.status === 'cancelled') return '取消于：';
  return '处理完成：';
}

export function progressStatus(job: ImportJob): 'exception' | 'active' | 'success' | 'normal' {
  if (job.status === 'running') return 'active';
  if (job.status === 'cancelled') return 'normal';
  if (job.status === 'failed' || (job.result && !job.result.ok)) return 'exception';
  return 'success';
}

/** The server says whether a running job may still be cancelled (not once it may commit). */
export function canCancel(job: ImportJob | null): boolean {
  return job !== null && job.status === 'running' && job.cancellable;
}

export interface JobNotice {
  type: 'error' | 'warning';
  title: string;
  description: string;
}

/**
 * The notice of a job that ended without a result: failed, cancelled, or written but a later step
 * (statistics) not finished; null otherwise.
 */
export function jobNotice(job: ImportJob | null): JobNotice | null {
  if (job?.status === 'done' && job.result === null && job.message !== null)
    return { type: 'warning', title: '导入已完成', description: job.message };
  if (job?.status === 'failed')
    return { type: 'error', title: '导入失败，未写入任何数据', description: job.message ?? '处理文件时出错' };
  if (job?.status === 'cancelled')
    return {
      type: 'warning',
      title: '导入已取消',
      description: job.message ?? '导入已取消，未写入任何数据',
    };
  return null;
}
