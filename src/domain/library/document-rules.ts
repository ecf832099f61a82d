// What every change of a library document checks, and what its audit event records.
import type { LibraryDocument, LibraryDocumentInput } from '../../common/wire-library.ts';
import type { AuditEventMap } from '../../audit/events.ts';
import { invalid } from '../../errors.ts';

/** A document cannot take effect before it was issued. */
export function checkDocumentDates(d: LibraryDocumentInput): void {
  if (d.effectiveOn !== null && d.effectiveOn < d.issuedOn) throw invalid('施行日期不能早于发布日期');
}

export function auditedDocument(d: LibraryDocument): NonNullable<AuditEventMap['library.document']['after']> {
  return {
    title: d.title,
    docNo: d.docNo,
    issuer: d.issuer,
    issuedOn: d.issuedOn,
    effectiveOn: d.effectiveOn,
    validity: d.validity,
    fullTextLength: d.fullText.length,
  };
}
