// 沿革: every change of a unit, its quotas, posts and plaques, by date with its 文号.
import { Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { getUnitHistory, type UnitHistoryEntry } from '../../api/unit-history.ts';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback.tsx';
import { useAsync } from '../../hooks/useAsync.ts';

const KIND_LABELS: Record<UnitHistoryEntry['kind'], { text: string; color: string }> = {
  unit: { text: '机构', color: 'blue' },
  quota: { text: '编制', color: 'green' },
  post: { text: '领导职数', color: 'purple' },
  plaque: { text: '牌子', color: 'orange' },
  history: { text: '历史事项', color: 'gold' },
};

export function UnitHistoryTimeline({ unitId }: { unitId: number }) {
  const { data, error, loading, reload } = useAsync(() => getUnitHistory(unitId), [unitId]);
  if (loading) return <Loading />;
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!data || data.length === 0) return <EmptyState text="暂无沿革记录" />;
  return (
    <Timeline
      data-testid="unit-history"
      items={data.map((e, i) => ({
        key: `${e.kind}-${String(i)}`,
        color: e.retracted ? 'gray' : KIND_LABELS[e.kind].color,
        children: (
          <div className={e.retracted ? 'bz-history-retracted' : undefined}>
            <Typography.Text strong>{e.date || '日期不详'}</Typography.Text>{' '}
            <Tag color={KIND_LABELS[e.kind].color}>{KIND_LABELS[e.kind].text}</Tag>
            <span>{e.what}</span>
            {e.docNo ? <Typography.Text type="secondary">（{e.docNo}）</Typography.Text> : null}
            {e.matterId !== null ? (
              <>
                {' '}
                <Link to={`/matters/${String(e.matterId)}`}>事项 {e.matterId}</Link>
              </>
            ) : null}
            {e.retracted ? <Tag style={{ marginLeft: 8 }}>已更正</Tag> : null}
          </div>
        ),
      }))}
    />
  );
}
