// `bianzhi demo`: the system on its own demo database, seeded with a realistic county and
// one account per role; or, with --examples, only the sample workbook in examples/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { boot } from '../bootstrap.ts';
import { countUsers } from '../db/repositories/accounts.ts';
import { latestVersions } from '../db/repositories/units.ts';
import { createUser } from '../domain/accounts/manage-users.ts';
import { importWorkbook } from '../domain/exchange/import-workbook.ts';
import { ensureRegion } from '../domain/regions/ensure-region.ts';
import { PROJECT_ROOT } from '../paths.ts';
import { writeCounty } from '../demo/write-county.ts';
import { portProblem, serve, serverAddress } from '../server.ts';
import { progressPrinter } from './progress.ts';
import type { Out } from './commands.ts';

export const DEMO_REGION = '640121';
export const DEMO_PASSWORD = 'Demo-Bianzhi-2026';
/** Demo accounts, one per role (listed in the README); a liaison's unit is named by its suffix. */
export const DEMO_ACCOUNTS = [
  { username: 'admin', name: '编办管理员（演示）', role: 'admin', region: DEMO_REGION, unit: null },
  { username: 'clerk', name: '编办业务员（演示）', role: 'clerk', region: DEMO_REGION, unit: null },
  { username: 'liaison', name: '教育局联络员（演示）', role: 'liaison', region: DEMO_REGION, unit: '教育局' },
  { username: 'leader', name: '县领导（演示）', role: 'leader', region: DEMO_REGION, unit: null },
  { username: 'city', name: '银川市编办（只读演示）', role: 'viewer', region: '640100', unit: null },
  { username: 'sysadmin', name: '系统管理员（演示）', role: 'sysadmin', region: DEMO_REGION, unit: null },
  { username: 'secadmin', name: '安全管理员（演示）', role: 'secadmin', region: DEMO_REGION, unit: null },
  { username: 'auditor', name: '安全审计员（演示）', role: 'auditor', region: DEMO_REGION, unit: null },
] as const;

const EXAMPLES_DIR = path.join(PROJECT_ROOT, 'examples');

export async function demoCommand(
  opts: { port: string | undefined; scale: string | undefined; examplesOnly: boolean },
  out: Out,
): Promise<number> {
  const scale = opts.scale ? Number(opts.scale) : 1;
  if (!(scale > 0 && scale <= 200)) {
    out('--scale 应为 0 到 200 之间的数');
    return 2;
  }
  if (opts.examplesOnly) {
    fs.mkdirSync(EXAMPLES_DIR, { recursive: true });
    const file = path.join(EXAMPLES_DIR, '永宁县示例.xlsx');
    const r = await writeCounty(file, {
      regionCode: DEMO_REGION,
      scale: 0.2,
      seed: 2026,
      asOf: '2026-06-30',
    });
    out(`已生成样例工作簿 ${file}（${r.units} 个机构）`);
    return 0;
  }
  const env = { ...process.env, DATABASE_URL: process.env.DEMO_DATABASE_URL ?? 'file:data/demo.db' };
  const booted = await boot({ env });
  const port = opts.port ? Number(opts.port) : booted.config.port;
  const host = booted.config.host;
  // The port first: generating a county takes a while, and is wasted if the server cannot start.
  const problem =
    Number.isInteger(port) && port > 0 && port < 65536
      ? await portProblem(port, host)
      : '--port 应为 1 到 65535 之间的整数';
  if (problem !== null) {
    out(`演示系统无法启动：${problem}`);
    await booted.close();
    return 2;
  }
  if ((await countUsers(booted.ctx.db.kysely)) === 0) {
    out(`正在生成演示数据（永宁县，规模 ×${scale}）…`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bianzhi-demo-'));
    try {
      await writeCounty(dir, { regionCode: DEMO_REGION, scale, seed: 2026 });
      const actor = { id: null, name: '演示数据' };
      const result = await importWorkbook(booted.ctx, {
        actor,
        paths: [dir],
        dryRun: false,
        allowedRegions: null,
        onProgress: progressPrinter(),
      });
      if (!result.ok) {
        out(`演示数据导入失败（${result.errorCount} 处错误），首条：${JSON.stringify(result.errors[0])}`);
        return 1;
      }
      await ensureRegion(booted.ctx, { code: '640100', actor });
      const units = await latestVersions(booted.ctx.db.kysely, [DEMO_REGION]);
      const unitNamed = (suffix: string) =>
        units.find((u) => u.name.endsWith(suffix) && u.category !== '内设机构')?.id ?? null;
      for (const a of DEMO_ACCOUNTS) {
        await createUser(booted.ctx, {
          actor,
          username: a.username,
          displayName: a.name,
          role: a.role,
          regionCode: a.region,
          unitId: a.unit ? unitNamed(a.unit) : null,
          password: DEMO_PASSWORD,
        });
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  await serve(booted, { port, host, out, terminal: process.stdout.isTTY === true });
  out(`演示系统地址：${serverAddress(host, port)}（端口 ${String(port)}）`);
  out(`演示账号（密码均为 ${DEMO_PASSWORD}）：${DEMO_ACCOUNTS.map((a) => a.username).join('、')}`);
  return 0;
}
