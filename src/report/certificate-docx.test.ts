import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { CertificateRecord } from '../db/repositories/registration.ts';
import { renderCertificateDocx } from './certificate-docx.ts';

/** The files of a zip archive (stored or deflated entries), read from its central directory. */
function unzip(buf: Buffer): Map<string, Buffer> {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLength).toString('utf8');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    files.set(name, method === 0 ? Buffer.from(data) : inflateRawSync(data));
    p += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

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
