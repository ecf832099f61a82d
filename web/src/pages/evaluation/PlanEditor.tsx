// Creating or revising an evaluation plan (编办): year and type, the units evaluated, the
// leading group, the stage dates, the stage weights, the grade thresholds and the indicator tree.
// The server checks it all on save and answers with the plan as saved.
import { App, Button, Drawer, Form, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { EVALUATION_TYPES, EVALUATION_TYPE_LABELS } from '../../../../src/common/evaluation.ts';
import { errorMessage, listUnits } from '../../api/index.ts';
import { createEvaluationPlan, reviseEvaluationPlan, type EvaluationPlan } from '../../api/evaluation.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import type { DraftIndicator } from './indicatorTree.ts';
import { IndicatorTreeEditor } from './IndicatorTreeEditor.tsx';
import { planBody, type PlanFormValues } from './planForm.ts';

const DATE = { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '日期格式应为 YYYY-MM-DD' };
const REQUIRED_DATE = [{ required: true, message: '请填写日期' }, DATE];

function DateRange({
  label,
  from,
  to,
  required,
}: {
  label: string;
  from: string;
  to: string;
  required: boolean;
}) {
  return (
    <Form.Item label={label} required={required} style={{ marginBottom: 12 }}>
      <Space.Compact>
        <Form.Item name={from} noStyle rules={required ? REQUIRED_DATE : [DATE]}>
          <Input placeholder="开始 YYYY-MM-DD" style={{ width: 150 }} />
        </Form.Item>
        <Space.Addon>至</Space.Addon>
        <Form.Item name={to} noStyle rules={required ? REQUIRED_DATE : [DATE]}>
          <Input placeholder="结束 YYYY-MM-DD" style={{ width: 150 }} />
        </Form.Item>
      </Space.Compact>
    </Form.Item>
  );
}

/** 阶段权重: off — the latest stage's scores count; on — the weighted mean of the stage totals. */
function StageWeightsInput() {
  const weighted = Form.useWatch<boolean | undefined>('weighted');
  return (
    <Form.Item label="阶段权重" style={{ marginBottom: 12 }}>
      <Space wrap>
        <Form.Item name="weighted" valuePropName="checked" noStyle>
          <Switch checkedChildren="加权" unCheckedChildren="不加权" data-testid="plan-weighted" />
        </Form.Item>
        {weighted
          ? (
              [
                ['weightSelf', '自评'],
                ['weightOnsite', '实地评估'],
                ['weightCross', '交叉互评'],
              ] as const
            ).map(([name, label]) => (
              <Space.Compact key={name}>
                <Space.Addon>{label}</Space.Addon>
                <Form.Item name={name} noStyle rules={[{ required: true, message: `请填写${label}权重` }]}>
                  <InputNumber<number> min={0} max={100} style={{ width: 80 }} data-testid={`plan-${name}`} />
                </Form.Item>
              </Space.Compact>
            ))
          : null}
        <Typography.Text type="secondary">
          {weighted
            ? '最终得分为各阶段总分按权重的加权平均；权重为 0 的阶段不计'
            : '不加权时以最后一个阶段（交叉互评、实地评估）的评分为准'}
        </Typography.Text>
      </Space>
    </Form.Item>
  );
}

export function PlanEditor({
  region,
  planId,
  initial,
  initialTree,
  onClose,
  onSaved,
}: {
  region: string;
  /** null: a new plan. */
  planId: number | null;
  initial: PlanFormValues;
  initialTree: DraftIndicator[];
  onClose: () => void;
  onSaved: (plan: EvaluationPlan) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<PlanFormValues>();
  const [tree, setTree] = useState<DraftIndicator[]>(initialTree);
  const [saving, setSaving] = useState(false);
  const units = useAsync(() => listUnits(region), [region]);

  async function save(values: PlanFormValues) {
    setSaving(true);
    try {
      const body = planBody(region, values, tree);
      const saved =
        planId === null ? await createEvaluationPlan(body) : await reviseEvaluationPlan(planId, body);
      void message.success(planId === null ? '已制定评估方案' : '已修改评估方案');
      onSaved(saved);
    } catch (error) {
      void message.error(`保存失败：${errorMessage(error)}`);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Drawer
      open
      size={Math.min(1240, window.innerWidth - 32)}
      title={planId === null ? '制定评估方案' : '修改评估方案'}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="plan-save">
          保存
        </Button>
      }
    >
      <Form<PlanFormValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => void save(v)}
        data-testid="plan-form"
      >
        <Space wrap align="start">
          <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
            <InputNumber<number> min={2000} max={2100} precision={0} style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name="type" label="评估类型">
            <Select
              style={{ width: 160 }}
              options={EVALUATION_TYPES.map((t) => ({ value: t, label: EVALUATION_TYPE_LABELS[t] }))}
            />
          </Form.Item>
          <Form.Item name="title" label="方案名称" rules={[{ required: true, message: '请填写方案名称' }]}>
            <Input maxLength={200} style={{ width: 420 }} />
          </Form.Item>
        </Space>
        <Form.Item
          name="unitIds"
          label="被评估单位"
          rules={[{ required: true, message: '请选择被评估单位' }]}
        >
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            loading={units.loading}
            placeholder="输入单位名称查找"
            data-testid="plan-units"
            options={(units.data ?? []).filter((u) => u.exists).map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
        <Form.Item name="leadingGroup" label="领导小组（每行一人，如：张三（组长，编办主任））">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Space wrap size="large" align="start">
          <DateRange label="测算期间" from="periodFrom" to="periodTo" required />
          <DateRange label="自评阶段" from="selfFrom" to="selfTo" required />
          <DateRange label="实地评估阶段" from="onsiteFrom" to="onsiteTo" required />
          <DateRange label="交叉互评阶段（可不填）" from="crossFrom" to="crossTo" required={false} />
        </Space>
        <StageWeightsInput />
        <Form.Item label="等次分数线（占满分的百分比）" style={{ marginBottom: 12 }}>
          <Space wrap>
            {(
              [
                ['excellent', '优秀'],
                ['good', '良好'],
                ['pass', '合格'],
              ] as const
            ).map(([name, label]) => (
              <Space.Compact key={name}>
                <Space.Addon>{label} ≥</Space.Addon>
                <Form.Item name={name} noStyle rules={[{ required: true, message: `请填写${label}分数线` }]}>
                  <InputNumber<number> min={0} max={100} style={{ width: 80 }} />
                </Form.Item>
                <Space.Addon>%</Space.Addon>
              </Space.Compact>
            ))}
          </Space>
        </Form.Item>
      </Form>
      <Typography.Title level={5}>指标体系</Typography.Title>
      <IndicatorTreeEditor tree={tree} onChange={setTree} />
    </Drawer>
  );
}
