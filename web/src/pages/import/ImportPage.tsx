import { CloudUploadOutlined, InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Popconfirm,
  Progress,
  Row,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { TableColumnsType, UploadFile } from 'antd';
import { useEffect, useRef, useState } from 'react';
import {
  IMPORT_CANCEL_PHASE,
  IMPORT_COMMIT_PHASE,
  REQUIRED_COLUMNS,
  TABLE_COLUMNS,
  TABLE_NAMES,
  type TableName,
} from '../../../../src/common/exchange.ts';
import { cancelImportJob, errorMessage, getImportJob, startImport } from '../../api/index.ts';
import type { ImportJob } from '../../api/index.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import type { ImportMapping } from '../../../../src/common/exchange-mapping.ts';
import { canCancel, jobNotice, progressPercent, progressPrefix, progressStatus } from './importJob.ts';
import { ImportErrors, ImportSuccess } from './ImportResultView.tsx';
import { MappingStep } from './MappingStep.tsx';

type FileFormat = 'exchange' | 'mapped';

const POLL_MS = 500;
const ACCEPT = '.xlsx,.csv';

const PHASE_LABELS: Record<string, string> = {
  queued: '排队等待',
  pending: '排队等待',
  upload: '接收文件',
  uploading: '接收文件',
  read: '读取文件',
  reading: '读取文件',
  parse: '解析文件',
  parsing: '解析文件',
  validate: '校验数据',
  validating: '校验数据',
  check: '校验数据',
  checking: '校验数据',
  write: '写入数据',
  writing: '写入数据',
  apply: '写入数据',
  applying: '写入数据',
  commit: '提交事务',
  [IMPORT_COMMIT_PHASE]: '提交数据（已无法取消）',
  [IMPORT_CANCEL_PHASE]: '正在取消（撤销已写入的内容）',
  done: '完成',
  finished: '完成',
  failed: '失败',
};

function latestByName(list: UploadFile[]): UploadFile[] {
  const byName = new Map<string, UploadFile>();
  for (const item of list) {
    byName.delete(item.name);
    byName.set(item.name, item);
  }
  return [...byName.values()];
}

function phaseLabel(phase: string): string {
  return PHASE_LABELS[phase.toLowerCase()] ?? phase;
}

interface SheetRow {
  table: TableName;
  columns: readonly string[];
  required: readonly string[];
}

const SHEET_NOTES: Partial<Record<TableName, string>> = {
  地区: '可选；系统已有的行政区划可不填',
  人口: '机构编码为空表示全县常住人口',
  编制: '来源为空表示本级核定，或填“周转池”',
  事业单位登记: '可选；已有的事业单位法人登记及其现行证书',
  中文域名: '可选；已注册的 .政务/.公益 域名',
};

const sheetColumns: TableColumnsType<SheetRow> = [
  {
    title: '表名（工作表/文件名）',
    dataIndex: 'table',
    width: 150,
    render: (t: string) => <strong>{t}</strong>,
  },
  {
    title: '列名（加粗为必填）',
    dataIndex: 'columns',
    render: (columns: readonly string[], row) => (
      <Space size={[4, 4]} wrap>
        {columns.map((c) => (
          <Tag key={c} className={row.required.includes(c) ? 'bz-required-col' : undefined}>
            {c}
          </Tag>
        ))}
      </Space>
    ),
  },
  {
    title: '说明',
    dataIndex: 'table',
    key: 'note',
    width: 220,
    render: (t: TableName) => SHEET_NOTES[t] ?? '—',
  },
];

const sheetRows: SheetRow[] = TABLE_NAMES.map((table) => ({
  table,
  columns: TABLE_COLUMNS[table],
  required: REQUIRED_COLUMNS[table],
}));

export function ImportPage() {
  const me = useCurrentUser();
  const allowed = me.permissions.importData;
  const [fileList, setFileList] = useState<UploadFile[]>([]);
  const [files, setFiles] = useState<File[]>([]);
  const [dryRun, setDryRun] = useState(false);
  const [ignoreExtraColumns, setIgnoreExtraColumns] = useState(false);
  const [format, setFormat] = useState<FileFormat>('exchange');
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [job, setJob] = useState<ImportJob | null>(null);
  const [cancelling, setCancelling] = useState(false);
  /** Why a cancel was refused (past the commit): shown while the job still runs. */
  const [cancelRefused, setCancelRefused] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<number | null>(null);
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      if (timer.current !== null) window.clearTimeout(timer.current);
    };
  }, []);

  const poll = (id: string) => {
    timer.current = window.setTimeout(() => {
      getImportJob(id).then(
        (next) => {
          if (!alive.current) return;
          setJob(next);
          if (next.status === 'running') poll(id);
          else setSubmitting(false);
        },
        (cause: unknown) => {
          if (!alive.current) return;
          setError(`查询导入进度失败：${errorMessage(cause)}`);
          setSubmitting(false);
        },
      );
    }, POLL_MS);
  };

  const submit = async () => {
    if (files.length === 0) {
      setError('请先选择要导入的文件');
      return;
    }
    if (format === 'mapped' && mapping === null) {
      setError('请先在“表头映射”中识别表头并确认映射');
      return;
    }
    if (timer.current !== null) window.clearTimeout(timer.current);
    setSubmitting(true);
    setError(null);
    setCancelRefused(null);
    setJob(null);
    try {
      const started = await startImport(files, {
        dryRun,
        ignoreExtraColumns,
        ...(format === 'mapped' && mapping ? { mapping } : {}),
      });
      if (!alive.current) return;
      setJob(started);
      if (started.status === 'running') poll(started.id);
      else setSubmitting(false);
    } catch (cause) {
      if (!alive.current) return;
      setError(errorMessage(cause));
      setSubmitting(false);
    }
  };

  const cancel = async () => {
    if (!job) return;
    setCancelling(true);
    try {
      const ended = await cancelImportJob(job.id);
      if (!alive.current) return;
      if (timer.current !== null) window.clearTimeout(timer.current);
      setJob(ended);
      setSubmitting(false);
    } catch (cause) {
      // Past its commit (409): the poll goes on and shows the result.
      if (alive.current) setCancelRefused(errorMessage(cause));
    } finally {
      if (alive.current) setCancelling(false);
    }
  };

  const running = job?.status === 'running';
  const result = job?.status === 'done' ? job.result : null;
  const notice = jobNotice(job);

  return (
    <PageContainer title="数据导入" subTitle="从 Excel 工作簿或 CSV 文件批量导入机构、编制、领导职数和人员">
      {!allowed ? (
        <Alert
          type="warning"
          showIcon
          title="当前账号没有数据导入权限，如需导入请联系编办管理员。"
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={10}>
          <Card size="small" title="选择文件" className="bz-section">
            <Segmented<FileFormat>
              data-testid="import-format"
              block
              style={{ marginBottom: 12 }}
              value={format}
              onChange={(v) => setFormat(v)}
              options={[
                { value: 'exchange', label: '交换格式（导入模板）' },
                { value: 'mapped', label: '本单位格式（经表头映射）' },
              ]}
            />
            <Upload.Dragger
              data-testid="import-files"
              multiple
              accept={ACCEPT}
              fileList={fileList}
              disabled={!allowed || running}
              beforeUpload={() => false}
              onChange={(info) => {
                // A corrected file chosen again replaces the earlier one of the same name.
                const latest = latestByName(info.fileList);
                setFileList(latest);
                setFiles(
                  latest.flatMap((item) => (item.originFileObj instanceof File ? [item.originFileObj] : [])),
                );
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">点击或将文件拖到此处</p>
              <p className="ant-upload-hint">
                支持一个 .xlsx 工作簿（每表一个工作表），或多个 .csv
                文件（文件名即表名，如“机构.csv”“编制.csv”）
              </p>
            </Upload.Dragger>
            <div className="bz-import-options">
              <Checkbox
                data-testid="import-dry-run"
                checked={dryRun}
                onChange={(e) => setDryRun(e.target.checked)}
              >
                仅检查（不写入）
              </Checkbox>
              {format === 'exchange' ? (
                <Checkbox
                  data-testid="import-ignore-extra"
                  checked={ignoreExtraColumns}
                  onChange={(e) => setIgnoreExtraColumns(e.target.checked)}
                >
                  忽略多余列
                </Checkbox>
              ) : null}
            </div>
            <Button
              data-testid="import-submit"
              type="primary"
              icon={<CloudUploadOutlined />}
              loading={submitting}
              disabled={!allowed}
              onClick={() => void submit()}
              block
            >
              {dryRun ? '开始检查' : '开始导入'}
            </Button>
            <Typography.Paragraph type="secondary" className="bz-import-note">
              导入是“全部成功或全部不写入”：只要有一处错误，就不会写入任何数据。重复导入同一文件不会改变数据。
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title="导入结果" className="bz-section">
            {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
            {job === null && error === null ? (
              <Typography.Text type="secondary">
                选择文件后点击“{dryRun ? '开始检查' : '开始导入'}”，结果将显示在这里。
              </Typography.Text>
            ) : null}
            {job ? (
              <div className="bz-import-progress" data-testid="import-progress">
                <div className="bz-muted">
                  {progressPrefix(job)}
                  {phaseLabel(job.progress.phase)}
                  {job.progress.table ? ` · ${job.progress.table}` : ''}
                  {job.progress.total > 0
                    ? `（${String(job.progress.done)} / ${String(job.progress.total)}）`
                    : ''}
                </div>
                <Progress percent={progressPercent(job)} status={progressStatus(job)} size="small" />
                {canCancel(job) ? (
                  <Popconfirm
                    title="取消本次导入？"
                    description="已处理的内容不会写入，可稍后重新导入。"
                    okText="取消导入"
                    cancelText="继续导入"
                    onConfirm={() => void cancel()}
                  >
                    <Button danger size="small" loading={cancelling} data-testid="import-cancel">
                      取消导入
                    </Button>
                  </Popconfirm>
                ) : null}
              </div>
            ) : null}
            {running && cancelRefused ? (
              <Alert type="info" showIcon title={cancelRefused} style={{ marginBottom: 12 }} />
            ) : null}
            {notice ? (
              <Alert
                type={notice.type}
                showIcon
                title={notice.title}
                description={notice.description}
                data-testid="import-notice"
              />
            ) : null}
            {result ? result.ok ? <ImportSuccess result={result} /> : <ImportErrors result={result} /> : null}
          </Card>
        </Col>
      </Row>
      {format === 'mapped' ? (
        <MappingStep files={files} disabled={!allowed || running} onChange={setMapping} />
      ) : null}
      <Card size="small" title="导入模板说明" className="bz-section">
        <Typography.Paragraph>
          工作簿中每张表一个工作表，工作表名即表名；使用 CSV 时每张表一个 UTF-8
          编码的文件，文件名为“表名.csv”。 第1行为中文表头，列的顺序不限；空单元格表示无值；日期写作
          YYYY-MM-DD；是否类字段填“是”或“否”；
          类别、类型等取值须与系统规定的名称完全一致。按键列匹配已有记录，已有则更新，没有则新增。
        </Typography.Paragraph>
        <Table<SheetRow>
          size="small"
          bordered
          rowKey="table"
          columns={sheetColumns}
          dataSource={sheetRows}
          pagination={false}
        />
      </Card>
    </PageContainer>
  );
}
