// 评估问效: the county's evaluation plans by year and type; a plan opens on tabs — 方案 (the
// office creates and revises it), 系统测算, 自评 (the evaluated unit's liaison, for their own
// unit), 实地评估 (the office's team) and 结果 (final scores, grades, ranking, charts). Tabs a
// role may not use are not shown. 问题整改 (findings and rectification) follows the result; a
// further stage (交叉互评) slots in as a tab.
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space, Table, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import {
  EVALUATION_TYPES,
  EVALUATION_TYPE_LABELS,
  type EvaluationType,
} from '../../../../src/common/evaluation.ts';
import {
  getEvaluationPlan,
  listEvaluationPlans,
  type EvaluationPlan,
  type EvaluationPlanSummary,
} from '../../api/evaluation.ts';
import { useCurrentUser, useSession } from '../../app/session.tsx';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { todayInChina } from '../../lib/format.ts';
import { CrossEvaluators } from './CrossEvaluators.tsx';
import { CrossTasks } from './CrossTasks.tsx';
import './evaluation.css';
import { FindingsView } from './FindingsView.tsx';
import { MeasuresView } from './MeasuresView.tsx';
import { PlanEditor } from './PlanEditor.tsx';
import { blankPlanForm, planToForm } from './planForm.ts';
import { PlanView } from './PlanView.tsx';
import { ResultView } from './ResultView.tsx';
import { StageScoring } from './StageScoring.tsx';

type Editing = { planId: number | null; plan: EvaluationPlan | null } | null;

function PlanTabs({ plan, onEdit }: { plan: EvaluationPlan; onEdit: (() => void) | null }) {
  const me = useCurrentUser();
  const p = me.permissions;
  // A liaison scores only their own unit; the office may enter any unit's 自评 for it.
  const ownUnit = me.user.unitId;
  const selfUnits = ownUnit === null ? plan.units : plan.units.filter((u) => u.id === ownUnit);
  const items = [
    {
      key: 'plan',
      label: '评估方案',
      children: (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {onEdit ? (
            <Button icon={<EditOutlined />} onClick={onEdit} data-testid="plan-edit">
              修改方案
            </Button>
          ) : null}
          <PlanView plan={plan} />
        </Space>
      ),
    },
    ...(p.readEvaluationResults
      ? [{ key: 'measures', label: '系统测算', children: <MeasuresView plan={plan} /> }]
      : []),
    ...(p.selfScoreEvaluation
      ? [
          {
            key: 'self',
            label: '自评',
            children: (
              <StageScoring key={`self-${plan.updatedAt}`} plan={plan} stage="self" units={selfUnits} />
            ),
          },
        ]
      : []),
    ...(p.onsiteScoreEvaluation
      ? [
          {
            key: 'onsite',
            label: '实地评估',
            children: (
              <StageScoring key={`onsite-${plan.updatedAt}`} plan={plan} stage="onsite" units={plan.units} />
            ),
          },
        ]
      : []),
    ...(p.readEvaluationResults
      ? [{ key: 'result', label: '评估结果', children: <ResultView plan={plan} /> }]
      : []),
    ...(p.readEvaluationFindings
      ? [
          {
            key: 'findings',
            label: '问题整改',
            children: (
              <FindingsView
                plan={plan}
                ownUnit={ownUnit}
                canManage={p.manageEvaluationFindings}
                canProgress={p.reportEvaluationFindingProgress}
              />
            ),
          },
        ]
      : []),
    ...(p.manageEvaluation
      ? [{ key: 'cross', label: '交叉互评', children: <CrossEvaluators plan={plan} /> }]
      : []),
  ];
  return <Tabs items={items} destroyOnHidden data-testid="plan-tabs" />;
}

function PlansList({
  region,
  selected,
  onSelect,
  reloadKey,
}: {
  region: string;
  selected: number | null;
  onSelect: (id: number) => void;
  reloadKey: number;
}) {
  const [year, setYear] = useState<number | undefined>(undefined);
  const [type, setType] = useState<EvaluationType | undefined>(undefined);
  const plans = useAsync(() => listEvaluationPlans(region), [region, reloadKey]);
  if (plans.error) return <ErrorAlert title="评估方案加载失败" error={plans.error} onRetry={plans.reload} />;
  const all = plans.data ?? [];
  const years = [...new Set(all.map((x) => x.year))].sort((a, b) => b - a);
  const shown = all.filter(
    (x) => (year === undefined || x.year === year) && (type === undefined || x.type === type),
  );
  const columns: TableColumnsType<EvaluationPlanSummary> = [
    { title: '年度', dataIndex: 'year', width: 80 },
    {
      title: '评估类型',
      dataIndex: 'type',
      width: 140,
      render: (t: EvaluationType) => EVALUATION_TYPE_LABELS[t],
    },
    {
      title: '方案名称',
      dataIndex: 'title',
      render: (title: string, row) => (
        <Typography.Link strong={row.id === selected} onClick={() => onSelect(row.id)}>
          {title}
        </Typography.Link>
      ),
    },
    {
      title: '被评估单位',
      dataIndex: 'units',
      width: 110,
      align: 'right',
      render: (n: number) => `${String(n)} 个`,
    },
  ];
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }}>
      <Space wrap>
        <Select<number>
          allowClear
          placeholder="全部年度"
          style={{ width: 120 }}
          value={year}
          onChange={setYear}
          options={years.map((y) => ({ value: y, label: `${String(y)}年` }))}
        />
        <Select<EvaluationType>
          allowClear
          placeholder="全部评估类型"
          style={{ width: 160 }}
          value={type}
          onChange={setType}
          options={EVALUATION_TYPES.map((t) => ({ value: t, label: EVALUATION_TYPE_LABELS[t] }))}
        />
      </Space>
      <Table<EvaluationPlanSummary>
        data-testid="evaluation-plans"
        rowKey="id"
        size="small"
        loading={plans.loading}
        columns={columns}
        dataSource={shown}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        rowClassName={(row) => (row.id === selected ? 'ant-table-row-selected' : '')}
        locale={{ emptyText: '尚无评估方案' }}
      />
    </Space>
  );
}

export function EvaluationPage() {
  const me = useCurrentUser();
  const { regionCode } = useSession();
  const [selected, setSelected] = useState<number | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const plan = useAsync(selected === null ? null : () => getEvaluationPlan(selected), [selected, reloadKey]);
  const canManage = me.permissions.manageEvaluation;
  if (!regionCode) return <EmptyState text="请选择行政区划" />;
  const year = Number(todayInChina().slice(0, 4));
  const editor =
    editing === null
      ? null
      : editing.plan === null
        ? { values: blankPlanForm(year), tree: [] }
        : planToForm(editing.plan);
  return (
    <PageContainer
      title="评估问效"
      subTitle="评估方案、自评、实地评估与评估结果"
      extra={
        canManage ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ planId: null, plan: null })}
            data-testid="plan-new"
          >
            制定评估方案
          </Button>
        ) : null
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Card size="small" title="评估方案">
          <PlansList region={regionCode} selected={selected} onSelect={setSelected} reloadKey={reloadKey} />
        </Card>
        {selected === null ? null : plan.error ? (
          <ErrorAlert title="评估方案加载失败" error={plan.error} onRetry={plan.reload} />
        ) : !plan.data ? (
          <Loading />
        ) : (
          <Card size="small" title={plan.data.title} data-testid="plan-detail">
            <PlanTabs
              key={plan.data.id}
              plan={plan.data}
              onEdit={
                canManage
                  ? () => setEditing({ planId: plan.data?.id ?? null, plan: plan.data ?? null })
                  : null
              }
            />
          </Card>
        )}
        {me.permissions.crossEvaluationTasks ? <CrossTasks /> : null}
      </Space>
      {editing === null || editor === null ? null : (
        <PlanEditor
          region={regionCode}
          planId={editing.planId}
          initial={editor.values}
          initialTree={editor.tree}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            setSelected(saved.id);
            setReloadKey((k) => k + 1);
          }}
        />
      )}
    </PageContainer>
  );
}
