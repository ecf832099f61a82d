// The report's checkpoints rebuilt in the background after an import (issue 10, item 3): an
// import marks its counties changed as a whole, so every stored row of theirs is stale and the
// first report of any date would compute them directly. Once an import from the web is done, the
// checkpoint dates (checkpointDates: month-ends of the last years, year-ends before) of the
// importer's region are asked of the report runner one date at a time, oldest first — each a
// normal report job, so the first is computed directly and every later one patched from the one
// before, and a user's report waits at most for one date's job, never for the whole build; after
// each date, the head-count changes day by day since the date before (report-windows.ts). A
// second import while a build runs asks for its region again after it; `bianzhi report
// checkpoints` does the same from the command line.
import { todayInChina } from '../context.ts';
import type { ReportJobs } from '../domain/reports/report-service.ts';
import { checkpointDates } from '../domain/reports/report-cells.ts';

export class CheckpointJobs {
  private readonly queued: string[] = [];
  private running: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly reports: Pick<ReportJobs, 'summary' | 'window'>,
    private readonly today: () => string = () => todayInChina(),
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /** Rebuilds the region's checkpoints after whatever is being built now. */
  request(regionCode: string): void {
    if (this.closed) return;
    if (!this.queued.includes(regionCode)) this.queued.push(regionCode);
    this.running ??= this.drain().finally(() => {
      this.running = null;
    });
  }

  private async drain(): Promise<void> {
    for (let region = this.queued.shift(); region !== undefined; region = this.queued.shift()) {
      const dates = checkpointDates(this.today()).sort();
      for (const [i, asOf] of dates.entries()) {
        if (this.closed) return;
        try {
          await this.reports.summary({ regionCode: region, asOf });
          // The changes day by day since the checkpoint before, a job of its own.
          const lo = dates[i - 1];
          if (lo !== undefined) await this.reports.window({ regionCode: region, lo, hi: asOf });
        } catch (e) {
          // the next report of those dates computes what is missing; nothing is lost
          this.log(`报表检查点未能建立（${region}，${asOf}）：${e instanceof Error ? e.message : String(e)}`);
          break;
        }
      }
    }
  }

  /** Waits until nothing is queued or being built (tests). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops after the date being built (shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    this.queued.length = 0;
    await this.running;
  }
}
