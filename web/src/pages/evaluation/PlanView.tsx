// A plan as saved: type, year, stages, leading group, the units evaluated and the indicator
// tree with each leaf's rule and computed measure.
import { Descriptions, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import {
  COMPUTED_MEASURE_LABELS,
  EVALUATION_TYPE_LABELS,
  INDICATOR_CATEGORY_LABELS,
  type IndicatorCategory,
} from '../../../../src/common/evaluation.ts';
import type { EvaluationPlan, PlanIndicator } from '../../api/evaluation.ts';
import { ruleText } from './indicatorTree.ts';

type Row = Omit<PlanIndicator, 'children'> & { children?: Row[] };

function toRows(indicators: readonly PlanIndicator[]): Row[] {
  return indicators.map((i) => {
    const { children, ...rest } = i;
    return children === undefined || children.length === 0 ? rest : { ...rest, children: toRows(children) };
  });
}

function allCodes(indicators: readonly PlanIndicator[]): string[] {
  return indicators.flatMap((i) => [i.code, ...allCodes(i.children ?? [])]);
}

const range = (from: string | null, to: string | null) =>
  from === null || to === null ? '不设' : `${from} 至 ${to}`;

export function PlanView({ plan }: { plan: EvaluationPlan }) {
  const t = plan.indicators.thresholds;
  const columns: TableColumnsType<Row> = [
    { title: '编号', dataIndex: 'code', width: 110 },
    { title: '指标', dataIndex: 'name', width: 220 },
    {
      title: '类别',
      dataIndex: 'category',
      width: 90,
      render: (c: IndicatorCategory) => INDICATOR_CATEGORY_LABELS[c],
    },
    { title: '分值', dataIndex: 'points', width: 70, align: 'right' },
    {
      title: '权重',
      dataIndex: 'weight',
      width: 70,
      align: 'right',
      render: (w: number | undefined) => w ?? '同分值',
    },
    { title: '评分规则', key: 'rule', render: (_: unknown, r) => ruleText(r.rule) },
    {
      title: '系统测算',
      key: 'measure',
      width: 200,
      render: (_: unknown, r) =>
        r.measure ? <Tag color="blue">{COMPUTED_MEASURE_LABELS[r.measure]}</Tag> : '—',
    },
  ];
  return (
    <>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2, xl: 3 }}
        style={{ marginBottom: 16 }}
        data-testid="plan-view"
        items={[
          { key: 'type', label: '评估类型', children: EVALUATION_TYPE_LABELS[plan.type] },
          { key: 'year', label: '年度', children: plan.year },
          { key: 'period', label: '测算期间', children: range(plan.periodFrom, plan.periodTo) },
          { key: 'self', label: '自评阶段', children: range(plan.selfFrom, plan.selfTo) },
          { key: 'onsite', label: '实地评估阶段', children: range(plan.onsiteFrom, plan.onsiteTo) },
          { key: 'cross', label: '交叉互评阶段', children: range(plan.crossFrom, plan.crossTo) },
          {
            key: 'grades',
            label: '等次分数线',
            children: `优秀 ≥ ${String(Math.round(t.excellent * 100))}%，良好 ≥ ${String(Math.round(t.good * 100))}%，合格 ≥ ${String(Math.round(t.pass * 100))}%`,
          },
          {
            key: 'group',
            label: '领导小组',
            span: 2,
            children: <span className="bz-evaluation-group">{plan.leadingGroup || '—'}</span>,
          },
          {
            key: 'units',
            label: `被评估单位（${String(plan.units.length)} 个）`,
            span: 'filled',
            children: plan.units.map((u) => <Tag key={u.id}>{u.name}</Tag>),
          },
        ]}
      />
      <Table<Row>
        data-testid="plan-indicators"
        rowKey="code"
        size="small"
        columns={columns}
        dataSource={toRows(plan.indicators.indicators)}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={{ defaultExpandedRowKeys: allCodes(plan.indicators.indicators) }}
      />
    </>
  );
}
