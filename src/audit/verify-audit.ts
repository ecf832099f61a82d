// `audit verify` as one use case: the chain in the database against every signed checkpoint of
// this database in the checkpoint file(s).
import type { AppContext } from '../context.ts';
import { checkpointsByPosition, type Checkpoint } from './checkpoint.ts';
import { verifyAuditChain, type VerifyResult } from './verify-chain.ts';
import { verifyBaselines } from '../domain/reform/verify-baselines.ts';

export type AuditVerification = VerifyResult & {
  /** The latest valid checkpoint of this database, if any. */
  checkpoint: Checkpoint | null;
  /** Things the office should look at that do not by themselves prove tampering. */
  warnings: string[];
};

/** Verifies the audit chain and that it matches the checkpoints kept outside the database. */
export async function verifyAudit(ctx: AppContext): Promise<AuditVerification> {
  const { lines, missing } = ctx.checkpoints.readLines();
  const found = checkpointsByPosition(ctx.auditKeys, ctx.db.identity, lines);
  const warnings = missing.map((f) => `检查点文件不存在：${f}`);
  for (const p of found.problems) {
    if (p.kind === 'malformed') warnings.push(`检查点文件中有无法识别的行：${p.line}`);
  }
  if (!found.latest) warnings.push('未找到本数据库的审计检查点，只校验了哈希链本身');
  const badSignature = found.problems.find((p) => p.kind === 'bad-signature');
  if (badSignature?.kind === 'bad-signature') {
    return {
      ok: false,
      count: 0,
      badEventId: badSignature.checkpoint.count,
      reason: `第 ${badSignature.checkpoint.count} 条处的检查点签名无效（检查点被伪造或改动，或审计密钥不符）`,
      checkpoint: found.latest,
      warnings,
    };
  }
  if (found.conflicts.length > 0) {
    const at = found.conflicts[0] ?? 0;
    return {
      ok: false,
      count: 0,
      badEventId: at,
      reason: `同一位置（第 ${at} 条）有两个不同的已签名检查点：审计链曾被删改后重建`,
      checkpoint: found.latest,
      warnings,
    };
  }
  const result = await verifyAuditChain(ctx.db.kysely, ctx.auditKeys, found.byCount);
  if (result.ok) {
    // Records sealed by the chain: a frozen reform baseline must still hash to what was sealed.
    const problem = (await verifyBaselines(ctx.db.kysely))[0];
    if (problem) {
      return {
        ok: false,
        count: result.count,
        badEventId: problem.eventId,
        reason: problem.reason,
        checkpoint: found.latest,
        warnings,
      };
    }
  }
  return { ...result, checkpoint: found.latest, warnings };
}
