import { describe, expect, it } from 'vitest';
import { checkpointDates } from '../domain/reports/report-cells.ts';
import { CheckpointJobs } from './checkpoint-jobs.ts';

function recorder(opts: { failOn?: string; gate?: Promise<void> } = {}) {
  const asked: string[] = [];
  const summary = async (a: { regionCode: string; asOf: string }) => {
    asked.push(`${a.regionCode}@${a.asOf}`);
    if (opts.gate) await opts.gate;
    if (a.asOf === opts.failOn) throw new Error('数据库不可用');
    return {} as never;
  };
  const windows: string[] = [];
  const window = async (a: { regionCode: string; lo: string; hi: string }) => {
    windows.push(`${a.regionCode}@${a.lo}…${a.hi}`);
  };
  return { asked, windows, summary, window };
}

describe('checkpoints rebuilt after an import', () => {
  it('asks every checkpoint date of the region, oldest first, one at a time', async () => {
    const r = recorder();
    const jobs = new CheckpointJobs({ summary: r.summary, window: r.window }, () => '2026-06-30');
    jobs.request('640121');
    await jobs.settled();
    const dates = checkpointDates('2026-06-30');
    expect(r.asked).toEqual(dates.map((d) => `640121@${d}`));
    expect([...dates].sort()).toEqual(dates);
    // After each date but the first, the changes day by day since the date before.
    expect(r.windows).toEqual(dates.slice(1).map((d, i) => `640121@${dates[i]}…${d}`));
  });

  it('asks a region requested again during a build once more after it, and another region after that', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const r = recorder({ gate });
    const jobs = new CheckpointJobs({ summary: r.summary, window: r.window }, () => '2026-01-31');
    jobs.request('640121');
    jobs.request('640121'); // queued while the first build waits: once more after it
    jobs.request('640122');
    jobs.request('640122');
    open();
    await jobs.settled();
    const n = checkpointDates('2026-01-31').length;
    expect(r.asked.filter((a) => a.startsWith('640121@'))).toHaveLength(2 * n);
    expect(r.asked.filter((a) => a.startsWith('640122@'))).toHaveLength(n);
    expect(r.asked[r.asked.length - 1]?.startsWith('640122@')).toBe(true);
  });

  it('stops a region at a failed date, says so, and goes on with the next region', async () => {
    const messages: string[] = [];
    const r = recorder({ failOn: '2025-12-31' });
    const jobs = new CheckpointJobs(
      { summary: r.summary, window: r.window },
      () => '2026-06-30',
      (m) => messages.push(m),
    );
    jobs.request('640121');
    jobs.request('640122');
    await jobs.settled();
    expect(r.asked.filter((a) => a.startsWith('640121@')).at(-1)).toBe('640121@2025-12-31');
    expect(r.asked.at(-1)).toBe('640122@2025-12-31');
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain('报表检查点未能建立（640121，2025-12-31）');
  });

  it('stops after the date being built when closed, and takes no more requests', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const r = recorder({ gate });
    const jobs = new CheckpointJobs({ summary: r.summary, window: r.window }, () => '2026-06-30');
    jobs.request('640121');
    const closing = jobs.close();
    open();
    await closing;
    jobs.request('640122');
    await jobs.settled();
    expect(r.asked).toEqual([`640121@${checkpointDates('2026-06-30')[0]}`]);
  });
});
