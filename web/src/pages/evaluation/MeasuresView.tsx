// The indicators the ledger measures for each unit of a plan (超编进人, 中小学编制保障率 …),
// each expandable to the ledger rows behind it. The server measures; the page lists.
import { Alert, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { COMPUTED_MEASURE_LABELS, type ComputedMeasure } from '../../../../src/common/evaluation.ts';
import {
  getPlanMeasures,
  type ComputedIndicator,
  type EvaluationPlan,
  type MeasurementInput,
} from '../../api/evaluation.ts';
import { ErrorAlert } from '../../components/feedback.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { indicatorNames } from './indicatorTree.ts';

/** What was measured, in the user's words. */
export function measurementText(m: MeasurementInput): string {
  switch (m.kind) {
    case 'deduction':
      return `${String(m.occurrences)} 次`;
    case 'ratio':
      return `${String(m.percent)}%`;
    case 'veto':
      return m.triggered ? '发生' : '未发生';
    case 'manual':
      return `${String(m.score)} 分`;
  }
}

export function MeasuresView({ plan }: { plan: EvaluationPlan }) {
  const measures = useAsync(() => getPlanMeasures(plan.id), [plan.id, plan.updatedAt]);
  const unitNames = new Map(plan.units.map((u) => [u.id, u.name]));
  const names = indicatorNames(plan.indicators.indicators);
  if (measures.error)
    return <ErrorAlert title="系统测算加载失败" error={measures.error} onRetry={measures.reload} />;
  const columns: TableColumnsType<ComputedIndicator> = [
    {
      title: '被评估单位',
      dataIndex: 'unitId',
      width: 240,
      render: (id: number) => unitNames.get(id) ?? `机构 ${String(id)}`,
    },
    {
      title: '指标',
      dataIndex: 'code',
      width: 240,
      render: (code: string) => `${code} ${names.get(code) ?? ''}`,
    },
    {
      title: '测算项',
      dataIndex: 'measure',
      width: 200,
      render: (m: ComputedMeasure) => COMPUTED_MEASURE_LABELS[m],
    },
    {
      title: '测算结果',
      dataIndex: 'measurement',
      width: 120,
      align: 'right',
      render: (m: MeasurementInput) => measurementText(m),
    },
    {
      title: '依据数据',
      key: 'rows',
      width: 100,
      align: 'right',
      render: (_: unknown, c) => `${String(c.rows.length)} 条`,
    },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {(measures.data?.notes ?? []).map((n) => (
        <Alert key={n} type="warning" showIcon title={n} />
      ))}
      <Table<ComputedIndicator>
        data-testid="evaluation-measures"
        rowKey={(c) => `${String(c.unitId)}|${c.code}`}
        size="small"
        loading={measures.loading}
        columns={columns}
        dataSource={measures.data?.computed ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={{
          rowExpandable: (c) => c.rows.length > 0,
          expandedRowRender: (c) => (
            <ul className="bz-evaluation-rows" data-testid={`measure-rows-${String(c.unitId)}-${c.code}`}>
              {c.rows.map((r) => (
                <li key={`${r.ref.table}-${String(r.ref.id)}`}>{r.text}</li>
              ))}
            </ul>
          ),
        }}
        locale={{ emptyText: '本方案没有由系统测算的指标' }}
      />
      <Typography.Text type="secondary">
        测算结果在实地评估未打分时计入最终得分；展开一行可查看其依据的台账数据。
      </Typography.Text>
    </Space>
  );
}
