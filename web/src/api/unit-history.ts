// 沿革: a unit's history as a chain of documents.
import type { UnitHistoryEntry } from '../../../src/common/wire.ts';
import { request } from './client.ts';

export type { UnitHistoryEntry };

export function getUnitHistory(id: number): Promise<UnitHistoryEntry[]> {
  return request<UnitHistoryEntry[]>(`/api/units/${String(id)}/history`);
}
