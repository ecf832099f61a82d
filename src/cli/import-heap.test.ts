import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCapped } from './import-heap.ts';

describe('a command run under the import heap cap', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bianzhi-heap-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const script = (name: string, body: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, body);
    return file;
  };

  it('runs with the cap: V8 sizes its heap by it, not by the machine', async () => {
    const out = path.join(dir, 'limit.txt');
    const file = script(
      'limit.mjs',
      `import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs'; import v8 from 'node:v8';
       fs.writeFileSync(${JSON.stringify(out)}, String(v8.getHeapStatistics().heap_size_limit));`,
    );
    expect(await runCapped([file], 96, process.env)).toEqual({ code: 0, outOfMemory: false });
    const limitMb = Number(fs.readFileSync(out, 'utf8')) / 2 ** 20;
    expect(limitMb).toBeGreaterThanOrEqual(96);
    expect(limitMb).toBeLessThan(200);
    expect(await runCapped([script('exit.mjs', 'process.exitCode = 3;')], 96, process.env)).toEqual({
      code: 3,
      outOfMemory: false,
    });
  });

  it('passes SIGTERM on to the command and exits as a shell would report it (128 + 15)', async () => {
    const started = path.join(dir, 'started');
    const child = script(
      'wait.mjs',
      `import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs'; fs.writeFileSync(${JSON.stringify(started)}, ''); setInterval(() => {}, 1000);`,
    );
    const runner = script(
      'runner.mjs',
      `import { runCapped } from ${JSON.stringify(path.resolve('src/cli/import-heap.ts'))};
       const r = await runCapped([${JSON.stringify(child)}], 64, process.env);
       console.log(JSON.stringify(r));`,
    );
    const parent = spawn(process.execPath, ['--import', 'tsx', runner], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    parent.stdout.on('data', (d: Buffer) => (output += d.toString()));
    for (let i = 0; i < 300 && !fs.existsSync(started); i += 1) await new Promise((r) => setTimeout(r, 100));
    expect(fs.existsSync(started)).toBe(true);
    parent.kill('SIGTERM');
    const [code] = (await once(parent, 'exit')) as [number | null];
    // The runner outlived the signal until its command had stopped, and said how it ended.
    expect(code).toBe(0);
    expect(JSON.parse(output.trim())).toEqual({ code: 143, outOfMemory: false });
  }, 60_000);

  it('tells a run stopped at the cap from any other failure', async () => {
    const file = script(
      'grow.mjs',
      'const kept = []; for (;;) kept.push(new Array(100_000).fill(kept.length));',
    );
    expect(await runCapped([file], 64, process.env, 'ignore')).toEqual({ code: 1, outOfMemory: true });
  }, 60_000);
});
