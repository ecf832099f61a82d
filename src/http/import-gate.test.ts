import { describe, expect, it } from 'vitest';
import { CommitGate, jobOutcome } from './import-gate.ts';

describe('the commit gate of an import job', () => {
  it('lets a running job commit, after which it can no longer be cancelled', () => {
    const server = new CommitGate();
    const worker = new CommitGate(server.buffer);
    expect(worker.enterCommit()).toBe(true);
    expect(server.state).toBe('committing');
    expect(server.cancel()).toBe('committing');
    expect(server.state).toBe('committing');
    worker.committed();
    expect(server.state).toBe('committed');
    expect(server.cancel()).toBe('committed');
    worker.end();
    expect(server.state).toBe('committed');
  });

  it('keeps a cancelled job from committing', () => {
    const server = new CommitGate();
    const worker = new CommitGate(server.buffer);
    expect(server.cancel()).toBe('running');
    expect(worker.enterCommit()).toBe(false);
    worker.committed();
    expect(server.state).toBe('cancelled');
    expect(server.cancel()).toBe('cancelled');
  });

  it('ignores a cancel once the job has its outcome without a commit', () => {
    const server = new CommitGate();
    const worker = new CommitGate(server.buffer);
    worker.end();
    expect(server.cancel()).toBe('ended');
    expect(server.state).toBe('ended');
    // A job that committed stays committing when it ends.
    const other = new CommitGate();
    new CommitGate(other.buffer).enterCommit();
    new CommitGate(other.buffer).end();
    expect(other.state).toBe('committing');
  });
});

describe('what an import job came to', () => {
  it('is cancelled when cancelled first, done with its result otherwise', () => {
    expect(jobOutcome({ gate: 'cancelled', result: false, failure: null })).toEqual({
      status: 'cancelled',
      message: '导入已取消，未写入任何数据',
    });
    expect(jobOutcome({ gate: 'committed', result: true, failure: null })).toEqual({
      status: 'done',
      message: null,
    });
    expect(jobOutcome({ gate: 'ended', result: true, failure: null })).toEqual({
      status: 'done',
      message: null,
    });
  });

  it('says the data was written when a step after the commit failed, and only then', () => {
    expect(jobOutcome({ gate: 'committed', result: false, failure: '导入失败：磁盘已满' })).toEqual({
      status: 'done',
      message: '导入的数据已全部写入，但其后的步骤未完成：导入失败：磁盘已满',
    });
    // The commit itself failed: the worker never said it had committed, and its batch was not published.
    expect(
      jobOutcome({ gate: 'committing', result: false, failure: '导入失败：磁盘已满', batch: 'failed' }),
    ).toEqual({
      status: 'failed',
      message: '导入失败：磁盘已满',
    });
    // The worker died between its commit and saying so: its published batch tells.
    expect(jobOutcome({ gate: 'committing', result: false, failure: null, batch: 'done' }).status).toBe(
      'done',
    );
    expect(jobOutcome({ gate: 'committing', result: false, failure: null, batch: null })).toEqual({
      status: 'failed',
      message: '导入进程意外退出，未写入任何数据',
    });
    expect(jobOutcome({ gate: 'ended', result: false, failure: '导入失败：校验未通过' }).status).toBe(
      'failed',
    );
  });
});
