// 交叉互评任务 (an evaluator of another county): the plans the signed-in user holds a grant in force
// for — plan, evaluated county, units, stage dates — and, opened, the plan with its 交叉互评
// scoring tab and the result. The grant opens only these; the server refuses scores outside the
// stage's dates with its Chinese message, shown as it is.
import { Card, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { getEvaluationPlan, listCrossGrants, type CrossGrantSummary } from '../../api/evaluation.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { ErrorAlert, Loading } from '../../components/feedback.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { todayInChina } from '../../lib/format.ts';
import { CROSS_WINDOW_LABELS, crossWindow } from './crossTasks.ts';
import { PlanView } from './PlanView.tsx';
import { ResultView } from './ResultView.tsx';
import { StageScoring } from './StageScoring.tsx';

function CrossTask({ grant }: { grant: CrossGrantSummary }) {
  const plan = useAsync(() => getEvaluationPlan(grant.planId), [grant.planId]);
  if (plan.error) return <ErrorAlert title="评估方案加载失败" error={plan.error} onRetry={plan.reload} />;
  if (!plan.data) return <Loading />;
  const p = plan.data;
  // The grant covers the plan's units as the server listed them with the grant.
  const units = p.units.filter((u) => grant.units.some((g) => g.id === u.id));
  return (
    <Card size="small" title={`${p.title}（交叉互评）`} data-testid="cross-task-detail">
      <Tabs
        destroyOnHidden
        data-testid="cross-task-tabs"
        defaultActiveKey="cross"
        items={[
          { key: 'plan', label: '评估方案', children: <PlanView plan={p} /> },
          {
            key: 'cross',
            label: '交叉互评',
            children: <StageScoring key={`cross-${p.updatedAt}`} plan={p} stage="cross" units={units} />,
          },
          { key: 'result', label: '评估结果', children: <ResultView plan={p} /> },
        ]}
      />
    </Card>
  );
}

export function CrossTasks() {
  const me = useCurrentUser();
  const grants = useAsync(() => listCrossGrants(), []);
  const [open, setOpen] = useState<number | null>(null);
  if (grants.error)
    return <ErrorAlert title="交叉互评任务加载失败" error={grants.error} onRetry={grants.reload} />;
  const today = todayInChina();
  const list = grants.data ?? [];
  const chosen = list.find((g) => g.grantId === open);
  const columns: TableColumnsType<CrossGrantSummary> = [
    {
      title: '评估方案',
      dataIndex: 'title',
      render: (title: string, g) => (
        <Typography.Link strong={g.grantId === open} onClick={() => setOpen(g.grantId)}>
          {title}
        </Typography.Link>
      ),
    },
    {
      title: '被评估县',
      dataIndex: 'regionName',
      width: 220,
    },
    {
      title: '被评估单位',
      dataIndex: 'units',
      render: (units: CrossGrantSummary['units']) => units.map((u) => <Tag key={u.id}>{u.name}</Tag>),
    },
    {
      title: '交叉互评阶段',
      key: 'window',
      width: 250,
      render: (_: unknown, g) => {
        const w = crossWindow(g, today);
        return (
          <Space size={4}>
            <span>
              {g.crossFrom} 至 {g.crossTo}
            </span>
            <Tag color={w === 'open' ? 'processing' : 'default'}>{CROSS_WINDOW_LABELS[w]}</Tag>
          </Space>
        );
      },
    },
  ];
  const myId = (
    <Typography.Text type="secondary" data-testid="cross-my-id">
      本人用户编号 {me.user.id}（其他县编办授权交叉互评时需要）
    </Typography.Text>
  );
  if (!grants.data) return null;
  // No task: one quiet line, so that the office's own page stays uncluttered.
  if (list.length === 0)
    return (
      <Typography.Text type="secondary" data-testid="cross-tasks">
        交叉互评任务：暂无交叉互评任务。{myId}
      </Typography.Text>
    );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title="交叉互评任务" extra={myId}>
        <Table<CrossGrantSummary>
          data-testid="cross-tasks"
          rowKey="grantId"
          size="small"
          loading={grants.loading}
          columns={columns}
          dataSource={list}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '暂无交叉互评任务' }}
        />
      </Card>
      {chosen ? <CrossTask key={chosen.grantId} grant={chosen} /> : null}
    </Space>
  );
}
