import { describe, expect, it } from 'vitest';
import { BASIC_PLACES, type BasicReport } from '../common/report-basic.ts';
import { chineseDate, lineKind, mmToTwips, renderBasicDocx } from './basic-docx.ts';
import { unzip } from '../../test/support/zip.ts';

/** A made-up county: every count figure gets a distinct value, 党政机构 the seed's 57. */
function sampleReport(): BasicReport {
  const figures = BASIC_PLACES.filter((p) => p.kind === 'count').map((p) => ({
    key: p.key,
    label: p.label,
    value: p.key === 'partyGovernmentOrgans' ? 57 : 100 + p.place,
    definition: p.definition,
    drill: p.drill,
  }));
  return {
    regionCode: '640121',
    regionName: '永宁县',
    cityName: '银川市',
    asOf: '2024-06-30',
    figures,
    counties: [],
  };
}

function part(files: Map<string, Buffer>, name: string): string {
  const f = files.get(name);
  if (!f) throw new Error(`missing ${name}`);
  return f.toString('utf8');
}

/** The XML of the paragraph whose text starts with `text`. */
function paragraphWith(xml: string, text: string): string {
  const p = xml.split('<w:p>').find((chunk) => chunk.includes(`>${text}`));
  if (!p) throw new Error(`no paragraph with ${text}`);
  return p;
}

describe('renderBasicDocx', () => {
  it('converts millimetres to twips as GB/T 9704 needs them', () => {
    expect(mmToTwips(210)).toBe(11906);
    expect(mmToTwips(297)).toBe(16838);
    expect(mmToTwips(37)).toBe(2098);
    expect(mmToTwips(35)).toBe(1984);
    expect(mmToTwips(28)).toBe(1587);
    expect(mmToTwips(26)).toBe(1474);
  });

  it('tells headings from body text', () => {
    expect(lineKind('一、基本情况')).toBe('heading1');
    expect(lineKind('（三）教师卫生系统编制情况')).toBe('heading2');
    expect(lineKind('永宁县共设置党政机构57个')).toBe('body');
    expect(lineKind('（其中政法专项编制5名）')).toBe('body');
    expect(chineseDate('2024-06-30')).toBe('2024年6月30日');
  });

  it('writes the report on an A4 page laid out after GB/T 9704', async () => {
    const buf = await renderBasicDocx(sampleReport());
    const files = unzip(buf);
    const doc = part(files, 'word/document.xml');

    // Title, date line and the filled-in text.
    expect(doc).toContain('永宁县机构编制基本情况');
    expect(doc).toContain('（截至2024年6月30日）');
    expect(doc).toContain('永宁县共设置党政机构57个，其中：党委机构102个（纪检监察机关103个');
    expect(doc).toContain('银川市委政府派出机构112个');
    expect(doc).toContain('永宁县共有行政事业编制136名');
    expect(doc).toContain('实际空编171名。');
    expect(doc).not.toContain('*');

    // Fonts of title, headings and body.
    expect(paragraphWith(doc, '永宁县机构编制基本情况')).toContain('w:eastAsia="方正小标宋简体"');
    expect(paragraphWith(doc, '永宁县机构编制基本情况')).toContain('<w:sz w:val="44"/>');
    expect(paragraphWith(doc, '一、基本情况')).toContain('w:eastAsia="黑体"');
    expect(paragraphWith(doc, '（一）机构设置情况')).toContain('w:eastAsia="楷体_GB2312"');
    expect(paragraphWith(doc, '（截至')).toContain('w:eastAsia="楷体_GB2312"');
    const body = paragraphWith(doc, '永宁县共设置党政机构');
    expect(body).toContain('w:eastAsia="仿宋_GB2312"');
    expect(body).toContain('<w:sz w:val="32"/>');
    expect(body).toMatch(/<w:spacing[^>]*w:line="560"[^>]*w:lineRule="exact"/);
    expect(body).toMatch(/<w:ind[^>]*w:firstLine="640"/);

    // Page: A4 portrait, 版心 156 × 225 mm.
    expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const margins = /<w:pgMar ([^>]*)\/>/.exec(doc)?.[1] ?? '';
    expect(margins).toContain('w:top="2098"');
    expect(margins).toContain('w:bottom="1984"');
    expect(margins).toContain('w:left="1587"');
    expect(margins).toContain('w:right="1474"');

    // The 主要指标 table lists every count figure.
    expect(doc).toContain('>主要指标<');
    expect(doc).toContain('>卫生系统实际空编<');
    const rows = doc.match(/<w:tr>/g) ?? [];
    expect(rows.length).toBe(1 + sampleReport().figures.length);
  });

  it('numbers pages "— n —" in 4号宋体, odd pages right and even pages left', async () => {
    const files = unzip(await renderBasicDocx(sampleReport(), { title: '关于机构编制情况的报告' }));
    expect(part(files, 'word/document.xml')).toContain('关于机构编制情况的报告');
    expect(part(files, 'word/settings.xml')).toContain('<w:evenAndOddHeaders');
    const footers = [...files.keys()]
      .filter((n) => /^word\/footer\d+\.xml$/.test(n))
      .map((n) => part(files, n));
    expect(footers).toHaveLength(2);
    for (const f of footers) {
      expect(f).toContain('— ');
      expect(f).toContain(' —');
      expect(f).toMatch(/PAGE/);
      expect(f).toContain('w:eastAsia="宋体"');
      expect(f).toContain('<w:sz w:val="28"/>');
    }
    const aligns = footers.map((f) => /<w:jc w:val="(\w+)"/.exec(f)?.[1]).sort();
    expect(aligns).toEqual(['left', 'right']);
  });
});
