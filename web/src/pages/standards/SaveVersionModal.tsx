// 保存为新版本: the what-if's ratios of one kind become the region's next version of that
// standard, with the name, source document and date the office enters.
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../api/index.ts';
import {
  saveStandardVersion,
  type Rounding,
  type StandardKey,
  type StandardsResult,
  type StoredStandard,
} from '../../api/standards.ts';
import { describeRule, ROUNDING_LABELS, ROUNDINGS, STANDARD_KEYS, STANDARD_LABELS } from './labels.ts';
import { appliedStandard, buildStandardInput, changedKinds, type WhatIfDraft } from './whatIf.ts';

interface Values {
  key: StandardKey;
  name: string;
  sourceDocument: string;
  validFrom: Dayjs;
  rounding: Rounding;
}

const DATE_FORMAT = 'YYYY-MM-DD';

export function SaveVersionModal({
  region,
  result,
  draft,
  onClose,
  onSaved,
}: {
  region: string;
  result: StandardsResult;
  draft: WhatIfDraft;
  onClose: () => void;
  onSaved: (saved: StoredStandard) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const changed = changedKinds(result, draft);
  const firstKey: StandardKey = changed[0] ?? 'school';

  const defaultsFor = (key: StandardKey): Pick<Values, 'name' | 'rounding'> => {
    const applied = appliedStandard(result, key);
    return {
      name: applied?.name ?? `${STANDARD_LABELS[key]}编制标准`,
      rounding: applied?.rounding ?? 'round',
    };
  };

  const key = Form.useWatch('key', form) ?? firstKey;
  const rounding = Form.useWatch('rounding', form) ?? defaultsFor(key).rounding;
  const validFrom = Form.useWatch('validFrom', form);
  const preview = describeRule({
    ...buildStandardInput(result, draft, {
      key,
      name: '',
      sourceDocument: '',
      validFrom: '2000-01-01',
      rounding,
    }),
    version: 0,
  });
  const laterThanYear = validFrom !== undefined && validFrom.format(DATE_FORMAT) > result.standardsOn;

  const submit = async (values: Values) => {
    setSaving(true);
    setError(null);
    try {
      const saved = await saveStandardVersion(
        region,
        buildStandardInput(result, draft, {
          key: values.key,
          name: values.name,
          sourceDocument: values.sourceDocument,
          validFrom: values.validFrom.format(DATE_FORMAT),
          rounding: values.rounding,
        }),
      );
      void message.success(`已保存「${saved.name}」本县第${String(saved.version)}版`);
      onSaved(saved);
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title="保存为编制标准的新版本"
      width={620}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={[
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button
          key="ok"
          type="primary"
          loading={saving}
          onClick={() => form.submit()}
          data-testid="version-save-ok"
        >
          保存
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">
        按假设测算中的比例保存为本县该类编制标准的新版本；原有版本保留，不会被覆盖。学生数、服务人口的修改不随标准保存。
      </Typography.Paragraph>
      {error ? (
        <Alert type="error" showIcon title="保存未完成" description={error} style={{ marginBottom: 12 }} />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={saving}
        initialValues={{
          key: firstKey,
          ...defaultsFor(firstKey),
          sourceDocument: '',
          validFrom: dayjs(`${String(result.year)}-01-01`),
        }}
        onValuesChange={(changedValues: Partial<Values>) => {
          if (changedValues.key !== undefined) form.setFieldsValue(defaultsFor(changedValues.key));
        }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item label="标准类别" name="key" rules={[{ required: true, message: '请选择标准类别' }]}>
          <Select<StandardKey>
            data-testid="version-key"
            options={STANDARD_KEYS.map((k) => ({
              value: k,
              label: `${STANDARD_LABELS[k]}${changed.includes(k) ? '（比例已调整）' : ''}`,
            }))}
          />
        </Form.Item>
        <Form.Item label="配备标准">
          <Typography.Text strong data-testid="version-rule">
            {preview}
          </Typography.Text>
        </Form.Item>
        <Form.Item
          label="标准名称"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '请填写标准名称' },
            { min: 2, message: '标准名称至少 2 个字' },
          ]}
        >
          <Input maxLength={200} data-testid="version-name" />
        </Form.Item>
        <Form.Item
          label="依据文件"
          name="sourceDocument"
          rules={[
            { required: true, whitespace: true, message: '请写明依据文件' },
            { min: 2, message: '依据文件至少 2 个字' },
          ]}
          extra="写明发文机关、文件名称和文号，如：自治区党委编办《关于……的通知》（宁编办发〔2026〕5号）"
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="version-source" />
        </Form.Item>
        <Form.Item
          label="生效日期"
          name="validFrom"
          rules={[{ required: true, message: '请选择生效日期' }]}
          extra={
            laterThanYear
              ? `生效日期晚于 ${result.standardsOn}，本版本不影响 ${String(result.year)} 年度的测算。`
              : undefined
          }
        >
          <DatePicker allowClear={false} format={DATE_FORMAT} data-testid="version-valid-from" />
        </Form.Item>
        <Form.Item label="取整方式" name="rounding" rules={[{ required: true, message: '请选择取整方式' }]}>
          <Select<Rounding>
            data-testid="version-rounding"
            options={ROUNDINGS.map((r) => ({ value: r, label: ROUNDING_LABELS[r] }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
