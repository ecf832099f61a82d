// 数据比对 (domain.md §10): a list from 组织部, 人社 or 财政 compared with the real-name records by
// 身份证号. Office staff upload; everyone who reads county reports sees the history and results.
import { CloudUploadOutlined, InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Row,
  Select,
  Table,
  Typography,
  Upload,
} from 'antd';
import type { TableColumnsType, UploadFile } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/index.ts';
import type { RowErrorDto } from '../../api/index.ts';
import {
  DIFFERENCE_KINDS,
  getReconciliation,
  listReconciliations,
  uploadReconciliation,
  type ReconciliationSource,
  type ReconciliationSummary,
} from '../../api/reconciliation.ts';
import { useCurrentUser, useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/feedback.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { dateTime, formatNumber, todayInChina } from '../../lib/format.ts';
import { DIFFERENCE_LABELS, SOURCE_OPTIONS } from './labels.ts';
import { ReconciliationDetail } from './ReconciliationDetail.tsx';
import './reconciliation.css';

const DATE_FORMAT = 'YYYY-MM-DD';
const ACCEPT = '.xlsx,.csv';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isRowError(value: unknown): value is RowErrorDto {
  return (
    isRecord(value) &&
    typeof value.row === 'number' &&
    typeof value.column === 'string' &&
    typeof value.reason === 'string'
  );
}

/** The row errors of a 422 IMPORT_REJECTED (details: { errors } or the list itself). */
function rejectedRows(error: unknown): RowErrorDto[] | null {
  if (!(error instanceof ApiError) || error.code !== 'IMPORT_REJECTED') return null;
  const details = error.details;
  const list: unknown = Array.isArray(details) ? details : isRecord(details) ? details.errors : null;
  return Array.isArray(list) ? list.filter(isRowError) : [];
}

const rejectionColumns: TableColumnsType<RowErrorDto> = [
  {
    title: '行号',
    dataIndex: 'row',
    width: 70,
    align: 'right',
    render: (row: number) => (row > 0 ? row : '—'),
  },
  { title: '列名', dataIndex: 'column', width: 110, render: (v: string) => v || '—' },
  { title: '原因', dataIndex: 'reason' },
];

interface UploadValues {
  source?: ReconciliationSource;
  comparedOn: Dayjs;
}

function UploadCard({ onDone }: { onDone: (summary: ReconciliationSummary) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<UploadValues>();
  const [fileList, setFileList] = useState<UploadFile[]>([]);
  const [file, setFile] = useState<File | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [rejected, setRejected] = useState<RowErrorDto[] | null>(null);
  const [done, setDone] = useState<ReconciliationSummary | null>(null);

  const submit = async (values: UploadValues) => {
    if (file === null) {
      setError('请先选择名单文件（.xlsx 或 .csv）');
      return;
    }
    if (values.source === undefined) return;
    setSubmitting(true);
    setError(null);
    setRejected(null);
    setDone(null);
    try {
      const summary = await uploadReconciliation({
        file,
        source: values.source,
        comparedOn: values.comparedOn.format(DATE_FORMAT),
      });
      setDone(summary);
      void message.success('比对完成');
      onDone(summary);
    } catch (cause) {
      const rows = rejectedRows(cause);
      setError(rows === null ? errorMessage(cause) : '名单无法读取，未进行比对。请按下表修改后重新上传。');
      setRejected(rows);
    } finally {
      setSubmitting(false);
    }
  };

  const diffs = done ? DIFFERENCE_KINDS.reduce((s, k) => s + done.counts[k], 0) : 0;

  return (
    <Row gutter={[12, 12]} className="bz-section">
      <Col xs={24} xl={10}>
        <Card size="small" title="上传名单比对" className="bz-rec-card">
          <Form<UploadValues>
            form={form}
            layout="vertical"
            disabled={submitting}
            initialValues={{ comparedOn: dayjs(todayInChina()) }}
            onFinish={(values) => void submit(values)}
          >
            <Upload.Dragger
              data-testid="reconcile-upload"
              accept={ACCEPT}
              maxCount={1}
              fileList={fileList}
              beforeUpload={() => false}
              onChange={(info) => {
                const latest = info.fileList.slice(-1);
                setFileList(latest);
                const picked = latest[0]?.originFileObj;
                setFile(picked instanceof File ? picked : null);
                setError(null);
              }}
              onRemove={() => {
                setFileList([]);
                setFile(null);
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">点击或将名单文件拖到此处</p>
              <p className="ant-upload-hint">支持 .xlsx（读取第一个工作表）或 UTF-8 编码的 .csv</p>
            </Upload.Dragger>
            <Row gutter={12} className="bz-rec-fields">
              <Col xs={24} sm={12}>
                <Form.Item
                  label="名单来源"
                  name="source"
                  rules={[{ required: true, message: '请选择名单来源' }]}
                >
                  <Select<ReconciliationSource>
                    data-testid="reconcile-source"
                    placeholder="请选择"
                    options={SOURCE_OPTIONS}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item
                  label="比对日期"
                  name="comparedOn"
                  rules={[{ required: true, message: '请选择比对日期' }]}
                  tooltip="与该日在编的人员比对，一般为名单的截止日期"
                >
                  <DatePicker
                    allowClear={false}
                    format={DATE_FORMAT}
                    style={{ width: '100%' }}
                    data-testid="reconcile-date"
                    disabledDate={(d) => d.isAfter(dayjs(todayInChina()), 'day')}
                  />
                </Form.Item>
              </Col>
            </Row>
            <Button
              type="primary"
              htmlType="submit"
              icon={<CloudUploadOutlined />}
              loading={submitting}
              block
              data-testid="reconcile-submit"
            >
              开始比对
            </Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} xl={14}>
        <Card size="small" title="名单要求与比对结果" className="bz-rec-card">
          <Typography.Paragraph type="secondary" className="bz-rec-note">
            名单前 20
            行中须有表头行，含“身份证号”“姓名”“单位”列，“编制类型”列可选（列名如“身份证号码”“单位名称”“编制性质”也可识别），列的顺序不限，标题行、序号等其他列不影响比对。按身份证号与实名库比对，只读取不修改实名库。
          </Typography.Paragraph>
          {!error && !done ? (
            <Typography.Text type="secondary">
              选择名单文件和来源后点击“开始比对”，结果将显示在这里和下方的比对记录中。
            </Typography.Text>
          ) : null}
          {error ? (
            <Alert
              type="error"
              showIcon
              title={error}
              style={{ marginBottom: 8 }}
              data-testid="reconcile-error"
            />
          ) : null}
          {rejected && rejected.length > 0 ? (
            <Table<RowErrorDto>
              scroll={{ x: 'max-content' }}
              size="small"
              bordered
              rowKey={(r) => `${String(r.row)}-${r.column}-${r.reason}`}
              columns={rejectionColumns}
              dataSource={rejected}
              pagination={
                rejected.length > 20 ? { defaultPageSize: 20, showTotal: (n) => `共 ${String(n)} 处` } : false
              }
              data-testid="reconcile-rejected"
            />
          ) : null}
          {done ? (
            <Alert
              type={diffs > 0 ? 'warning' : 'success'}
              showIcon
              data-testid="reconcile-done"
              title={`比对完成：名单 ${formatNumber(done.counts.listRows)} 行，完全一致 ${formatNumber(done.counts.matched)} 人，差异 ${formatNumber(diffs)} 条`}
              description={DIFFERENCE_KINDS.filter((k) => done.counts[k] > 0)
                .map((k) => `${DIFFERENCE_LABELS[k]} ${formatNumber(done.counts[k])}`)
                .join('，')}
            />
          ) : null}
        </Card>
      </Col>
    </Row>
  );
}

function readId(params: URLSearchParams): number | null {
  const raw = params.get('id') ?? '';
  return /^\d+$/.test(raw) ? Number(raw) : null;
}

export function ReconciliationPage() {
  const me = useCurrentUser();
  const { regionCode, regionById } = useSession();
  const [params, setParams] = useSearchParams();
  const selectedId = readId(params);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const history = useAsync(regionCode ? () => listReconciliations(regionCode, page, pageSize) : null, [
    regionCode,
    page,
    pageSize,
  ]);
  const selected = useAsync(selectedId === null ? null : () => getReconciliation(selectedId), [selectedId]);
  const canWrite = me.permissions.writeLedger;
  const uploadHere = canWrite && regionCode === me.user.regionCode;

  const select = (id: number) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('id', String(id));
        return next;
      },
      { replace: true },
    );

  const columns: TableColumnsType<ReconciliationSummary> = [
    { title: '比对日期', dataIndex: 'comparedOn', width: 100 },
    { title: '名单来源', dataIndex: 'sourceLabel', width: 140 },
    {
      title: '名单文件',
      dataIndex: 'fileName',
      ellipsis: true,
      render: (v: string) => <span title={v}>{v}</span>,
    },
    {
      title: '名单行数',
      key: 'listRows',
      width: 80,
      align: 'right',
      render: (_: unknown, r) => formatNumber(r.counts.listRows),
    },
    {
      title: '在编人数',
      key: 'ledgerPeople',
      width: 80,
      align: 'right',
      render: (_: unknown, r) => formatNumber(r.counts.ledgerPeople),
    },
    {
      title: '一致',
      key: 'matched',
      width: 64,
      align: 'right',
      render: (_: unknown, r) => formatNumber(r.counts.matched),
    },
    ...DIFFERENCE_KINDS.map((k) => ({
      title: DIFFERENCE_LABELS[k],
      key: k,
      width: 104,
      align: 'right' as const,
      render: (_: unknown, r: ReconciliationSummary) =>
        r.counts[k] > 0 ? <span className="bz-rec-bad">{formatNumber(r.counts[k])}</span> : '0',
    })),
    { title: '比对人', dataIndex: 'createdByName', width: 110 },
    { title: '比对时间', dataIndex: 'createdAt', width: 130, render: (v: string) => dateTime(v) },
  ];

  const forbidden = history.error instanceof ApiError && history.error.status === 403;
  const regionName = regionCode ? (regionById.get(regionCode)?.name ?? regionCode) : '';

  const historyCard = (
    <Card size="small" title={`历次比对${regionName ? `（${regionName}）` : ''}`} className="bz-section">
      {history.error ? (
        <ErrorAlert
          title={forbidden ? '无权查看数据比对' : '比对记录加载失败'}
          error={history.error}
          onRetry={forbidden ? undefined : history.reload}
        />
      ) : null}
      <Table<ReconciliationSummary>
        size="small"
        bordered
        rowKey="id"
        columns={columns}
        dataSource={history.data?.items ?? []}
        loading={history.loading}
        scroll={{ x: 'max-content' }}
        data-testid="reconcile-history"
        rowClassName={(r) => (r.id === selectedId ? 'bz-clickable-row bz-rec-selected' : 'bz-clickable-row')}
        onRow={(r) => ({ onClick: () => select(r.id) })}
        locale={{ emptyText: canWrite ? '还没有比对记录，请先上传名单' : '还没有比对记录' }}
        pagination={{
          current: page,
          pageSize,
          total: history.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50],
          showTotal: (n) => `共 ${formatNumber(n)} 次`,
          onChange: (p, size) => {
            setPage(size === pageSize ? p : 1);
            setPageSize(size);
          },
        }}
      />
      {history.data && history.data.items.length > 0 && selectedId === null ? (
        <Typography.Text type="secondary">点击一行查看该次比对的差异明细。</Typography.Text>
      ) : null}
    </Card>
  );

  return (
    <PageContainer
      title="数据比对"
      subTitle="组织部、人社、财政名单与实名库按身份证号比对，查找名单有编制内无、编制内有名单无、单位或编制类型不一致的人员"
    >
      {!canWrite ? (
        <Alert
          type="info"
          showIcon
          className="bz-section"
          title="仅编办工作人员可以上传名单进行比对；您可以查看历次比对结果。"
        />
      ) : !uploadHere ? (
        <Alert
          type="info"
          showIcon
          className="bz-section"
          title={`名单比对在本账号所属的${me.user.regionName}进行；当前查看的是其他地区，只能查看比对结果。`}
        />
      ) : null}
      {uploadHere ? (
        <UploadCard
          onDone={(summary) => {
            setPage(1);
            history.reload();
            select(summary.id);
          }}
        />
      ) : null}
      {historyCard}
      {selected.error ? (
        <ErrorAlert title="比对结果加载失败" error={selected.error} onRetry={selected.reload} />
      ) : null}
      {selected.data && selected.data.id === selectedId ? (
        <ReconciliationDetail key={selected.data.id} summary={selected.data} />
      ) : null}
    </PageContainer>
  );
}
