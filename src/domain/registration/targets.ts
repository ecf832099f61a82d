// What a registration request names for authorize() (src/domain/accounts/authorize.ts): the
// area's actions are in the central permission table, where a liaison's scope is exactly their
// own unit, so a liaison's list names that unit and a record names the unit it belongs to.
import type { Principal } from '../accounts/policies.ts';

/** The unit a listing names: a liaison's own (the list is filtered to it); none for the office. */
export const ownUnit = (p: Principal): number[] =>
  p.role === 'liaison' && p.unitId !== null ? [p.unitId] : [];

/** A loaded record's unit with its county, for permits() without a query per row. */
export const unitOf = (r: { unitId: number; regionCode: string }): { id: number; regionCode: string } => ({
  id: r.unitId,
  regionCode: r.regionCode,
});
