import { describe, expect, it } from 'vitest';
import type { CertificateRecord } from '../db/repositories/registration.ts';
import { renderCertificateDocx } from './certificate-docx.ts';
import { unzip } from '../../test/support/zip.ts';

const CERT: CertificateRecord = {
  id: 1,
  registrationId: 1,
  certificateNo: '事证第640121000002号',
  reason: '变更',
  issuedOn: '2026-05-07',
  validUntil: '2031-05-06',
  particulars: {
    name: '望洪镇卫生院',
    otherNames: [],
    purpose: '医疗与护理保健服务',
    address: '永宁县望洪镇',
    legalRep: '李某',
    capital: '120',
    fundingSource: '财政补助',
    sponsor: '永宁县望洪镇人民政府',
    sponsorUnitId: null,
    uscc: '12640121MB0001003R',
  },
  revokedOn: null,
  revokedReason: null,
  applicationId: 2,
};

const text = async (c: CertificateRecord, copy: '正本' | '副本') =>
  (
    unzip(await renderCertificateDocx(c, copy))
      .get('word/document.xml')
      ?.toString('utf8') ?? ''
  ).replace(/<[^>]+>/g, '');

describe('事业单位法人证书', () => {
  it('prints the copy, number, code, particulars and validity as issued', async () => {
    const body = await text(CERT, '副本');
    for (const s of [
      '事业单位法人证书（副本）',
      '事证第640121000002号',
      '12640121MB0001003R',
      '法定代表人：李某',
      '举办单位：永宁县望洪镇人民政府',
      '自2026年5月7日至2031年5月6日',
    ]) {
      expect(body).toContain(s);
    }
    expect(body).not.toContain('作废');
    expect(await text(CERT, '正本')).toContain('事业单位法人证书（正本）');
  });

  it('marks a withdrawn certificate void with its reason', async () => {
    expect(await text({ ...CERT, revokedOn: '2026-09-02', revokedReason: '注销登记收缴' }, '正本')).toContain(
      '作废：注销登记收缴',
    );
  });
});
