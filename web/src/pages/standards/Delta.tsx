import { formatNumber } from '../../lib/format.ts';

/**
 * "101 → 150（+49）": a saved figure, the what-if figure and the difference. `bad` says which way is
 * worse (缺配 going up is red); without it the change is only highlighted.
 */
export function Delta({
  before,
  after,
  bad,
  testId,
}: {
  before: number;
  after: number;
  bad?: 'up' | 'down';
  testId?: string;
}) {
  const diff = after - before;
  if (diff === 0)
    return (
      <span className="bz-std-delta" data-testid={testId}>
        {formatNumber(after)}
        <span className="bz-muted">（不变）</span>
      </span>
    );
  const worse = bad === undefined ? null : (bad === 'up') === diff > 0;
  const cls =
    worse === null ? 'bz-std-diff' : worse ? 'bz-std-diff bz-std-worse' : 'bz-std-diff bz-std-better';
  return (
    <span className="bz-std-delta" data-testid={testId}>
      <span className="bz-muted">{formatNumber(before)} → </span>
      <strong>{formatNumber(after)}</strong>
      <span className={cls}>
        （{diff > 0 ? '+' : '−'}
        {formatNumber(Math.abs(diff))}）
      </span>
    </span>
  );
}
