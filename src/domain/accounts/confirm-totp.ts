// Confirms the caller's TOTP enrolment with a code from the authenticator: from then on the
// code is asked at every login. Audited.
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import * as accounts from '../../db/repositories/accounts.ts';
import { AppError, invalid, notFound } from '../../errors.ts';
import { decryptField } from '../../security/field-crypto.ts';
import { matchTotp } from './totp.ts';

export async function confirmTotp(ctx: AppContext, opts: { userId: number; code: string }): Promise<void> {
  const db = ctx.db.kysely;
  const user = await accounts.findUser(db, opts.userId);
  if (!user) throw notFound('用户');
  if (user.totp_enabled_at !== null) throw new AppError('CONFLICT', '已启用动态口令');
  if (user.totp_secret === null) throw invalid('请先生成动态口令密钥');
  const step = matchTotp(decryptField(ctx.keys, user.totp_secret), opts.code, Date.now());
  if (step === null) throw invalid('动态口令不正确，请核对手机时间后重试');
  const at = nowIso();
  await db.transaction().execute(async (trx) => {
    await accounts.setTotp(trx, user.id, { sealedSecret: user.totp_secret, enabledAt: at, lastStep: step });
    await ctx.audit.record(
      trx,
      { id: user.id, name: user.username },
      {
        action: 'user.totp_enable',
        entityType: 'user',
        entityId: user.id,
        regionCode: user.region_code,
        summary: `${user.username} 启用动态口令`,
        payload: { before: null, after: { username: user.username } },
      },
    );
  });
}
