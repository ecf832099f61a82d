import { describe, expect, it } from 'vitest';
import { CommitGate } from './import-gate.ts';

describe('the commit gate of an import job', () => {
  it('lets a running job commit, after which it can no longer be cancelled', () => {
    const server = new CommitGate();
    const worker = new CommitGate(server.buffer);
    expect(worker.enterCommit()).toBe(true);
    expect(server.state).toBe('committing');
    expect(server.cancel()).toBe('committing');
    expect(server.state).toBe('committing');
  });

  it('keeps a cancelled job from committing', () => {
    const server = new CommitGate();
    const worker = new CommitGate(server.buffer);
    expect(server.cancel()).toBe('running');
    expect(worker.enterCommit()).toBe(false);
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
