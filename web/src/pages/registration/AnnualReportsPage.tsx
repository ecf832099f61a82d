// 年度报告: the year's institutions and their reports with the on-time rate. The institution's
// 经办人 files, the 举办单位 gives the 保密审查, the office passes (公示) or returns it. Each row's
// buttons are the server's answer (row.may); the page computes no figure.
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import {
  ANNUAL_REPORT_ATTACHMENTS,
  ANNUAL_REPORT_ITEMS,
  annualOverview,
  fileAnnualReport,
  reviewAnnualReport,
  signOffAnnualReport,
  type AnnualOverviewView,
  type AnnualReportItemKey,
} from '../../api/registration.ts';
import { errorMessage } from '../../api/index.ts';
import { ErrorAlert } from '../../components/feedback.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useSession } from '../../app/session.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { dash } from '../../lib/format.ts';

type Row = AnnualOverviewView['rows'][number];
const ITEM_KEYS = Object.keys(ANNUAL_REPORT_ITEMS) as AnnualReportItemKey[];

const STATE_COLOR: Record<string, string> = {
  待审查: 'orange',
  待审核: 'blue',
  退回修改: 'red',
  已公示: 'green',
};

export function AnnualReportsPage() {
  const { message } = App.useApp();
  const session = useSession();
  const region = session.regionCode;
  const [year, setYear] = useState(new Date().getFullYear() - 1);
  const data = useAsync(region ? () => annualOverview(region, year) : null, [region, year]);
  const [filing, setFiling] = useState<Row | null>(null);
  const [returning, setReturning] = useState<Row | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<Record<AnnualReportItemKey, string> & { attachments: string[] }>();
  const [returnForm] = Form.useForm<{ comment: string }>();

  const act = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      message.success(done);
      data.reload();
      return true;
    } catch (cause) {
      setError(errorMessage(cause));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const openFiling = (row: Row) => {
    form.resetFields();
    const prior = row.report;
    form.setFieldsValue({
      ...Object.fromEntries(ITEM_KEYS.map((k) => [k, prior?.items[k] ?? ''])),
      attachments: prior?.attachments ?? [],
    });
    setFiling(row);
  };

  const submitFiling = async () => {
    if (!filing) return;
    const values = await form.validateFields();
    const items = Object.fromEntries(ITEM_KEYS.map((k) => [k, values[k]])) as Record<
      AnnualReportItemKey,
      string
    >;
    const ok = await act(
      () =>
        fileAnnualReport({
          registrationId: filing.registrationId,
          year,
          items,
          attachments: values.attachments,
        }),
      '年度报告已报送',
    );
    if (ok) setFiling(null);
  };

  const o = data.data;
  return (
    <PageContainer
      title="年度报告"
      subTitle="事业单位法人年度报告：单位报送 → 举办单位保密审查 → 编办审核公示"
      extra={
        <Space>
          报告年度
          <InputNumber
            min={2000}
            max={2100}
            value={year}
            onChange={(v) => v !== null && setYear(v)}
            data-testid="annual-year"
          />
        </Space>
      }
    >
      {data.error ? <ErrorAlert error={data.error} onRetry={data.reload} /> : null}
      {error ? <Alert type="error" showIcon message={error} closable onClose={() => setError(null)} /> : null}
      {o ? (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Card size="small">
            <Space size="large" wrap>
              <Statistic title="应报送" value={o.expected} />
              <Statistic title="已报送" value={o.filed} />
              <Statistic title="按时报送" value={o.onTime} />
              <Statistic title="逾期报送" value={o.late} />
              <Statistic title="已公示" value={o.published} />
              <Statistic title="按时报送率" value={o.onTimeRate === null ? '—' : `${o.onTimeRate}%`} />
            </Space>
          </Card>
          <Table<Row>
            rowKey="registrationId"
            size="middle"
            loading={data.loading}
            dataSource={o.rows}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              { title: '单位名称', dataIndex: 'name' },
              { title: '统一社会信用代码', dataIndex: 'uscc', render: (v: string | null) => dash(v) },
              {
                title: '状态',
                render: (_: unknown, r) =>
                  r.report ? (
                    <Space size={4}>
                      <Tag
                        color={STATE_COLOR[r.report.state]}
                        data-testid={`annual-state-${r.registrationId}`}
                      >
                        {r.report.state}
                      </Tag>
                      {r.report.late ? <Tag color="red">逾期</Tag> : null}
                    </Space>
                  ) : (
                    <Tag>未报送</Tag>
                  ),
              },
              { title: '报送日期', render: (_: unknown, r) => dash(r.report?.submittedOn) },
              { title: '从业人员', render: (_: unknown, r) => dash(r.report?.staffCount) },
              { title: '审核意见', render: (_: unknown, r) => dash(r.report?.reviewComment) },
              {
                title: '操作',
                render: (_: unknown, r) => (
                  <Space size={4} wrap>
                    {r.may.file ? (
                      <Button
                        size="small"
                        type="primary"
                        onClick={() => openFiling(r)}
                        data-testid="annual-file"
                      >
                        {r.report ? '重新报送' : '报送'}
                      </Button>
                    ) : null}
                    {r.may.signOff && r.report ? (
                      <Button
                        size="small"
                        type="primary"
                        loading={busy}
                        data-testid="annual-sign-off"
                        onClick={() => {
                          const id = r.report?.id ?? 0;
                          void act(() => signOffAnnualReport(id), '保密审查已完成');
                        }}
                      >
                        保密审查通过
                      </Button>
                    ) : null}
                    {r.may.pass && r.report ? (
                      <Button
                        size="small"
                        type="primary"
                        loading={busy}
                        data-testid="annual-pass"
                        onClick={() => {
                          const id = r.report?.id ?? 0;
                          void act(() => reviewAnnualReport(id, '通过', ''), '已审核通过并公示');
                        }}
                      >
                        通过并公示
                      </Button>
                    ) : null}
                    {r.may.return && r.report ? (
                      <Button
                        size="small"
                        danger
                        onClick={() => {
                          returnForm.resetFields();
                          setReturning(r);
                        }}
                      >
                        退回修改
                      </Button>
                    ) : null}
                  </Space>
                ),
              },
            ]}
          />
        </Space>
      ) : null}
      <Modal
        title={filing ? `报送 ${year} 年度报告：${filing.name}` : ''}
        open={filing !== null}
        width={760}
        okText="报送"
        confirmLoading={busy}
        onOk={() => void submitFiling()}
        onCancel={() => setFiling(null)}
        okButtonProps={{ 'data-testid': 'annual-submit' } as Record<string, string>}
      >
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message="从业人员按台账 12 月 31 日实有人数、网上名称按中文域名登记自动填入；无相关情况的项目请填“无”。"
        />
        <Form form={form} layout="vertical">
          {ITEM_KEYS.map((k) => (
            <Form.Item
              key={k}
              name={k}
              label={ANNUAL_REPORT_ITEMS[k]}
              rules={[{ required: true, message: '请填写（无则填“无”）' }]}
            >
              <Input.TextArea rows={2} data-testid={`annual-item-${k}`} />
            </Form.Item>
          ))}
          <Form.Item name="attachments" label="附件">
            <Select mode="tags" options={ANNUAL_REPORT_ATTACHMENTS.map((a) => ({ value: a, label: a }))} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title={returning ? `退回修改：${returning.name}` : ''}
        open={returning !== null}
        okText="退回"
        confirmLoading={busy}
        onOk={() => {
          void returnForm.validateFields().then(async ({ comment }) => {
            const id = returning?.report?.id ?? 0;
            if (await act(() => reviewAnnualReport(id, '退回修改', comment), '已退回修改'))
              setReturning(null);
          });
        }}
        onCancel={() => setReturning(null)}
      >
        <Form form={returnForm} layout="vertical">
          <Form.Item name="comment" label="退回理由" rules={[{ required: true, message: '请说明退回理由' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
}
