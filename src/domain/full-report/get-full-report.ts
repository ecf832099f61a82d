// Reads a county's 全年汇报 for a year: its text (or the default), every figure on the as-of date
// and the figures the text names that changed since the last rendering.
import type { FullReportResponse } from '../../common/wire-full-report.ts';
import { todayInChina } from '../../context.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { lastReportRendering } from '../../db/repositories/full-report.ts';
import { authorize } from '../accounts/authorize.ts';
import type { Principal } from '../accounts/policies.ts';
import {
  changesSince,
  countyScope,
  documentOrDefault,
  figureDtos,
  filledParagraphs,
  namedValues,
} from './document.ts';
import { computeFigures } from './figures.ts';

export async function getFullReport(
  db: Executor,
  opts: {
    principal: Principal | null;
    regionCode: string;
    year?: number | undefined;
    asOf?: string | undefined;
  },
): Promise<FullReportResponse> {
  if (opts.principal)
    await authorize(db, opts.principal, 'fullReport.read', { region: opts.regionCode, wholeRegion: true });
  const asOf = opts.asOf ?? todayInChina();
  const year = opts.year ?? Number(asOf.slice(0, 4));
  const scope = await countyScope(db, opts.regionCode);
  const doc = await documentOrDefault(db, scope, year);
  const values = await computeFigures(db, { regionCode: opts.regionCode, asOf, workFrom: doc.workFrom });
  const last = doc.id === null ? undefined : await lastReportRendering(db, doc.id);
  return {
    regionCode: scope.regionCode,
    regionName: scope.regionName,
    year,
    asOf,
    document: {
      title: doc.title,
      workFrom: doc.workFrom,
      paragraphs: doc.paragraphs,
      version: doc.version,
      updatedAt: doc.updatedAt,
    },
    figures: figureDtos(values),
    filled: filledParagraphs(doc.paragraphs, values),
    lastRendering: last ? { asOf: last.asOf, renderedAt: last.renderedAt } : null,
    changes: last ? changesSince(last.figures, namedValues(doc.paragraphs, values)) : [],
  };
}
