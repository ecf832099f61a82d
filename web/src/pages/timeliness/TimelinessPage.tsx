// 及时性 (domain.md §10): matters decided but not implemented within the county's working days,
// and implementations recorded late; the administrator sets the working days, holidays and 调休.
import { Alert, App, Button, Card, Form, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api/index.ts';
import {
  getTimeliness,
  saveTimelinessSettings,
  type TimelinessItem,
  type TimelinessResponse,
} from '../../api/timeliness.ts';
import { useCurrentUser, useSession } from '../../app/session.tsx';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useAsync } from '../../hooks/useAsync.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function columns(kind: 'overdue' | 'late'): TableColumnsType<TimelinessItem> {
  return [
    {
      title: '事项',
      dataIndex: 'title',
      render: (title: string, row) => <Link to={`/matters/${String(row.matterId)}`}>{title}</Link>,
    },
    { title: '批准文号', dataIndex: 'docNo', width: 180, render: (v: string | null) => v ?? '—' },
    { title: '决定日期', dataIndex: 'decidedOn', width: 110 },
    { title: '应实施截止', dataIndex: 'deadline', width: 110 },
    ...(kind === 'late'
      ? [
          { title: '生效日期', dataIndex: 'effectiveOn', width: 110, render: (v: string | null) => v ?? '—' },
          { title: '录入日期', dataIndex: 'recordedOn', width: 110, render: (v: string | null) => v ?? '—' },
        ]
      : []),
    {
      title: kind === 'overdue' ? '逾期（工作日）' : '迟录（工作日）',
      dataIndex: 'daysLate',
      width: 130,
      align: 'right',
      render: (n: number) => <Tag color={n > 5 ? 'red' : 'orange'}>{n}</Tag>,
    },
  ];
}

interface SettingsValues {
  workingDays: number;
  holidays: string[];
  extraWorkdays: string[];
}

function SettingsForm({ data, onSaved }: { data: TimelinessResponse; onSaved: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<SettingsValues>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    form.setFieldsValue({
      workingDays: data.workingDays,
      holidays: data.holidays,
      extraWorkdays: data.extraWorkdays,
    });
  }, [data, form]);

  const datesRule = {
    validator: (_: unknown, value: string[] | undefined) =>
      (value ?? []).every((d) => DATE.test(d))
        ? Promise.resolve()
        : Promise.reject(new Error('日期格式应为 YYYY-MM-DD')),
  };

  async function save(values: SettingsValues) {
    setSaving(true);
    try {
      await saveTimelinessSettings({
        region: data.regionCode,
        workingDays: values.workingDays,
        holidays: values.holidays,
        extraWorkdays: values.extraWorkdays,
      });
      void message.success('已保存及时性要求');
      onSaved();
    } catch (error) {
      void message.error(`保存失败：${errorMessage(error)}`);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card title="及时性要求设置" size="small" data-testid="timeliness-settings">
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} style={{ maxWidth: 640 }}>
        <Form.Item
          name="workingDays"
          label="审议决定后应在几个工作日内组织实施并录入"
          rules={[{ required: true, message: '请填写工作日数' }]}
        >
          <InputNumber<number> min={1} max={60} precision={0} suffix="个工作日" style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="holidays" label="节假日（不计入工作日，每项 YYYY-MM-DD）" rules={[datesRule]}>
          <Select mode="tags" tokenSeparators={[',', '，', ' ']} placeholder="如 2026-10-01" />
        </Form.Item>
        <Form.Item name="extraWorkdays" label="调休工作日（周末上班，计入工作日）" rules={[datesRule]}>
          <Select mode="tags" tokenSeparators={[',', '，', ' ']} placeholder="如 2026-10-10" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="timeliness-save">
          保存
        </Button>
      </Form>
    </Card>
  );
}

export function TimelinessPage() {
  const me = useCurrentUser();
  const { regionCode } = useSession();
  const state = useAsync(regionCode ? () => getTimeliness(regionCode) : null, [regionCode]);
  const data = state.data;

  let body;
  if (!regionCode) body = <EmptyState text="请选择行政区划" />;
  else if (state.error)
    body = <ErrorAlert title="及时性情况加载失败" error={state.error} onRetry={state.reload} />;
  else if (!data) body = <Loading />;
  else
    body = (
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Alert
          type={data.overdue.length > 0 ? 'warning' : 'success'}
          showIcon
          title={
            <span>
              本县要求审议决定后{' '}
              <Typography.Text strong data-testid="timeliness-days">
                {data.workingDays}
              </Typography.Text>{' '}
              个工作日内组织实施并录入系统（截至 {data.today}）：逾期未实施 {data.overdue.length}{' '}
              件，录入不及时 {data.late.length} 件。
            </span>
          }
        />
        <Card title="审议决定后未及时组织实施" size="small">
          <Table<TimelinessItem>
            scroll={{ x: 'max-content' }}
            data-testid="timeliness-overdue"
            rowKey="matterId"
            size="small"
            columns={columns('overdue')}
            dataSource={data.overdue}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: '没有逾期未实施的事项' }}
          />
        </Card>
        <Card title="录入不及时（已实施）" size="small">
          <Table<TimelinessItem>
            scroll={{ x: 'max-content' }}
            data-testid="timeliness-late"
            rowKey="matterId"
            size="small"
            columns={columns('late')}
            dataSource={data.late}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: '没有录入不及时的事项' }}
          />
        </Card>
        {me.permissions.configureTimeliness ? <SettingsForm data={data} onSaved={state.reload} /> : null}
      </Space>
    );

  return (
    <PageContainer title="及时性" subTitle="机构编制事项应在规定工作日内组织实施并录入系统">
      {body}
    </PageContainer>
  );
}
