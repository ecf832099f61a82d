// The audit hash chain: each event's hash is HMAC-SM3 over the previous hash and the event's
// canonical form, so changing, deleting or reordering any past event breaks every later link.
import crypto from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  regionCode: string | null;
  summary: string;
  payload: string;
}

export function canonicalEvent(e: ChainedFields): string {
  return JSON.stringify([
    e.id,
    e.at,
    e.actorId,
    e.actorName,
    e.action,
    e.entityType,
    e.entityId,
    e.regionCode,
    e.summary,
    e.payload,
  ]);
}

export function chainHash(key: Buffer, prevHash: string, e: ChainedFields): string {
  return crypto.createHmac('sm3', key).update(prevHash).update('\n').update(canonicalEvent(e)).digest('hex');
}
