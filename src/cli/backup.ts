// `bianzhi backup`, `bianzhi restore` and `bianzhi keys rotate-audit`: thin commands over the use cases.
import { rotateAuditKey } from '../audit/rotate-audit-key.ts';
import type { Booted } from '../bootstrap.ts';
import { backupDatabase } from '../domain/backup/backup-database.ts';
import { restoreDatabase } from '../domain/backup/restore-database.ts';
import { rotateMasterKey } from '../domain/keys/rotate-master-key.ts';
import type { Out } from './commands.ts';

const CLI_ACTOR = { id: null, name: '命令行' };

export async function backupCommand(b: Booted, opts: { out: string }, out: Out): Promise<number> {
  const r = await backupDatabase(b.ctx, { actor: CLI_ACTOR, out: opts.out });
  out(
    `已备份 ${b.ctx.db.describe} 到 ${opts.out}：${r.tables} 张表，${r.rows} 行，审计事件 ${r.auditEvents} 条（含签名检查点）`,
  );
  out('备份文件含加密的身份证号与账号信息，请按涉密载体保管；恢复时需要原主密钥与审计密钥文件。');
  return 0;
}

export async function restoreCommand(b: Booted, opts: { file: string }, out: Out): Promise<number> {
  const r = await restoreDatabase(b.ctx, { file: opts.file });
  out(`已从 ${opts.file} 恢复到 ${b.ctx.db.describe}：${r.tables} 张表，${r.rows} 行`);
  out(`审计链 ${r.auditEvents} 条事件与备份中的签名检查点一致（来源：${r.source.identity}）`);
  return 0;
}

export async function keysCommand(b: Booted, sub: string | undefined, out: Out): Promise<number> {
  if (sub === 'rotate-master') return rotateMasterCommand(b, out);
  if (sub !== 'rotate-audit') {
    out('用法：bianzhi keys rotate-audit | rotate-master（先停止网页服务）');
    return 2;
  }
  const r = await rotateAuditKey(b.ctx, { actor: CLI_ACTOR, keyFile: b.config.auditKeyFile });
  out(
    `已更换审计密钥：${b.config.auditKeyFile} 现有 ${r.keys} 把密钥，第 ${r.fromEventId} 号事件起使用新密钥。`,
  );
  out('请立即备份该文件（旧密钥仍在其中，用于校验更早的事件），然后重新启动网页服务。');
  return 0;
}

async function rotateMasterCommand(b: Booted, out: Out): Promise<number> {
  if (b.config.keyHex) {
    out(
      '主密钥由环境变量 BIANZHI_KEY 提供：更换主密钥需使用密钥文件（BIANZHI_KEY_FILE），请先改用密钥文件。',
    );
    return 2;
  }
  const r = await rotateMasterKey(b.ctx, { actor: CLI_ACTOR, keyFile: b.config.keyFile });
  out(
    `已更换主密钥：重新加密身份证号 ${r.people} 条、事项中的身份证号 ${r.matters} 件、动态口令 ${r.totpSecrets} 个，数据比对记录 ${r.reconciliationHashes} 个号码重新计算索引。`,
  );
  out(`新密钥已写入 ${b.config.keyFile}；旧密钥改名保存为 ${r.retiredKeyFile}。`);
  out('请立即备份新密钥文件；确认新密钥的备份可用后再销毁旧密钥文件，然后重新启动网页服务。');
  return 0;
}
