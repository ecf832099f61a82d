// Slows down password guessing: after 5 failed logins for one username within 15 minutes,
// further attempts are refused until the window has passed. Kept per process, in memory.
const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES = 5;

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  private recent(username: string): number[] {
    const since = this.now() - WINDOW_MS;
    const list = (this.failures.get(username) ?? []).filter((t) => t > since);
    if (list.length === 0) this.failures.delete(username);
    else this.failures.set(username, list);
    return list;
  }

  isLocked(username: string): boolean {
    return this.recent(username).length >= MAX_FAILURES;
  }

  fail(username: string): void {
    this.failures.set(username, [...this.recent(username), this.now()]);
  }

  succeed(username: string): void {
    this.failures.delete(username);
  }
}
