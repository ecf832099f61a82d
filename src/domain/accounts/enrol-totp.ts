// Starts the enrolment of the caller's own TOTP second factor: a new secret, sealed with SM4
// in the database and shown this once (as text and as an otpauth:// URI). It is not asked at
// login until a code from the authenticator has been confirmed (confirm-totp.ts).
import type { TotpEnrolment } from '../../common/wire-security.ts';
import type { AppContext } from '../../context.ts';
import * as accounts from '../../db/repositories/accounts.ts';
import { AppError, notFound } from '../../errors.ts';
import { encryptField } from '../../security/field-crypto.ts';
import { newTotpSecret, otpauthUri } from './totp.ts';

export const TOTP_ISSUER = '编制系统';

export async function enrolTotp(ctx: AppContext, opts: { userId: number }): Promise<TotpEnrolment> {
  const user = await accounts.findUser(ctx.db.kysely, opts.userId);
  if (!user) throw notFound('用户');
  if (user.totp_enabled_at !== null) {
    throw new AppError('CONFLICT', '已启用动态口令；如需更换，请由系统管理员重置密码后重新绑定');
  }
  const secret = newTotpSecret();
  await accounts.setTotp(ctx.db.kysely, user.id, {
    sealedSecret: encryptField(ctx.keys, secret),
    enabledAt: null,
    lastStep: null,
  });
  return { secret, uri: otpauthUri({ issuer: TOTP_ISSUER, account: user.username, secret }) };
}
