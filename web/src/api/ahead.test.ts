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

describe('answers asked ahead, kept and dropped', () => {
  it('drops the answers not taken in time when another is kept', () => {
    let now = 0;
    const ahead = new AheadAnswers(1000, () => now);
    ahead.put('/a', Promise.resolve(1));
    ahead.put('/b', Promise.resolve(2));
    now = 1500;
    ahead.put('/c', Promise.resolve(3));
    expect(ahead.size).toBe(1);
    expect(ahead.take('/a')).toBeNull();
    expect(ahead.take('/c')).not.toBeNull();
  });

  it('drops every answer on clear (a write)', () => {
    const ahead = new AheadAnswers(1000, () => 0);
    ahead.put('/a', Promise.resolve(1));
    ahead.put('/b', Promise.resolve(2));
    ahead.clear();
    expect(ahead.size).toBe(0);
    expect(ahead.take('/a')).toBeNull();
  });
});
