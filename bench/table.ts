// One table per run: each figure beside the floor or raw-speed reference measured in the same run
// (or the budget where nothing can be measured against), the ratio, and the target it must meet.
// Printed as Markdown, so a run can be pasted into bench/README.md as it is.

export interface Figure {
  what: string;
  value: number;
  unit: 'ms' | 's' | 'kB' | 'MB';
  /** The reference: a floor measured in this run (`node -e 0`), or a budget. */
  reference: { label: string; value: number } | null;
  /** The ratio value / reference must stay at or below this; null where only reported. */
  maxRatio: number | null;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

const fmt = (v: number, unit: Figure['unit']): string => `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ${unit}`;

export function figureTable(title: string, figures: Figure[]): string {
  const lines = [
    `### ${title}`,
    '',
    '| 项目 | 数值 | 参照（同一次运行） | 比值 | 目标 |',
    '|---|---|---|---|---|',
  ];
  for (const f of figures) {
    const ratio = f.reference && f.reference.value > 0 ? f.value / f.reference.value : null;
    const target =
      f.maxRatio === null || ratio === null
        ? '仅报告'
        : `≤ ${f.maxRatio}× ${ratio <= f.maxRatio ? '✓' : '✗ 未达到'}`;
    lines.push(
      `| ${f.what} | ${fmt(f.value, f.unit)} | ${f.reference ? `${f.reference.label} ${fmt(f.reference.value, f.unit)}` : '—'} | ${ratio === null ? '—' : `${ratio.toFixed(2)}×`} | ${target} |`,
    );
  }
  return lines.join('\n');
}
