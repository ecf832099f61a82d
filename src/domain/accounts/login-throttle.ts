// Slows password guessing without letting anyone lock a user out from elsewhere. Three
// counters over a sliding 15-minute window, kept per process in memory:
//  - per client address: after 30 failures (any accounts) that address may not try again
//    until the window has passed — an attacker locks out only himself;
//  - per (account, address): after 5 failures, that address must wait before trying that
//    account again, 30 s doubling up to 15 min — guessing one account from one place stalls;
//  - per account (from every address): after 10 failures each further attempt on the account
//    is answered only after a delay growing by 250 ms per failure up to 5 s. The real user,
//    from another address, is slowed but never refused — no hard lockout by account.
// A success clears the account's counters for that address and its own delay.
const WINDOW_MS = 15 * 60_000;
export const ADDRESS_MAX_FAILURES = 30;
export const PAIR_FREE_FAILURES = 5;
const PAIR_FIRST_WAIT_MS = 30_000;
export const ACCOUNT_FREE_FAILURES = 10;
const ACCOUNT_DELAY_STEP_MS = 250;
const ACCOUNT_DELAY_MAX_MS = 5_000;
const SWEEP_AT = 10_000;

/** The answer before a login attempt: go ahead (perhaps after a delay), or wait. */
export type ThrottleVerdict = { allowed: true; delayMs: number } | { allowed: false; retryAfterMs: number };

export class LoginThrottle {
  private readonly byAddress = new Map<string, number[]>();
  private readonly byPair = new Map<string, number[]>();
  private readonly byAccount = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  private recent(map: Map<string, number[]>, key: string): number[] {
    const since = this.now() - WINDOW_MS;
    const list = (map.get(key) ?? []).filter((t) => t > since);
    if (list.length === 0) map.delete(key);
    else map.set(key, list);
    return list;
  }

  private static pair(username: string, address: string): string {
    return `${username.toLowerCase()}\u0000${address}`;
  }

  check(username: string, address: string): ThrottleVerdict {
    const now = this.now();
    const fromAddress = this.recent(this.byAddress, address);
    if (fromAddress.length >= ADDRESS_MAX_FAILURES) {
      return { allowed: false, retryAfterMs: (fromAddress[0] ?? now) + WINDOW_MS - now };
    }
    const pair = this.recent(this.byPair, LoginThrottle.pair(username, address));
    if (pair.length >= PAIR_FREE_FAILURES) {
      const wait = Math.min(PAIR_FIRST_WAIT_MS * 2 ** (pair.length - PAIR_FREE_FAILURES), WINDOW_MS);
      const last = pair[pair.length - 1] ?? now;
      if (now < last + wait) return { allowed: false, retryAfterMs: last + wait - now };
    }
    const account = this.recent(this.byAccount, username.toLowerCase());
    const over = account.length - ACCOUNT_FREE_FAILURES;
    const delayMs = over < 0 ? 0 : Math.min((over + 1) * ACCOUNT_DELAY_STEP_MS, ACCOUNT_DELAY_MAX_MS);
    return { allowed: true, delayMs };
  }

  /** Drops expired entries everywhere, so that a spray of names or addresses cannot grow memory. */
  private sweep(): void {
    for (const map of [this.byAddress, this.byPair, this.byAccount]) {
      if (map.size < SWEEP_AT) continue;
      for (const key of [...map.keys()]) this.recent(map, key);
    }
  }

  fail(username: string, address: string): void {
    this.sweep();
    const now = this.now();
    const pairKey = LoginThrottle.pair(username, address);
    this.byAddress.set(address, [...this.recent(this.byAddress, address), now]);
    this.byPair.set(pairKey, [...this.recent(this.byPair, pairKey), now]);
    const account = username.toLowerCase();
    this.byAccount.set(account, [...this.recent(this.byAccount, account), now]);
  }

  succeed(username: string, address: string): void {
    this.byPair.delete(LoginThrottle.pair(username, address));
    this.byAccount.delete(username.toLowerCase());
  }
}
