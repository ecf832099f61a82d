import { useEffect, useState } from 'react';
import { countWaitingMatters } from '../api/index.ts';

const POLL_MS = 60_000;
const listeners = new Set<() => void>();

/** Tells the menu's badge to count again (after the user acted on a matter). */
export function notifyMattersChanged(): void {
  for (const listener of listeners) listener();
}

/**
 * The number of matters waiting for the current user in the region: asked every minute, whenever
 * `trigger` changes (a navigation) and when a page reports that a matter moved on.
 */
export function useWaitingMatters(region: string | null, trigger: string): number {
  const [count, setCount] = useState(0);
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    const listener = () => setNonce((n) => n + 1);
    listeners.add(listener);
    const timer = window.setInterval(listener, POLL_MS);
    return () => {
      listeners.delete(listener);
      window.clearInterval(timer);
    };
  }, []);

  useEffect(() => {
    if (region === null) {
      setCount(0);
      return undefined;
    }
    let active = true;
    countWaitingMatters(region).then(
      (answer) => {
        if (active) setCount(answer.waiting);
      },
      () => {
        // the badge is a reminder only: a failed count keeps the last one
      },
    );
    return () => {
      active = false;
    };
  }, [region, trigger, nonce]);

  return count;
}
