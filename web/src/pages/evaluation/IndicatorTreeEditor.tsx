// The indicator tree of a plan as an editable tree table: 共性/个性, points, weight, and for a
// leaf its scoring rule with the rule's parameters and, optionally, the computed measure that
// scores it. The editing steps are indicatorTree.ts; the server checks the tree on save.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, InputNumber, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import {
  COMPUTED_MEASURES,
  COMPUTED_MEASURE_LABELS,
  GRADE_LABELS,
  INDICATOR_CATEGORIES,
  INDICATOR_CATEGORY_LABELS,
  RULE_KINDS,
  RULE_KIND_LABELS,
  type ComputedMeasure,
  type IndicatorCategory,
  type RuleKind,
} from '../../../../src/common/evaluation.ts';
import {
  addChild,
  addRoot,
  removeNode,
  setMeasure,
  setRuleKind,
  totalPoints,
  updateNode,
  type DraftIndicator,
  type IndicatorPatch,
  type RuleParams,
} from './indicatorTree.ts';

type Row = Omit<DraftIndicator, 'children'> & { leaf: boolean; children?: Row[] };

function toRows(tree: readonly DraftIndicator[]): Row[] {
  return tree.map((n) => ({
    ...n,
    leaf: n.children.length === 0,
    children: n.children.length === 0 ? undefined : toRows(n.children),
  }));
}

function allKeys(tree: readonly DraftIndicator[]): string[] {
  return tree.flatMap((n) => [n.key, ...allKeys(n.children)]);
}

const CAPS = ['good', 'pass', 'fail'] as const;

function Num({
  value,
  onChange,
  prefix,
  suffix,
  testId,
}: {
  value: number;
  onChange: (v: number) => void;
  prefix: string;
  suffix?: string;
  testId?: string;
}) {
  return (
    <Space.Compact size="small">
      <Space.Addon>{prefix}</Space.Addon>
      <InputNumber<number>
        size="small"
        min={0}
        value={value}
        style={{ width: 64 }}
        data-testid={testId}
        onChange={(v) => onChange(v ?? 0)}
      />
      {suffix ? <Space.Addon>{suffix}</Space.Addon> : null}
    </Space.Compact>
  );
}

function RuleParamsEditor({ row, onParams }: { row: Row; onParams: (p: Partial<RuleParams>) => void }) {
  const p = row.params;
  const id = (name: string) => `indicator-${row.code}-${name}`;
  switch (row.ruleKind) {
    case 'deduction':
      return (
        <Space size={4} wrap>
          <Num
            prefix="每次扣"
            suffix="分"
            value={p.perOccurrence}
            testId={id('per')}
            onChange={(v) => onParams({ perOccurrence: v })}
          />
          <Num
            prefix="保底"
            suffix="分"
            value={p.floor}
            testId={id('floor')}
            onChange={(v) => onParams({ floor: v })}
          />
        </Space>
      );
    case 'ratio':
      return (
        <Space size={4} wrap>
          <Num prefix="目标" suffix="%" value={p.target} onChange={(v) => onParams({ target: v })} />
          <Num
            prefix="每差1%扣"
            suffix="分"
            value={p.perPercent}
            onChange={(v) => onParams({ perPercent: v })}
          />
          <Num prefix="保底" suffix="分" value={p.floor} onChange={(v) => onParams({ floor: v })} />
        </Space>
      );
    case 'veto':
      return (
        <Space.Compact size="small">
          <Space.Addon>否优后至多</Space.Addon>
          <Select
            size="small"
            value={p.cap}
            style={{ width: 92 }}
            onChange={(cap) => onParams({ cap })}
            options={CAPS.map((g) => ({ value: g, label: GRADE_LABELS[g] }))}
          />
        </Space.Compact>
      );
    case 'manual':
      return <Typography.Text type="secondary">评估时按实际评分，扣分须写依据</Typography.Text>;
  }
}

export function IndicatorTreeEditor({
  tree,
  onChange,
}: {
  tree: readonly DraftIndicator[];
  onChange: (tree: DraftIndicator[]) => void;
}) {
  const patch = (key: string, p: IndicatorPatch) => onChange(updateNode(tree, key, p));
  const columns: TableColumnsType<Row> = [
    {
      title: '编号',
      key: 'code',
      width: 130,
      render: (_: unknown, r) => (
        <Input
          size="small"
          value={r.code}
          maxLength={20}
          style={{ width: 72 }}
          data-testid={`indicator-code-${r.code}`}
          onChange={(e) => patch(r.key, { code: e.target.value })}
        />
      ),
    },
    {
      title: '指标名称',
      key: 'name',
      width: 180,
      render: (_: unknown, r) => (
        <Input
          size="small"
          value={r.name}
          maxLength={100}
          placeholder="指标名称"
          data-testid={`indicator-name-${r.code}`}
          onChange={(e) => patch(r.key, { name: e.target.value })}
        />
      ),
    },
    {
      title: '类别',
      key: 'category',
      width: 104,
      render: (_: unknown, r) => (
        <Select<IndicatorCategory>
          size="small"
          value={r.category}
          style={{ width: 92 }}
          data-testid={`indicator-category-${r.code}`}
          onChange={(category) => patch(r.key, { category })}
          options={INDICATOR_CATEGORIES.map((c) => ({ value: c, label: INDICATOR_CATEGORY_LABELS[c] }))}
        />
      ),
    },
    {
      title: '分值',
      key: 'points',
      width: 80,
      render: (_: unknown, r) => (
        <InputNumber<number>
          size="small"
          min={0}
          max={1000}
          value={r.points}
          style={{ width: 68 }}
          data-testid={`indicator-points-${r.code}`}
          onChange={(v) => patch(r.key, { points: v ?? 0 })}
        />
      ),
    },
    {
      title: (
        <Tooltip title="在同级指标中的权重；不填则按分值">
          <span>权重</span>
        </Tooltip>
      ),
      key: 'weight',
      width: 80,
      render: (_: unknown, r) => (
        <InputNumber<number>
          size="small"
          min={0}
          max={1000}
          value={r.weight}
          placeholder="同分值"
          style={{ width: 68 }}
          onChange={(v) => patch(r.key, { weight: v })}
        />
      ),
    },
    {
      title: '评分规则',
      key: 'rule',
      width: 320,
      render: (_: unknown, r) =>
        r.leaf ? (
          <Space orientation="vertical" size={4}>
            <Select<RuleKind>
              size="small"
              value={r.ruleKind}
              style={{ width: 120 }}
              data-testid={`indicator-rule-${r.code}`}
              onChange={(kind) => onChange(setRuleKind(tree, r.key, kind))}
              options={RULE_KINDS.map((k) => ({ value: k, label: RULE_KIND_LABELS[k] }))}
            />
            <RuleParamsEditor row={r} onParams={(params) => patch(r.key, { params })} />
          </Space>
        ) : (
          <Typography.Text type="secondary">按下级指标加权汇总</Typography.Text>
        ),
    },
    {
      title: '系统测算',
      key: 'measure',
      width: 180,
      render: (_: unknown, r) =>
        r.leaf ? (
          <Select<ComputedMeasure>
            size="small"
            allowClear
            placeholder="不测算"
            value={r.measure ?? undefined}
            style={{ width: 166 }}
            data-testid={`indicator-measure-${r.code}`}
            onChange={(m) => onChange(setMeasure(tree, r.key, m ?? null))}
            options={COMPUTED_MEASURES.map((m) => ({ value: m, label: COMPUTED_MEASURE_LABELS[m] }))}
          />
        ) : null,
    },
    {
      title: '操作',
      key: 'actions',
      width: 80,
      render: (_: unknown, r) => (
        <Space size={0}>
          <Tooltip title="加下级指标">
            <Button
              size="small"
              type="text"
              icon={<PlusOutlined />}
              aria-label="加下级指标"
              data-testid={`indicator-add-child-${r.code}`}
              onClick={() => onChange(addChild(tree, r.key))}
            />
          </Tooltip>
          <Tooltip title="删除（连同下级指标）">
            <Button
              size="small"
              type="text"
              danger
              icon={<DeleteOutlined />}
              aria-label="删除指标"
              onClick={() => onChange(removeNode(tree, r.key))}
            />
          </Tooltip>
        </Space>
      ),
    },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="small">
      <Table<Row>
        data-testid="indicator-editor"
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={toRows(tree)}
        pagination={false}
        tableLayout="fixed"
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowKeys: allKeys(tree), showExpandColumn: true, expandIcon: () => null }}
        locale={{ emptyText: '未设指标：保存时使用默认的共性指标模板（100 分）' }}
      />
      <Space>
        <Button
          icon={<PlusOutlined />}
          onClick={() => onChange(addRoot(tree))}
          data-testid="indicator-add-root"
        >
          加一级指标
        </Button>
        <Typography.Text type="secondary" data-testid="indicator-total">
          一级指标合计 {totalPoints(tree)} 分
        </Typography.Text>
      </Space>
    </Space>
  );
}
