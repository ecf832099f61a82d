// Section 一、基本情况 built from the template and the figures (not from the server's text): every
// `*` of BASIC_TEMPLATE is a place of BASIC_PLACES in order, `{57}` is the 党政机构 count.
import { BASIC_PLACES, BASIC_TEMPLATE } from '../../../../src/common/report-basic.ts';
import { levelOfCode, summedSubject } from '../../../../src/common/region-words.ts';
import type { BasicFigure, BasicReport } from '../../api/index.ts';

export type Segment =
  | { type: 'text'; text: string }
  | { type: 'name'; text: string }
  | {
      type: 'figure';
      key: string;
      label: string;
      definition: string;
      /** null when the report lacks the figure (shown as a dash, not linked). */
      value: number | null;
      drill: BasicFigure['drill'];
    };

export interface ReportLine {
  /** 一、… and （一）… lines are headings; the others are body paragraphs. */
  kind: 'heading1' | 'heading2' | 'body';
  segments: Segment[];
}

const NUMBERED_PLACES = BASIC_PLACES.filter((p) => p.place > 0).sort((a, b) => a.place - b.place);
const PARTY_GOVERNMENT = BASIC_PLACES.find((p) => p.place === 0);

function lineKind(line: string): ReportLine['kind'] {
  if (/^[一二三四五六七八九十]+、/.test(line)) return 'heading1';
  if (line.startsWith('（')) return 'heading2';
  return 'body';
}

export function buildReportLines(report: BasicReport): ReportLine[] {
  const figures = new Map(report.figures.map((f) => [f.key, f]));
  const figureSegment = (key: string, label: string, definition: string): Segment => {
    const figure = figures.get(key);
    return {
      type: 'figure',
      key,
      label: figure?.label ?? label,
      definition: figure?.definition ?? definition,
      value: figure ? figure.value : null,
      drill: figure?.drill ?? null,
    };
  };

  // A city's or province's sum speaks as 全市各县（市、区）, as the server's text does.
  const summed = summedSubject(report.regionName, report.regionCode);
  const cityName = levelOfCode(report.regionCode) === 'province' ? '各市' : report.cityName;
  let next = 0;
  return BASIC_TEMPLATE.map((template) => {
    const line = summed ? template.replaceAll('全县', summed) : template;
    const segments: Segment[] = [];
    let text = '';
    const flush = () => {
      if (text) segments.push({ type: 'text', text });
      text = '';
    };
    let i = 0;
    while (i < line.length) {
      if (line.startsWith('{57}', i) && PARTY_GOVERNMENT) {
        flush();
        segments.push(
          figureSegment(PARTY_GOVERNMENT.key, PARTY_GOVERNMENT.label, PARTY_GOVERNMENT.definition),
        );
        i += 4;
        continue;
      }
      const char = line.charAt(i);
      if (char !== '*') {
        text += char;
        i += 1;
        continue;
      }
      const place = NUMBERED_PLACES[next];
      next += 1;
      i += 1;
      if (!place) {
        text += '*';
        continue;
      }
      flush();
      if (place.kind === 'name') {
        // "*县" / "*市": the place takes the full name (永宁县, 银川市), the suffix goes with it.
        const suffix = line.charAt(i);
        if (suffix === '县' || suffix === '市') i += 1;
        const name = place.key === 'cityName' ? cityName : (summed ?? report.regionName);
        segments.push({ type: 'name', text: name });
      } else {
        segments.push(figureSegment(place.key, place.label, place.definition));
      }
    }
    flush();
    return { kind: lineKind(line), segments };
  });
}

export function segmentText(segment: Segment): string {
  if (segment.type === 'figure') return segment.value === null ? '—' : String(segment.value);
  return segment.text;
}

/** The lines as plain text, one paragraph a line. */
export function reportPlainText(lines: readonly ReportLine[]): string {
  return lines.map((line) => line.segments.map(segmentText).join('')).join('\n');
}
