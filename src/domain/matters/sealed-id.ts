// A matter that brings in a new person carries their 身份证号; it is stored sealed (SM4), never
// in the clear, inside the matter's changes.
import type { AppContext } from '../../context.ts';
import { decryptField, encryptField } from '../../security/field-crypto.ts';

const PREFIX = 'sealed:';

export function sealIdNumber(ctx: AppContext, idNumber: string): string {
  return idNumber.startsWith(PREFIX) ? idNumber : `${PREFIX}${encryptField(ctx.keys, idNumber)}`;
}

export function unsealIdNumber(ctx: AppContext, stored: string): string {
  return stored.startsWith(PREFIX) ? decryptField(ctx.keys, stored.slice(PREFIX.length)) : stored;
}

export const isSealed = (v: string): boolean => v.startsWith(PREFIX);
