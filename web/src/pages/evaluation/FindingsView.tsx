// 问题整改 on a plan: the office records and revises what the evaluation found and what must be
// rectified (unit, indicator, finding, measure, deadline, responsible unit); everyone allowed sees
// the list with each item's status and the server's 逾期; the evaluated unit's liaison sees only
// his unit's items and reports progress (status, note, date done).
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { FINDING_STATUSES, FINDING_STATUS_LABELS } from '../../../../src/common/evaluation.ts';
import { errorMessage } from '../../api/index.ts';
import {
  addEvaluationFinding,
  listEvaluationFindings,
  reportFindingProgress,
  reviseEvaluationFinding,
  type EvaluationFinding,
  type EvaluationPlan,
} from '../../api/evaluation.ts';
import { EmptyState, ErrorAlert } from '../../components/feedback.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import {
  blankFindingDraft,
  findingBody,
  findingToDraft,
  indicatorOptions,
  indicatorText,
  progressBody,
  progressToDraft,
  statusTags,
  type FindingDraft,
  type ProgressDraft,
} from './findings.ts';

const DATE = { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '日期格式应为 YYYY-MM-DD' };
const required = (label: string) => ({ required: true, whitespace: true, message: `请填写${label}` });

function FindingModal({
  plan,
  item,
  onClose,
  onSaved,
}: {
  plan: EvaluationPlan;
  /** null: a new item. */
  item: EvaluationFinding | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FindingDraft>();
  const [saving, setSaving] = useState(false);

  async function save(values: FindingDraft) {
    const body = findingBody(values);
    if (body === null) return;
    setSaving(true);
    try {
      if (item === null) await addEvaluationFinding(plan.id, body);
      else await reviseEvaluationFinding(item.id, body);
      void message.success(item === null ? '已登记问题' : '已修改问题');
      onSaved();
    } catch (error) {
      void message.error(`保存失败：${errorMessage(error)}`);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      width={720}
      title={item === null ? '登记问题和整改措施' : '修改问题和整改措施'}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      okButtonProps={{ loading: saving, 'data-testid': 'finding-save' }}
      destroyOnHidden
    >
      <Form<FindingDraft>
        form={form}
        name="finding"
        layout="vertical"
        initialValues={item === null ? blankFindingDraft(plan.units) : findingToDraft(item)}
        onFinish={(v) => void save(v)}
        data-testid="finding-form"
      >
        <Space wrap align="start">
          <Form.Item name="unitId" label="被评估单位" rules={[{ required: true, message: '请选择单位' }]}>
            <Select<number>
              style={{ width: 300 }}
              placeholder="选择单位"
              data-testid="finding-unit"
              options={plan.units.map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
          <Form.Item name="indicatorCode" label="涉及指标（不选为综合）">
            <Select<string>
              allowClear
              style={{ width: 300 }}
              placeholder="综合"
              data-testid="finding-indicator"
              options={indicatorOptions(plan.indicators.indicators)}
            />
          </Form.Item>
        </Space>
        <Form.Item name="finding" label="存在问题" rules={[required('存在问题')]}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="finding-text" />
        </Form.Item>
        <Form.Item name="measure" label="整改措施" rules={[required('整改措施')]}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="finding-measure" />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="deadline" label="整改时限" rules={[required('整改时限'), DATE]}>
            <Input placeholder="YYYY-MM-DD" style={{ width: 160 }} data-testid="finding-deadline" />
          </Form.Item>
          <Form.Item name="responsible" label="责任单位" rules={[required('责任单位')]}>
            <Input maxLength={200} style={{ width: 300 }} data-testid="finding-responsible" />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

function ProgressModal({
  item,
  onClose,
  onSaved,
}: {
  item: EvaluationFinding;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ProgressDraft>();
  const status = Form.useWatch('status', form);
  const [saving, setSaving] = useState(false);

  async function save(values: ProgressDraft) {
    setSaving(true);
    try {
      await reportFindingProgress(item.id, progressBody(values));
      void message.success('已报告整改进展');
      onSaved();
    } catch (error) {
      void message.error(`报告失败：${errorMessage(error)}`);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      width={640}
      title={`报告整改进展：${item.unitName}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="报告"
      okButtonProps={{ loading: saving, 'data-testid': 'progress-save' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {indicatorText(item)}：{item.finding}
      </Typography.Paragraph>
      <Form<ProgressDraft>
        form={form}
        name="progress"
        layout="vertical"
        initialValues={progressToDraft(item)}
        onFinish={(v) => void save(v)}
        data-testid="progress-form"
      >
        <Space wrap align="start">
          <Form.Item name="status" label="整改状态">
            <Select
              style={{ width: 160 }}
              data-testid="progress-status"
              options={FINDING_STATUSES.map((s) => ({ value: s, label: FINDING_STATUS_LABELS[s] }))}
            />
          </Form.Item>
          {status === 'done' ? (
            <Form.Item name="doneOn" label="完成日期" rules={[required('完成日期'), DATE]}>
              <Input placeholder="YYYY-MM-DD" style={{ width: 160 }} data-testid="progress-done-on" />
            </Form.Item>
          ) : null}
        </Space>
        <Form.Item name="progress" label="整改进展">
          <Input.TextArea rows={3} maxLength={2000} data-testid="progress-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type Editing =
  { kind: 'finding'; item: EvaluationFinding | null } | { kind: 'progress'; item: EvaluationFinding };

export function FindingsView({
  plan,
  ownUnit,
  canManage,
  canProgress,
}: {
  plan: EvaluationPlan;
  /** A liaison's unit: the list is that unit's only. */
  ownUnit: number | null;
  canManage: boolean;
  canProgress: boolean;
}) {
  const [unit, setUnit] = useState<number | undefined>(ownUnit ?? undefined);
  const [editing, setEditing] = useState<Editing | null>(null);
  const inPlan = ownUnit === null || plan.units.some((u) => u.id === ownUnit);
  const list = useAsync(inPlan ? () => listEvaluationFindings(plan.id, unit) : null, [plan.id, unit, inPlan]);
  if (!inPlan) return <EmptyState text="本单位不在本方案的被评估单位之中" />;
  if (list.error) return <ErrorAlert title="问题整改清单加载失败" error={list.error} onRetry={list.reload} />;

  const columns: TableColumnsType<EvaluationFinding> = [
    ...(ownUnit === null ? [{ title: '被评估单位', dataIndex: 'unitName', width: 150 }] : []),
    { title: '涉及指标', key: 'indicator', width: 130, render: (_: unknown, f) => indicatorText(f) },
    { title: '存在问题', dataIndex: 'finding' },
    { title: '整改措施', dataIndex: 'measure' },
    { title: '责任单位', dataIndex: 'responsible', width: 130 },
    { title: '整改时限', dataIndex: 'deadline', width: 104 },
    {
      title: '状态',
      key: 'status',
      width: 96,
      render: (_: unknown, f) => (
        <Space size={2} wrap data-testid={`finding-status-${String(f.id)}`}>
          {statusTags(f).map((t) => (
            <Tag key={t.text} color={t.color}>
              {t.text}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: '整改进展',
      key: 'progress',
      render: (_: unknown, f) => (
        <span data-testid={`finding-progress-text-${String(f.id)}`}>
          {f.progress || '—'}
          {f.doneOn === null ? null : `（${f.doneOn} 完成）`}
        </span>
      ),
    },
    ...(canManage || canProgress
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 96,
            render: (_: unknown, f: EvaluationFinding) => (
              <Space orientation="vertical" size={0}>
                {canManage ? (
                  <Typography.Link
                    onClick={() => setEditing({ kind: 'finding', item: f })}
                    data-testid={`finding-edit-${String(f.id)}`}
                  >
                    修改
                  </Typography.Link>
                ) : null}
                {canProgress ? (
                  <Typography.Link
                    onClick={() => setEditing({ kind: 'progress', item: f })}
                    data-testid={`finding-report-${String(f.id)}`}
                  >
                    报告进展
                  </Typography.Link>
                ) : null}
              </Space>
            ),
          },
        ]
      : []),
  ];
  const saved = () => {
    setEditing(null);
    list.reload();
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="findings">
      {ownUnit === null || canManage ? (
        <Space wrap>
          {ownUnit === null ? (
            <Select<number>
              allowClear
              placeholder="全部被评估单位"
              style={{ width: 280 }}
              value={unit}
              onChange={setUnit}
              data-testid="findings-unit"
              options={plan.units.map((u) => ({ value: u.id, label: u.name }))}
            />
          ) : null}
          {canManage ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({ kind: 'finding', item: null })}
              data-testid="finding-new"
            >
              登记问题
            </Button>
          ) : null}
        </Space>
      ) : null}
      <Table<EvaluationFinding>
        data-testid="findings-table"
        rowKey="id"
        size="small"
        loading={list.loading}
        columns={columns}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '尚无评估发现的问题' }}
      />
      <Typography.Text type="secondary">
        逾期：已过整改时限（时限当天仍在期限内）且尚未整改完成，由系统按当天日期判断。
      </Typography.Text>
      {editing === null ? null : editing.kind === 'finding' ? (
        <FindingModal plan={plan} item={editing.item} onClose={() => setEditing(null)} onSaved={saved} />
      ) : (
        <ProgressModal item={editing.item} onClose={() => setEditing(null)} onSaved={saved} />
      )}
    </Space>
  );
}
