// 上传附件: a document added to a matter by someone who may write on it (the office, or the
// liaison whose unit proposed it), of an allowed type, with its SHA-256 in the audit log.
import crypto from 'node:crypto';
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import { insertAttachment } from '../../db/repositories/attachments.ts';
import { invalid } from '../../errors.ts';
import type { Principal } from '../accounts/policies.ts';
import { attachmentType } from './attachment-types.ts';
import { loadMatter } from './matter-access.ts';

export async function attachFile(
  ctx: AppContext,
  opts: { principal: Principal; matterId: number; fileName: string; content: Buffer },
): Promise<number> {
  const p = opts.principal;
  if (opts.content.length === 0) throw invalid('文件为空');
  const type = attachmentType(opts.fileName, opts.content.subarray(0, 16));
  if (!type.ok) throw invalid(type.reason);
  const fileName = opts.fileName.slice(-200);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const m = await loadMatter(trx, p, opts.matterId, 'matter.attach');
    if (m.state === 'implemented' || m.state === 'rejected') throw invalid('已办结的事项不能再添加附件');
    const sha256 = crypto.createHash('sha256').update(opts.content).digest('hex');
    const id = await insertAttachment(trx, {
      owner: { matterId: m.row.id, stepId: null },
      fileName,
      mediaType: type.mediaType,
      content: opts.content,
      sha256,
      by: p.userId,
      at: nowIso(),
    });
    await ctx.audit.record(
      trx,
      { id: p.userId, name: p.username },
      {
        action: 'matter.step',
        entityType: 'matter',
        entityId: m.row.id,
        regionCode: m.row.regionCode,
        summary: `事项 ${m.row.id} 上传附件 ${fileName}（${opts.content.length} 字节，SHA-256 ${sha256.slice(0, 16)}…）`,
        payload: { before: null, after: { state: m.state, action: 'attach', comment: fileName } },
      },
    );
    return id;
  });
}
