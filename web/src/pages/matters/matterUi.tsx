import { Tag } from 'antd';
import type { MatterState } from '../../api/index.ts';
import { MATTER_STATE_COLORS, MATTER_STATES } from '../../lib/matter-labels.ts';

/** Matters that can no longer change: no attachments, no rule checks. */
export function isClosed(state: MatterState): boolean {
  return state === 'implemented' || state === 'rejected';
}

export function MatterStateTag({
  state,
  label,
  testId,
}: {
  state: MatterState;
  label?: string;
  testId?: string;
}) {
  return (
    <Tag color={MATTER_STATE_COLORS[state]} data-testid={testId}>
      {label || MATTER_STATES[state]}
    </Tag>
  );
}

export function KindTags({ kinds }: { kinds: readonly string[] }) {
  return (
    <>
      {kinds.map((kind) => (
        <Tag key={kind} variant="outlined" className="bz-tag-small">
          {kind}
        </Tag>
      ))}
    </>
  );
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${String(bytes)} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
