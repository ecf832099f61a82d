// The HTTP wire of account security (等保三级): the deployment's security policy, set by the
// 安全管理员, and the TOTP second factor. Types are inferred from the schemas.
import { z } from 'zod';

export const SecurityPolicy = z.object({
  /** Minimum password length. */
  passwordMinLength: z.number().int().min(8, '密码长度至少 8 位').max(64),
  /** Of lower-case, upper-case, digits and symbols, how many a password must use. */
  passwordMinClasses: z.number().int().min(1).max(4),
  /** A new password may not be any of the last N (the current one included); 0: no history. */
  passwordHistory: z.number().int().min(0).max(24),
  /** Days after which a password must be changed at the next login; 0: never. */
  passwordExpiryDays: z.number().int().min(0).max(3650),
  /** When true, the administrators (编办管理员, 系统/安全管理员, 安全审计员) must use a TOTP second factor. */
  totpRequired: z.boolean(),
});
export type SecurityPolicy = z.infer<typeof SecurityPolicy>;

export const SecurityPolicyResponse = SecurityPolicy.extend({
  updatedAt: z.string().nullable(),
});
export type SecurityPolicyResponse = z.infer<typeof SecurityPolicyResponse>;

/** What enrolment shows once: the secret (for typing in) and the otpauth:// URI (for pasting). */
export const TotpEnrolment = z.object({ secret: z.string(), uri: z.string() });
export type TotpEnrolment = z.infer<typeof TotpEnrolment>;

export const TotpCodeBody = z.object({ code: z.string().regex(/^\d{6}$/, '动态口令应为6位数字') });
export type TotpCodeBody = z.infer<typeof TotpCodeBody>;
