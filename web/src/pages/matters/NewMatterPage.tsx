import { ArrowLeftOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Space } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage, listUnits, proposeMatter } from '../../api/index.ts';
import { useCurrentUser, useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/feedback.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { notifyMattersChanged } from '../../hooks/useWaitingMatters.ts';
import { regionPath } from '../../lib/regions.ts';
import { ChangesEditor } from './ChangesEditor.tsx';
import { isDraftError, toChanges, type ChangeDraft } from './drafts.ts';
import { proposableUnits } from './pickers.tsx';

interface NewMatterValues {
  title: string;
  reasons: string;
  changes?: ChangeDraft[];
}

export function NewMatterPage() {
  const me = useCurrentUser();
  const { regionCode, regionById } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewMatterValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const units = useAsync(regionCode ? () => listUnits(regionCode) : null, [regionCode]);
  const liaisonUnit = me.user.role === 'liaison' ? me.user.unitId : null;
  // Started from a unit page (?unit=ID): its changes name that unit unless the user picks another.
  const [params] = useSearchParams();
  const unitParam = /^\d+$/.test(params.get('unit') ?? '') ? Number(params.get('unit')) : null;
  const startUnit = units.data?.find((u) => u.id === unitParam) ?? null;
  const ownUnitId = startUnit?.id ?? liaisonUnit;
  useEffect(() => {
    if (startUnit && !form.getFieldValue('title')) {
      form.setFieldValue('title', `关于${startUnit.name}机构编制事项的请示`);
    }
  }, [startUnit, form]);
  const pickerUnits = useMemo(
    () => proposableUnits(units.data ?? [], liaisonUnit),
    [units.data, liaisonUnit],
  );

  if (regionCode === null) return null;

  if (!me.permissions.proposeMatters) {
    return (
      <PageContainer title="新建动议">
        <Alert type="warning" showIcon title="只有编办工作人员和部门联络员可以提出动议。" />
      </PageContainer>
    );
  }

  const submit = async (values: NewMatterValues) => {
    setError(null);
    let changes;
    try {
      changes = toChanges(values.changes ?? []);
    } catch (cause) {
      setError(isDraftError(cause) ? cause.message : errorMessage(cause));
      return;
    }
    setSaving(true);
    try {
      const detail = await proposeMatter({
        region: regionCode,
        title: values.title.trim(),
        reasons: values.reasons.trim(),
        changes,
      });
      notifyMattersChanged();
      void message.success(`动议已提出，事项编号 ${String(detail.id)}`);
      navigate(`/matters/${String(detail.id)}`);
    } catch (cause) {
      setError(errorMessage(cause));
      window.scrollTo({ top: 0, behavior: 'smooth' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <PageContainer
      title="新建动议"
      subTitle={`${regionPath(regionById, regionCode)}${
        startUnit ? ` · ${startUnit.name}` : me.user.unitName ? ` · ${me.user.unitName}` : ''
      }`}
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/matters')}>
          返回事项列表
        </Button>
      }
    >
      {error ? (
        <Alert
          type="error"
          showIcon
          title="动议未能提交"
          description={error}
          closable={{ onClose: () => setError(null) }}
          style={{ marginBottom: 12 }}
          data-testid="matter-error"
        />
      ) : null}
      {units.error ? (
        <ErrorAlert title="机构列表加载失败" error={units.error} onRetry={units.reload} />
      ) : null}
      <Form<NewMatterValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        scrollToFirstError
        initialValues={{ changes: [] }}
        requiredMark
      >
        <Card size="small" className="bz-section" title="动议">
          <Form.Item
            label="事项名称"
            name="title"
            rules={[
              { required: true, whitespace: true, message: '请填写事项名称' },
              { min: 2, message: '事项名称至少2个字' },
            ]}
          >
            <Input
              data-testid="matter-title"
              maxLength={200}
              placeholder="如：关于调剂县教育局事业编制的请示"
            />
          </Form.Item>
          <Form.Item
            label="动议理由"
            name="reasons"
            extra="说明必要性、合理性和可行性；部门动议须经党组（党委）集体研究。会议纪要、请示等材料可在提交后作为附件上传。"
            rules={[
              { required: true, whitespace: true, message: '请填写动议理由' },
              { min: 2, message: '动议理由至少2个字' },
            ]}
          >
            <Input.TextArea data-testid="matter-reasons" rows={4} maxLength={5000} showCount />
          </Form.Item>
        </Card>
        <Card size="small" className="bz-section" title="变更内容">
          <ChangesEditor
            region={regionCode}
            units={pickerUnits}
            unitsLoading={units.loading}
            ownUnitId={ownUnitId}
          />
        </Card>
        <Space>
          <Button
            type="primary"
            htmlType="submit"
            icon={<SendOutlined />}
            loading={saving}
            data-testid="matter-submit"
          >
            提交动议
          </Button>
          <Button onClick={() => navigate('/matters')}>取消</Button>
        </Space>
      </Form>
    </PageContainer>
  );
}
