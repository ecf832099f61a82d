import { afterEach, describe, expect, it, vi } from 'vitest';
import { askAhead, request } from './client.ts';

function answering(bodies: unknown[]) {
  const calls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((path: string, init: { method: string }) => {
      calls.push(`${init.method} ${path}`);
      return Promise.resolve(new Response(JSON.stringify(bodies.shift() ?? null), { status: 200 }));
    }),
  );
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe('requests asked ahead of their page', () => {
  it('gives the page the answer asked ahead instead of asking again', async () => {
    const calls = answering([{ n: 1 }, { n: 2 }]);
    askAhead(() => void request('/api/units?region=640121'));
    expect(await request('/api/units?region=640121')).toEqual({ n: 1 });
    expect(calls).toEqual(['GET /api/units?region=640121']);
  });

  it('asks the server again after a write made since the answer was asked', async () => {
    const calls = answering([{ n: 1 }, { ok: true }, { n: 2 }]);
    askAhead(() => void request('/api/units?region=640122'));
    await request('/api/units/1', { method: 'PATCH', body: { name: '新名称' } });
    expect(await request('/api/units?region=640122')).toEqual({ n: 2 });
    expect(calls).toEqual([
      'GET /api/units?region=640122',
      'PATCH /api/units/1',
      'GET /api/units?region=640122',
    ]);
  });
});
