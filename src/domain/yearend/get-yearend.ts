// The 统计年报 a user asked for: the tables and checks of the year, and — once the year is
// submitted — the submission (its hash verified) and every figure the ledger now gives otherwise.
import type { YearendResponse } from '../../common/wire-yearend.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { findSubmission } from '../../db/repositories/yearend.ts';
import { authorize } from '../accounts/authorize.ts';
import type { Principal } from '../accounts/policies.ts';
import { computeYearend } from './compute-yearend.ts';
import { figureDifferences, figuresHash } from './tables.ts';

export async function getYearend(
  db: Executor,
  opts: { principal: Principal | null; regionCode: string; year: number },
): Promise<YearendResponse> {
  if (opts.principal)
    await authorize(db, opts.principal, 'yearend.read', { region: opts.regionCode, wholeRegion: true });
  const c = await computeYearend(db, opts);
  const s = await findSubmission(db, opts.regionCode, opts.year);
  return {
    regionCode: c.regionCode,
    regionName: c.regionName,
    year: c.year,
    asOf: c.asOf,
    tables: c.tables,
    checks: c.checks,
    passed: c.passed,
    submission: s
      ? {
          year: s.year,
          asOf: s.asOf,
          hash: s.hash,
          submittedAt: s.submittedAt,
          submittedByName: s.submittedByName,
          hashValid: figuresHash(s.figures) === s.hash,
        }
      : null,
    differences: s ? figureDifferences(s.figures, c.figures) : [],
  };
}
