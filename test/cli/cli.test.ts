// The `bianzhi` command as a user runs it, on both databases (DATABASE_URL): init twice,
// a rejected import that lists every error and exits non-zero, the corrected import, a
// re-import that changes nothing, export, users, validate and audit verify. It runs the compiled
// build (dist/server), as production does; test/support/build-server.setup.mjs builds it first.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliDatabase } from '../support/cli.ts';
import { DIALECTS } from '../support/databases.ts';
import { COUNTY_DIR, countyCopy, tempDir } from '../support/fixtures.ts';

describe('validate', () => {
  it('answers by GB 11643 and GB 32100 with exit codes 0 and 1', () => {
    expect(cli(['validate', 'id', '11010519491231002X'], {})).toMatchObject({ code: 0, out: '有效\n' });
    const badId = cli(['validate', 'id', '110105194912310021'], {});
    expect(badId.code).toBe(1);
    expect(badId.out).toContain('无效');
    expect(badId.out).toContain('X');
    expect(cli(['validate', 'uscc', '91350100M000100Y43'], {}).code).toBe(0);
    const badUscc = cli(['validate', 'uscc', '91350100M000100Y44'], {});
    expect(badUscc.code).toBe(1);
    expect(badUscc.out).toContain('第18位');
    expect(cli(['validate', 'uscc', '12100000470095016Q'], {}).code).toBe(0);
  });

  it('accepts the GB 11643 specimen born in 1880, printing the plausibility warning', () => {
    const specimen = cli(['validate', 'id', '440524188001010014'], {});
    expect(specimen.code).toBe(0);
    expect(specimen.out).toContain('有效');
    expect(specimen.out).toContain('年龄超过 120 岁');
  });
});

describe.each(DIALECTS)('bianzhi on %s', (dialect) => {
  let env: Record<string, string>;
  let drop = async (): Promise<void> => undefined;
  const dir = tempDir();

  beforeAll(async () => {
    ({ env, drop } = await cliDatabase(dialect, dir, 'bianzhi_cli'));
  });

  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await drop();
  });

  it('initialises a county, twice without harm', () => {
    const first = cli(['init', '--region', '640121'], env);
    expect(first.code).toBe(0);
    expect(first.out).toContain('640121');
    const second = cli(['init', '--region', '640121'], env);
    expect(second.code).toBe(0);
    expect(second.out).toContain('已存在');
  });

  it('rejects a CSV set with bad rows, listing every error, and writes nothing', () => {
    const bad = countyCopy({
      '机构.csv': (s) =>
        s +
        '640121,A05,永宁县某某机关,,机关,正科,,,,,,是,,,1984-01-01,\n' +
        '640121,B05,永宁县某中心,Z99,事业单位,副科,部门所属,否,全额拨款,一般,其他,是,,,1999-01-01,\n',
      '人员.csv': (s) => s.replace('640121199003200030', '640121199003200031'),
      '编制.csv': (s) =>
        s.replace('640121,A02,行政编制,15,,2019-01-01', '640121,A02,行政编制,15,,2019-02-30'),
    });
    const r = cli(['import', bad], env);
    expect(r.code).toBe(1);
    expect(r.out).toContain('共 4 处错误，未写入任何数据');
    expect(r.out).toMatch(/机构 第11行 机构类别: /);
    expect(r.out).toContain('机构 第12行 上级机构编码: 上级机构 Z99 不存在');
    expect(r.out).toMatch(/人员 第4行 身份证号: .*校验码错误/);
    expect(r.out).toMatch(/编制 第4行 生效日期: 日期不存在/);
    const exported = cli(['export', '--region', '640121', '--out', path.join(dir, 'empty')], env);
    expect(exported.out).toContain('0 个机构，0 名人员');
  });

  it('imports the corrected set; importing it again changes nothing', () => {
    const dry = cli(['import', COUNTY_DIR, '--dry-run'], env);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('检查通过');
    const first = cli(['import', COUNTY_DIR], env);
    expect(first.code).toBe(0);
    expect(first.out).toContain('机构：新增 9，更新 0，未变 0');
    expect(first.out).toContain('人员：新增 8，更新 0，未变 0');
    const again = cli(['import', COUNTY_DIR], env);
    expect(again.code).toBe(0);
    expect(again.out).toContain('机构：新增 0，更新 0，未变 9');
    expect(again.out).toContain('编制：新增 0，更新 0，未变 11');
    expect(again.out).toContain('人员：新增 0，更新 0，未变 8');
  });

  it('exports a workbook that imports back unchanged', () => {
    const file = path.join(dir, '永宁县.xlsx');
    const r = cli(['export', '--region', '640121', '--out', file], env);
    expect(r.code).toBe(0);
    expect(r.out).toContain('9 个机构，8 名人员');
    expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    const back = cli(['import', file], env);
    expect(back.code).toBe(0);
    expect(back.out).toContain('人员：新增 0，更新 0，未变 8');
  });

  it('manages users with one-time passwords', () => {
    const add = cli(
      ['user', 'add', 'zhangsan', '--role', 'clerk', '--region', '640121', '--name', '张三'],
      env,
    );
    expect(add.code).toBe(0);
    expect(add.out).toMatch(/一次性密码：\S{10,}/);
    const liaison = cli(
      ['user', 'add', 'edu', '--role', 'liaison', '--region', '640121', '--unit', 'A03'],
      env,
    );
    expect(liaison.code).toBe(0);
    const list = cli(['user', 'list'], env);
    expect(list.out).toContain('zhangsan\t张三\t编办业务员\t640121');
    const reset = cli(['user', 'reset-password', 'zhangsan'], env);
    expect(reset.code).toBe(0);
    expect(reset.out).toContain('新一次性密码');
    const dup = cli(['user', 'add', 'zhangsan', '--role', 'clerk', '--region', '640121'], env);
    expect(dup.code).toBe(1);
    expect(dup.out).toContain('已存在');
  });

  it('verifies the audit chain, and names the event edited behind its back', async () => {
    const r = cli(['audit', 'verify'], env);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/审计链完整：共 \d+ 条事件/);
    // Someone with database access edits event 5 directly, getting round the append-only trigger.
    if (dialect === 'sqlite') {
      const { default: SQLite } = await import('better-sqlite3');
      const conn = new SQLite(env.DATABASE_URL?.slice('file:'.length) ?? '');
      conn.exec('drop trigger audit_events_no_update');
      conn.prepare("update audit_events set summary = summary || '（改）' where id = 5").run();
      conn.close();
    } else {
      const c = new pg.Client({ connectionString: env.DATABASE_URL });
      await c.connect();
      await c.query('alter table audit_events disable trigger audit_events_no_update');
      await c.query("update audit_events set summary = summary || '（改）' where id = 5");
      await c.end();
    }
    const bad = cli(['audit', 'verify'], env);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('审计链校验失败：第 5 号事件 — 内容与哈希不符（事件被篡改）');
  });
});
