// 法规制度: the county's library of laws, 党内法规 and 规范性文件 (search by title, 文号 and full
// text; the office adds documents), and the 学习/宣讲 records with their counts per year.
import {
  App,
  Button,
  Card,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import {
  DOCUMENT_VALIDITIES,
  DOCUMENT_VALIDITY_LABELS,
  TRAINING_KINDS,
  TRAINING_KIND_LABELS,
  type DocumentValidity,
  type TrainingKind,
} from '../../../../src/common/evaluation.ts';
import { errorMessage } from '../../api/index.ts';
import {
  addLibraryDocument,
  getLibraryDocument,
  getTrainingCounts,
  getTrainings,
  recordTraining,
  searchLibrary,
  type LibraryDocumentSummary,
  type TrainingWithAttachments,
  type TrainingYearCount,
} from '../../api/library.ts';
import { useCurrentUser, useSession } from '../../app/session.tsx';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { LibraryAttachments } from './LibraryAttachments.tsx';
import { useAsync } from '../../hooks/useAsync.ts';

const DATE = { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '日期格式应为 YYYY-MM-DD' };
const VALIDITY_COLOURS: Record<DocumentValidity, string> = {
  valid: 'green',
  repealed: 'default',
  amended: 'orange',
};

interface DocumentValues {
  title: string;
  docNo?: string;
  issuer: string;
  issuedOn: string;
  effectiveOn?: string;
  validity: DocumentValidity;
  fullText?: string;
}

function DocumentForm({ region, onSaved }: { region: string; onSaved: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<DocumentValues>();
  const [saving, setSaving] = useState(false);
  async function save(v: DocumentValues) {
    setSaving(true);
    try {
      await addLibraryDocument({
        region,
        title: v.title,
        docNo: v.docNo?.trim() ? v.docNo.trim() : null,
        issuer: v.issuer,
        issuedOn: v.issuedOn,
        effectiveOn: v.effectiveOn?.trim() ? v.effectiveOn.trim() : null,
        validity: v.validity,
        fullText: v.fullText ?? '',
      });
      void message.success('已新增法规制度文件');
      form.resetFields();
      onSaved();
    } catch (error) {
      void message.error(`保存失败：${errorMessage(error)}`);
    } finally {
      setSaving(false);
    }
  }
  return (
    <Card title="新增文件" size="small" data-testid="library-add">
      <Form
        form={form}
        layout="vertical"
        initialValues={{ validity: 'valid' }}
        onFinish={(v) => void save(v)}
        style={{ maxWidth: 720 }}
      >
        <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="docNo" label="文号">
            <Input maxLength={100} placeholder="如 中办发〔2019〕50号" style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="issuer" label="发文机关" rules={[{ required: true, message: '请填写发文机关' }]}>
            <Input maxLength={100} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item
            name="issuedOn"
            label="发布日期"
            rules={[{ required: true, message: '请填写发布日期' }, DATE]}
          >
            <Input placeholder="YYYY-MM-DD" style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="effectiveOn" label="施行日期" rules={[DATE]}>
            <Input placeholder="YYYY-MM-DD" style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="validity" label="效力状态">
            <Select
              style={{ width: 110 }}
              options={DOCUMENT_VALIDITIES.map((v) => ({ value: v, label: DOCUMENT_VALIDITY_LABELS[v] }))}
            />
          </Form.Item>
        </Space>
        <Form.Item name="fullText" label="全文">
          <Input.TextArea rows={6} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="library-save">
          保存
        </Button>
      </Form>
    </Card>
  );
}

function DocumentsTab({ region, canWrite }: { region: string; canWrite: boolean }) {
  const [text, setText] = useState('');
  const [validity, setValidity] = useState<DocumentValidity | undefined>(undefined);
  const [openId, setOpenId] = useState<number | null>(null);
  const list = useAsync(() => searchLibrary(region, text, validity), [region, text, validity]);
  const doc = useAsync(openId === null ? null : () => getLibraryDocument(openId), [openId]);
  const columns: TableColumnsType<LibraryDocumentSummary> = [
    {
      title: '标题',
      dataIndex: 'title',
      render: (title: string, row) => (
        <Typography.Link onClick={() => setOpenId(row.id)}>{title}</Typography.Link>
      ),
    },
    { title: '文号', dataIndex: 'docNo', width: 200, render: (v: string | null) => v ?? '—' },
    { title: '发文机关', dataIndex: 'issuer', width: 180 },
    { title: '发布日期', dataIndex: 'issuedOn', width: 110 },
    { title: '施行日期', dataIndex: 'effectiveOn', width: 110, render: (v: string | null) => v ?? '—' },
    {
      title: '效力',
      dataIndex: 'validity',
      width: 80,
      render: (v: DocumentValidity) => <Tag color={VALIDITY_COLOURS[v]}>{DOCUMENT_VALIDITY_LABELS[v]}</Tag>,
    },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search
          allowClear
          placeholder="按标题、文号、全文检索"
          onSearch={(v) => setText(v.trim())}
          style={{ width: 320 }}
          data-testid="library-search"
        />
        <Select<DocumentValidity>
          allowClear
          placeholder="效力状态"
          style={{ width: 120 }}
          value={validity}
          onChange={(v) => setValidity(v)}
          options={DOCUMENT_VALIDITIES.map((v) => ({ value: v, label: DOCUMENT_VALIDITY_LABELS[v] }))}
        />
      </Space>
      {list.error ? (
        <ErrorAlert title="法规制度加载失败" error={list.error} onRetry={list.reload} />
      ) : (
        <Table<LibraryDocumentSummary>
          data-testid="library-documents"
          rowKey="id"
          size="small"
          loading={list.loading}
          columns={columns}
          dataSource={list.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: '没有符合条件的文件' }}
        />
      )}
      {canWrite ? <DocumentForm region={region} onSaved={list.reload} /> : null}
      <Drawer
        open={openId !== null}
        onClose={() => setOpenId(null)}
        size="large"
        title={doc.data?.title ?? '法规制度'}
      >
        {doc.error ? (
          <ErrorAlert title="文件加载失败" error={doc.error} onRetry={doc.reload} />
        ) : !doc.data ? (
          <Loading />
        ) : (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary">
              {[
                doc.data.issuer,
                doc.data.docNo,
                `${doc.data.issuedOn} 发布`,
                DOCUMENT_VALIDITY_LABELS[doc.data.validity],
              ]
                .filter((s) => s !== null)
                .join(' · ')}
            </Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
              {doc.data.fullText || '（未录入全文）'}
            </Typography.Paragraph>
            <Typography.Title level={5}>附件</Typography.Title>
            <LibraryAttachments
              owner={{ documentId: doc.data.id }}
              attachments={doc.data.attachments}
              canUpload={canWrite}
              onChanged={doc.reload}
            />
          </Space>
        )}
      </Drawer>
    </Space>
  );
}

interface TrainingValues {
  heldOn: string;
  topic: string;
  kind: TrainingKind;
  attendance: number;
  materials?: string;
}

function TrainingsTab({ region, canWrite }: { region: string; canWrite: boolean }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<TrainingValues>();
  const [saving, setSaving] = useState(false);
  const list = useAsync(() => getTrainings(region), [region]);
  const counts = useAsync(() => getTrainingCounts(region), [region]);
  async function save(v: TrainingValues) {
    setSaving(true);
    try {
      await recordTraining({ region, ...v, materials: v.materials ?? '' });
      void message.success('已记录');
      form.resetFields();
      list.reload();
      counts.reload();
    } catch (error) {
      void message.error(`保存失败：${errorMessage(error)}`);
    } finally {
      setSaving(false);
    }
  }
  const countColumns: TableColumnsType<TrainingYearCount> = [
    { title: '年度', dataIndex: 'year', width: 90 },
    { title: '学习（次）', dataIndex: 'study', width: 110, align: 'right' },
    { title: '宣讲（次）', dataIndex: 'lecture', width: 110, align: 'right' },
    { title: '参加人次', dataIndex: 'attendance', width: 110, align: 'right' },
  ];
  const columns: TableColumnsType<TrainingWithAttachments> = [
    { title: '日期', dataIndex: 'heldOn', width: 110 },
    { title: '形式', dataIndex: 'kind', width: 80, render: (k: TrainingKind) => TRAINING_KIND_LABELS[k] },
    { title: '主题', dataIndex: 'topic' },
    { title: '参加人数', dataIndex: 'attendance', width: 100, align: 'right' },
    { title: '材料说明', dataIndex: 'materials', render: (v: string) => v || '—' },
    {
      title: '材料附件',
      key: 'attachments',
      width: 220,
      render: (_: unknown, row) => (
        <LibraryAttachments
          owner={{ trainingId: row.id }}
          attachments={row.attachments}
          canUpload={canWrite}
          onChanged={list.reload}
          compact
        />
      ),
    },
  ];
  if (list.error) return <ErrorAlert title="学习宣讲记录加载失败" error={list.error} onRetry={list.reload} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title="每年次数" size="small">
        <Table<TrainingYearCount>
          data-testid="training-counts"
          rowKey="year"
          size="small"
          columns={countColumns}
          dataSource={counts.data ?? []}
          pagination={false}
          locale={{ emptyText: '尚无记录' }}
        />
      </Card>
      <Table<TrainingWithAttachments>
        data-testid="trainings"
        rowKey="id"
        size="small"
        loading={list.loading}
        columns={columns}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '尚无学习宣讲记录' }}
      />
      {canWrite ? (
        <Card title="记录学习或宣讲" size="small" data-testid="training-add">
          <Form form={form} layout="inline" initialValues={{ kind: 'study' }} onFinish={(v) => void save(v)}>
            <Form.Item name="heldOn" rules={[{ required: true, message: '请填写日期' }, DATE]}>
              <Input placeholder="日期 YYYY-MM-DD" style={{ width: 150 }} />
            </Form.Item>
            <Form.Item name="kind">
              <Select
                style={{ width: 90 }}
                options={TRAINING_KINDS.map((k) => ({ value: k, label: TRAINING_KIND_LABELS[k] }))}
              />
            </Form.Item>
            <Form.Item name="topic" rules={[{ required: true, message: '请填写主题' }]}>
              <Input placeholder="主题" maxLength={200} style={{ width: 240 }} />
            </Form.Item>
            <Form.Item name="attendance" rules={[{ required: true, message: '请填写人数' }]}>
              <InputNumber<number> min={0} precision={0} placeholder="参加人数" />
            </Form.Item>
            <Form.Item name="materials">
              <Input placeholder="材料说明" maxLength={2000} style={{ width: 200 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={saving}>
              记录
            </Button>
          </Form>
        </Card>
      ) : null}
    </Space>
  );
}

export function LibraryPage() {
  const me = useCurrentUser();
  const { regionCode } = useSession();
  const canWrite = me.permissions.writeLibrary;
  return (
    <PageContainer title="法规制度" subTitle="法规制度文件与学习宣讲记录">
      {!regionCode ? (
        <EmptyState text="请选择行政区划" />
      ) : (
        <Tabs
          items={[
            {
              key: 'documents',
              label: '法规制度',
              children: <DocumentsTab region={regionCode} canWrite={canWrite} />,
            },
            {
              key: 'trainings',
              label: '学习宣讲',
              children: <TrainingsTab region={regionCode} canWrite={canWrite} />,
            },
          ]}
        />
      )}
    </PageContainer>
  );
}
