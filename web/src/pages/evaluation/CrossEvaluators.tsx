// 交叉互评人员 of a plan (the evaluated county's office): who holds a grant, of which county, until
// when and in what state; naming a user of another county by their user number; revoking. The
// office cannot list other counties' users, so the evaluator's user number is asked of that
// county (its 系统管理员 sees it in 用户管理). The server checks the user and answers in Chinese.
import { App, Button, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { CROSS_GRANT_STATE_LABELS, type CrossGrantState } from '../../../../src/common/evaluation.ts';
import { errorMessage } from '../../api/index.ts';
import {
  grantCrossEvaluator,
  listCrossEvaluators,
  revokeCrossEvaluator,
  type CrossEvaluator,
  type EvaluationPlan,
} from '../../api/evaluation.ts';
import { EmptyState, ErrorAlert } from '../../components/feedback.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { dateTime } from '../../lib/format.ts';
import { parseUserId } from './crossTasks.ts';

const STATE_COLORS: Record<CrossGrantState, string> = {
  active: 'success',
  expired: 'default',
  revoked: 'error',
};

export function CrossEvaluators({ plan }: { plan: EvaluationPlan }) {
  const { message } = App.useApp();
  const evaluators = useAsync(() => listCrossEvaluators(plan.id), [plan.id, plan.updatedAt]);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);

  if (plan.crossFrom === null || plan.crossTo === null)
    return <EmptyState text="本方案未安排交叉互评阶段：请先在“修改方案”中填写交叉互评的起止日期" />;
  if (evaluators.error)
    return <ErrorAlert title="交叉互评人员加载失败" error={evaluators.error} onRetry={evaluators.reload} />;

  async function grant() {
    const userId = parseUserId(typed);
    if (userId === null) {
      void message.warning('请填写对方县评估人员的用户编号（正整数）');
      return;
    }
    setBusy(true);
    try {
      const saved = await grantCrossEvaluator(plan.id, userId);
      void message.success(`已授权 ${saved.displayName || saved.username} 为交叉互评人员`);
      setTyped('');
      evaluators.reload();
    } catch (error) {
      void message.error(`授权失败：${errorMessage(error)}`);
    } finally {
      setBusy(false);
    }
  }

  async function revoke(e: CrossEvaluator) {
    try {
      await revokeCrossEvaluator(plan.id, e.userId);
      void message.success(`已撤销 ${e.displayName || e.username} 的交叉互评授权`);
      evaluators.reload();
    } catch (error) {
      void message.error(`撤销失败：${errorMessage(error)}`);
    }
  }

  const columns: TableColumnsType<CrossEvaluator> = [
    {
      title: '评估人员',
      key: 'who',
      width: 200,
      render: (_: unknown, e) => `${e.displayName}（${e.username}）`,
    },
    { title: '用户编号', dataIndex: 'userId', width: 90, align: 'right' },
    {
      title: '所在县（市、区）',
      dataIndex: 'regionName',
      width: 220,
    },
    { title: '授权时间', dataIndex: 'grantedAt', width: 160, render: (v: string) => dateTime(v) },
    { title: '有效期至', dataIndex: 'validUntil', width: 110, render: (v: string | null) => v ?? '—' },
    {
      title: '状态',
      dataIndex: 'state',
      width: 90,
      render: (s: CrossGrantState) => <Tag color={STATE_COLORS[s]}>{CROSS_GRANT_STATE_LABELS[s]}</Tag>,
    },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_: unknown, e) =>
        e.state === 'active' ? (
          <Popconfirm
            title={`撤销 ${e.displayName || e.username} 的交叉互评授权？`}
            description="撤销后对方立即不能再查看本方案和打分。"
            okText="撤销"
            cancelText="取消"
            onConfirm={() => revoke(e)}
          >
            <Button type="link" size="small" danger data-testid={`cross-revoke-${String(e.userId)}`}>
              撤销
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="cross-evaluators">
      <Space wrap align="start">
        <Space.Compact>
          <Space.Addon>用户编号</Space.Addon>
          <Input
            style={{ width: 140 }}
            placeholder="如 12"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            onPressEnter={() => void grant()}
            data-testid="cross-user-id"
          />
        </Space.Compact>
        <Button type="primary" loading={busy} onClick={() => void grant()} data-testid="cross-grant">
          授权交叉互评人员
        </Button>
      </Space>
      <Typography.Text type="secondary">
        {`交叉互评人员须为其他县（市、区）的编办管理员、业务员或领导。本县不能查看其他县的用户，请向对方县索取评估人员的用户编号（对方在“评估问效”页的交叉互评任务处、对方系统管理员在“用户管理”中可见）。授权至交叉互评阶段最后一天（${plan.crossTo}）自动失效，期间可随时撤销。`}
      </Typography.Text>
      <Table<CrossEvaluator>
        data-testid="cross-evaluator-list"
        rowKey="grantId"
        size="small"
        loading={evaluators.loading}
        columns={columns}
        dataSource={evaluators.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '尚未授权交叉互评人员' }}
      />
    </Space>
  );
}
