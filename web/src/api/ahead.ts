// Answers of GET requests asked for ahead of the page that shows them: as soon as the session and
// the county are known, the page's first requests start while the shell and the page still
// render (app/page-data-ahead.ts), and the page's own request of the same path takes the answer
// instead of asking again. An answer is taken once, and only while it is fresh: a page opened
// later asks the server itself. Answers not taken in time are dropped when the next one is kept,
// and a write (any request but a GET) drops them all: an answer asked before it may be stale.

/** How long an answer asked ahead may wait for its page. */
export const AHEAD_MAX_AGE_MS = 10_000;

export class AheadAnswers {
  private readonly answers = new Map<string, { answer: Promise<unknown>; at: number }>();

  constructor(
    private readonly maxAgeMs: number = AHEAD_MAX_AGE_MS,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Keeps the answer of `path` for its page (a second ask of the same path keeps the first). */
  put(path: string, answer: Promise<unknown>): void {
    for (const kept of [...this.answers.keys()]) this.has(kept); // drops the stale ones
    if (this.has(path)) return;
    this.answers.set(path, { answer, at: this.now() });
  }

  /** Drops every answer (after a write: what was asked before it may no longer be true). */
  clear(): void {
    this.answers.clear();
  }

  /** How many answers are kept (fresh or not yet dropped). */
  get size(): number {
    return this.answers.size;
  }

  /** Whether a fresh answer of `path` is waiting. */
  has(path: string): boolean {
    const kept = this.answers.get(path);
    if (!kept) return false;
    if (this.now() - kept.at <= this.maxAgeMs) return true;
    this.answers.delete(path);
    return false;
  }

  /** The fresh answer of `path`, removed so that the next request asks the server; else null. */
  take(path: string): Promise<unknown> | null {
    if (!this.has(path)) return null;
    const kept = this.answers.get(path);
    this.answers.delete(path);
    return kept?.answer ?? null;
  }
}
