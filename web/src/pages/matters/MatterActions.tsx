// The dialogs of the procedure's steps: 论证, 审议决定, 组织实施, 退回, 驳回, 重新提交. A step the
// rules block keeps its dialog open and shows which rules failed.
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import {
  ApiError,
  assessMatter,
  decideMatter,
  errorMessage,
  implementMatter,
  listUnits,
  rejectMatter,
  resubmitMatter,
  returnMatter,
} from '../../api/index.ts';
import type { MatterAction, MatterDetail, RuleResult } from '../../api/index.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { todayInChina } from '../../lib/format.ts';
import { DECISION_BODIES, MATTER_ACTIONS, type DecisionBody } from '../../lib/matter-labels.ts';
import { ChangesEditor } from './ChangesEditor.tsx';
import { fromChange, isDraftError, toChanges, type ChangeDraft } from './drafts.ts';
import { proposableUnits } from './pickers.tsx';
import { exceptionMayHelp, RuleResultsTable, ruleViolation } from './RuleResults.tsx';

/** The actions that open a dialog (all but 动议, which is the proposal form). */
export type DialogAction = Exclude<MatterAction, 'propose'>;

interface ActionValues {
  comment?: string;
  exceptionReason?: string;
  decisionBody?: DecisionBody;
  docNo?: string;
  decidedOn?: Dayjs;
  effectiveOn?: Dayjs;
  reason?: string;
  editChanges?: boolean;
  changes?: ChangeDraft[];
}

const OK_TEXT: Record<DialogAction, string> = {
  assess: '论证通过',
  decide: '记录决定',
  implement: '组织实施',
  return: '退回',
  reject: '驳回',
  resubmit: '重新提交',
};

const DATE_FORMAT = 'YYYY-MM-DD';

function initialValues(action: DialogAction, matter: MatterDetail): ActionValues {
  const today = dayjs(todayInChina());
  switch (action) {
    case 'decide':
      return { decisionBody: '县委编委会', decidedOn: today, comment: '' };
    case 'implement':
      return { effectiveOn: today, comment: '' };
    case 'resubmit':
      return { comment: '', editChanges: false, changes: matter.changes.map(fromChange) };
    default:
      return { comment: '', exceptionReason: matter.exceptionReason ?? '' };
  }
}

function ResubmitChanges({ matter }: { matter: MatterDetail }) {
  const me = useCurrentUser();
  const units = useAsync(() => listUnits(matter.regionCode), [matter.regionCode]);
  const liaisonUnit = me.user.role === 'liaison' ? me.user.unitId : null;
  const pickerUnits = useMemo(
    () => proposableUnits(units.data ?? [], liaisonUnit),
    [units.data, liaisonUnit],
  );
  return (
    <ChangesEditor
      region={matter.regionCode}
      units={pickerUnits}
      unitsLoading={units.loading}
      ownUnitId={liaisonUnit}
    />
  );
}

interface MatterActionDialogProps {
  matter: MatterDetail;
  action: DialogAction;
  onClose: () => void;
  /** The matter as the server answers after the step. */
  onDone: (detail: MatterDetail) => void;
  /** Someone else acted first: the page reloads the matter. */
  onConflict: () => void;
}

/** Mounted while the dialog is open, so every opening starts from fresh values. */
export function MatterActionDialog({ matter, action, onClose, onDone, onConflict }: MatterActionDialogProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ActionValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [violation, setViolation] = useState<RuleResult[] | null>(null);
  const editChanges = Form.useWatch('editChanges', form) === true;
  const title = `${MATTER_ACTIONS[action]}：${matter.title}`;

  const call = (values: ActionValues): Promise<MatterDetail> => {
    const comment = (values.comment ?? '').trim();
    switch (action) {
      case 'assess': {
        const exception = (values.exceptionReason ?? '').trim();
        return assessMatter(matter.id, { comment, exceptionReason: exception === '' ? null : exception });
      }
      case 'decide':
        return decideMatter(matter.id, {
          decisionBody: values.decisionBody ?? '县委编委会',
          docNo: (values.docNo ?? '').trim(),
          decidedOn: (values.decidedOn ?? dayjs()).format(DATE_FORMAT),
          comment,
        });
      case 'implement':
        return implementMatter(matter.id, {
          effectiveOn: (values.effectiveOn ?? dayjs()).format(DATE_FORMAT),
          comment,
        });
      case 'return':
        return returnMatter(matter.id, { reason: (values.reason ?? '').trim() });
      case 'reject':
        return rejectMatter(matter.id, { reason: (values.reason ?? '').trim() });
      case 'resubmit':
        return resubmitMatter(matter.id, {
          comment,
          changes: values.editChanges ? toChanges(values.changes ?? []) : null,
        });
    }
  };

  const submit = async (values: ActionValues) => {
    setSaving(true);
    setError(null);
    setViolation(null);
    try {
      const detail = await call(values);
      void message.success(`${MATTER_ACTIONS[action]}已完成`);
      onDone(detail);
    } catch (cause) {
      const results = ruleViolation(cause);
      if (results !== null) {
        setViolation(results);
        setError(errorMessage(cause));
      } else if (cause instanceof ApiError && (cause.code === 'CONFLICT' || cause.status === 403)) {
        // Someone else acted first (409), or the matter moved on since the page was loaded and the
        // step is no longer allowed (403): show the matter as it is now.
        void message.warning(`${cause.message}。已重新加载事项。`);
        onConflict();
      } else {
        setError(isDraftError(cause) ? cause.message : errorMessage(cause));
      }
    } finally {
      setSaving(false);
    }
  };

  const danger = action === 'reject';
  return (
    <Modal
      open
      title={title}
      width={action === 'resubmit' && editChanges ? 1100 : violation ? 860 : 620}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={[
        <Button key="cancel" onClick={onClose} data-testid="modal-cancel">
          取消
        </Button>,
        <Button
          key="ok"
          type="primary"
          danger={danger}
          loading={saving}
          data-testid="modal-ok"
          onClick={() => form.submit()}
        >
          {OK_TEXT[action]}
        </Button>,
      ]}
    >
      {error ? (
        <Alert
          type="error"
          showIcon
          title={violation ? '规则检查未通过，本步骤未执行' : '操作未完成'}
          description={error}
          style={{ marginBottom: 12 }}
          data-testid="modal-error"
        />
      ) : null}
      {violation ? (
        <div style={{ marginBottom: 12 }}>
          <RuleResultsTable results={violation} testId="modal-rule-results" />
          {action === 'assess' && exceptionMayHelp(violation) ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 8 }}
              title="超编、超职数确需办理的，可在“例外说明”中写明理由后再次论证；例外说明将记录在案。"
            />
          ) : null}
        </div>
      ) : null}
      <Form<ActionValues>
        form={form}
        layout="vertical"
        initialValues={initialValues(action, matter)}
        onFinish={submit}
        disabled={saving}
      >
        {action === 'assess' ? (
          <>
            <Form.Item label="论证意见" name="comment" extra="必要性、合理性、可行性的论证意见">
              <Input.TextArea data-testid="assess-comment" rows={4} maxLength={2000} showCount />
            </Form.Item>
            <Form.Item
              label="例外说明（可选）"
              name="exceptionReason"
              extra="仅在超编、超职数须例外办理时填写，写明依据；不需要例外的请留空。"
            >
              <Input.TextArea data-testid="assess-exception" rows={2} maxLength={2000} />
            </Form.Item>
          </>
        ) : null}
        {action === 'decide' ? (
          <>
            <Form.Item
              label="决定机关"
              name="decisionBody"
              rules={[{ required: true, message: '请选择决定机关' }]}
            >
              <Select<DecisionBody>
                data-testid="decide-body"
                options={DECISION_BODIES.map((b) => ({ value: b, label: b }))}
              />
            </Form.Item>
            <Form.Item
              label="批准文号"
              name="docNo"
              rules={[
                { required: true, whitespace: true, message: '请填写批准文号' },
                { min: 2, message: '批准文号至少2个字' },
              ]}
            >
              <Input data-testid="decide-doc-no" maxLength={100} placeholder="如：宁编〔2026〕12号" />
            </Form.Item>
            <Form.Item
              label="决定日期"
              name="decidedOn"
              rules={[{ required: true, message: '请选择决定日期' }]}
            >
              <DatePicker data-testid="decide-date" allowClear={false} format={DATE_FORMAT} />
            </Form.Item>
            <Form.Item label="意见" name="comment">
              <Input.TextArea data-testid="decide-comment" rows={3} maxLength={2000} />
            </Form.Item>
          </>
        ) : null}
        {action === 'implement' ? (
          <>
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title="实施前将按生效日期的台账再次检查全部规则；通过后变更一次性写入台账，并记载批准文号。"
            />
            <Form.Item
              label="生效日期"
              name="effectiveOn"
              rules={[{ required: true, message: '请选择生效日期' }]}
            >
              <DatePicker data-testid="implement-date" allowClear={false} format={DATE_FORMAT} />
            </Form.Item>
            <Form.Item label="说明" name="comment">
              <Input.TextArea data-testid="implement-comment" rows={3} maxLength={2000} />
            </Form.Item>
          </>
        ) : null}
        {action === 'return' || action === 'reject' ? (
          <>
            {action === 'reject' ? (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                title="驳回后事项即告办结，不能再重新提交。"
              />
            ) : (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 12 }}
                title="退回后由提出人修改并重新提交。"
              />
            )}
            <Form.Item
              label={action === 'return' ? '退回理由' : '驳回理由'}
              name="reason"
              rules={[
                { required: true, whitespace: true, message: '请填写理由' },
                { min: 2, message: '理由至少2个字' },
              ]}
            >
              <Input.TextArea data-testid="matter-reason" rows={4} maxLength={2000} showCount />
            </Form.Item>
          </>
        ) : null}
        {action === 'resubmit' ? (
          <>
            <Form.Item label="修改说明" name="comment">
              <Input.TextArea data-testid="resubmit-comment" rows={3} maxLength={2000} />
            </Form.Item>
            <Form.Item label="修改变更内容" name="editChanges" valuePropName="checked">
              <Switch data-testid="resubmit-edit" checkedChildren="修改" unCheckedChildren="不改" />
            </Form.Item>
            {editChanges && matter.changes.some((c) => c.kind === 'enter' && c.personId === null) ? (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 12 }}
                title="新录入人员的身份证号已加密保存，不能回显；修改变更内容时须重新填写。"
              />
            ) : null}
            {editChanges ? <ResubmitChanges matter={matter} /> : null}
          </>
        ) : null}
      </Form>
    </Modal>
  );
}
