import { describe, expect, it } from 'vitest';
import { AheadAnswers } from './ahead.ts';

describe('answers asked ahead', () => {
  it('gives an answer once, to the first request of the same path', async () => {
    const ahead = new AheadAnswers(1000, () => 0);
    ahead.put('/api/standards?region=640121', Promise.resolve('early'));
    expect(ahead.take('/api/standards?region=640121&year=2024')).toBeNull();
    const first = ahead.take('/api/standards?region=640121');
    expect(first).not.toBeNull();
    expect(await first).toBe('early');
    expect(ahead.take('/api/standards?region=640121')).toBeNull();
  });

  it('keeps the first answer when the same path is asked ahead twice', async () => {
    const ahead = new AheadAnswers(1000, () => 0);
    ahead.put('/a', Promise.resolve(1));
    ahead.put('/a', Promise.resolve(2));
    expect(await ahead.take('/a')).toBe(1);
  });

  it('drops an answer its page did not take in time', () => {
    let now = 0;
    const ahead = new AheadAnswers(1000, () => now);
    ahead.put('/a', Promise.resolve(1));
    now = 1000;
    expect(ahead.has('/a')).toBe(true);
    now = 1001;
    expect(ahead.take('/a')).toBeNull();
    // dropped for good: a later fresh answer of the path is kept again
    ahead.put('/a', Promise.resolve(2));
    expect(ahead.has('/a')).toBe(true);
  });
});
