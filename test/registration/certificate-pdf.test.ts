// The PDF certificate's converter is found at run time: BIANZHI_SOFFICE, else soffice or
// libreoffice on the PATH. Without one the answer is a clear Chinese message; with one (when
// this machine has LibreOffice) the .docx certificate converts to a PDF.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import { renderCertificateDocx } from '../../src/report/certificate-docx.ts';
import { docxToPdf, findSoffice, PDF_UNAVAILABLE } from '../../src/report/certificate-pdf.ts';
import { tempDir } from '../support/fixtures.ts';
import { unzip } from '../support/zip.ts';

const certificate = {
  id: 1,
  registrationId: 1,
  certificateNo: '事证第164012100001号',
  reason: '设立登记',
  issuedOn: '2026-01-09',
  validUntil: '2031-01-08',
  particulars: {
    name: '永宁县第一中学',
    otherNames: [],
    purpose: '实施高中学历教育',
    address: '永宁县杨和镇',
    legalRep: '王某',
    capital: '100',
    fundingSource: '财政补助',
    sponsor: '永宁县教育局',
    sponsorUnitId: null,
    uscc: '12640121MB0000100X',
  },
  revokedOn: null,
  revokedReason: null,
  applicationId: null,
};

describe('PDF certificates through LibreOffice', () => {
  it('finds the converter named by BIANZHI_SOFFICE or on the PATH, and none where there is none', () => {
    const dir = tempDir();
    const fake = path.join(dir, 'soffice');
    fs.writeFileSync(fake, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    expect(findSoffice({ PATH: dir })).toBe(fake);
    expect(findSoffice({ PATH: `${path.join(dir, 'nothing')}` })).toBeNull();
    expect(findSoffice({ PATH: dir, BIANZHI_SOFFICE: path.join(dir, 'missing') })).toBeNull();
    expect(findSoffice({ PATH: '', BIANZHI_SOFFICE: fake })).toBe(fake);
  });

  it('answers with the reason when LibreOffice is absent', async () => {
    const docx = await renderCertificateDocx(certificate, '正本');
    const refusal = await docxToPdf(docx, { soffice: null }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ code: 'UNAVAILABLE', message: PDF_UNAVAILABLE });
  });

  it('reports a converter that produces nothing as a failure, not an empty PDF', async () => {
    const dir = tempDir();
    const broken = path.join(dir, 'soffice');
    fs.writeFileSync(broken, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const docx = await renderCertificateDocx(certificate, '副本');
    await expect(docxToPdf(docx, { soffice: broken })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it("ends with the certificate's text: no empty table of figures", async () => {
    const docx = await renderCertificateDocx(certificate, '正本');
    const body = unzip(docx).get('word/document.xml')?.toString('utf8') ?? '';
    expect(body).toContain('永宁县第一中学');
    expect(body).not.toContain('主要指标');
    expect(body).not.toContain('<w:tbl>');
  });

  it('converts the certificate when this machine has LibreOffice', async () => {
    const soffice = findSoffice();
    const docx = await renderCertificateDocx(certificate, '正本');
    if (soffice === null) {
      await expect(docxToPdf(docx)).rejects.toMatchObject({ message: PDF_UNAVAILABLE });
      return;
    }
    const pdf = await docxToPdf(docx, { soffice });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(1000);
  }, 180_000);
});
