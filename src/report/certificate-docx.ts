// 事业单位法人证书 (正本 and 副本) as a Word document, from one issued certificate's recorded
// particulars (what was printed then, not the record as it is now), through the shared
// GB/T 9704 layout of basic-docx.ts. A withdrawn certificate is marked 已作废 with its reason.
import type { CertificateRecord } from '../db/repositories/registration.ts';
import { chineseDate, renderOfficialDocx } from './basic-docx.ts';

export async function renderCertificateDocx(c: CertificateRecord, copy: '正本' | '副本'): Promise<Buffer> {
  const p = c.particulars;
  const title = `事业单位法人证书（${copy}）`;
  return renderOfficialDocx({
    title,
    subtitle: `（${c.certificateNo}）`,
    description: `${title} ${c.certificateNo} ${p.name}`,
    lines: [
      `统一社会信用代码：${p.uscc ?? ''}`,
      `名称：${p.name}${p.otherNames.length > 0 ? `（${p.otherNames.join('、')}）` : ''}`,
      `宗旨和业务范围：${p.purpose}`,
      `住所：${p.address}`,
      `法定代表人：${p.legalRep}`,
      `开办资金：${p.capital}万元`,
      `经费来源：${p.fundingSource}`,
      `举办单位：${p.sponsor}`,
      `有效期：自${chineseDate(c.issuedOn)}至${chineseDate(c.validUntil)}`,
      `发证日期：${chineseDate(c.issuedOn)}（${c.reason}）`,
      ...(c.revokedOn ? [`本证书已于${chineseDate(c.revokedOn)}作废：${c.revokedReason ?? ''}`] : []),
    ],
    figures: [],
  });
}
