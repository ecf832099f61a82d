import type { ReportLine } from './reportText.ts';
import type { DrillTarget } from './DrillDrawer.tsx';

/**
 * Section 一 laid out like an official document: headings in 黑体 / 楷体, body paragraphs in 仿宋
 * with a two-character first-line indent. Every count is a button that opens its drill-down.
 */
export function ReportText({
  lines,
  onDrill,
}: {
  lines: readonly ReportLine[];
  onDrill: (target: DrillTarget) => void;
}) {
  return (
    <div className="bz-doc" data-testid="report-text">
      {lines.map((line, index) => {
        const className =
          line.kind === 'heading1' ? 'bz-doc-h1' : line.kind === 'heading2' ? 'bz-doc-h2' : 'bz-doc-p';
        return (
          <p key={index} className={className}>
            {line.segments.map((segment, at) => {
              if (segment.type !== 'figure') return <span key={at}>{segment.text}</span>;
              const { key, label, definition, value } = segment;
              if (value === null) {
                return (
                  <span key={at} title={`${label}：报告中缺少此项`}>
                    —
                  </span>
                );
              }
              return (
                <button
                  key={at}
                  type="button"
                  className="bz-figure-link"
                  data-testid={`figure-${key}`}
                  title={`${label}：${definition}`}
                  onClick={() => onDrill({ key, label, definition, value })}
                >
                  {value}
                </button>
              );
            })}
          </p>
        );
      })}
    </div>
  );
}
