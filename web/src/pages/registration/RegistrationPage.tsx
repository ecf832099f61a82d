// 登记管理: registration records (with certificates 正本/副本 to download), applications with
// their steps and the office's actions, the overdue list, and the USCC issue. Buttons follow the
// server's answers: me.permissions for the role, the application's state for the step.
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/index.ts';
import {
  USCC_CATEGORIES,
  applicationStep,
  downloadCertificate,
  getApplication,
  getRegistration,
  issueUscc,
  listApplications,
  listRegistrations,
  returnApplication,
  type ApplicationView,
  type CertificateView,
  type RegistrationView,
} from '../../api/registration.ts';
import { useCurrentUser, useSession } from '../../app/session.tsx';
import { ErrorAlert, Loading } from '../../components/feedback.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { saveBlob } from '../../lib/download.ts';
import { dash, dateTime } from '../../lib/format.ts';

const STATE_COLOR: Record<string, string> = { 登记: 'green', 变更中: 'orange', 注销: 'default' };
/** The office's next step from each state (the server refuses any other). */
const NEXT_STEP: Partial<Record<string, { step: 'accept' | 'review' | 'approve'; label: string }>> = {
  待受理: { step: 'accept', label: '受理' },
  待审核: { step: 'review', label: '审核' },
  待核准: { step: 'approve', label: '核准' },
};
const OPEN_STATES = new Set(['待申请', '待受理', '材料不全', '待审核', '待核准']);

function RecordDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { message } = App.useApp();
  const detail = useAsync(() => getRegistration(id), [id]);
  const r = detail.data?.record;
  const download = async (certId: number, copy: '正本' | '副本') => {
    try {
      const file = await downloadCertificate(certId, copy);
      saveBlob(file.blob, file.fileName);
    } catch (cause) {
      message.error(errorMessage(cause));
    }
  };
  return (
    <Drawer open width={760} title={r ? r.name : '登记记录'} onClose={onClose}>
      {detail.error ? <ErrorAlert error={detail.error} /> : null}
      {!detail.data ? <Loading /> : null}
      {r && detail.data ? (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label="状态">
              <Tag color={STATE_COLOR[r.state]}>{r.state}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="统一社会信用代码">{dash(r.uscc)}</Descriptions.Item>
            <Descriptions.Item label="其他名称">{dash(r.otherNames.join('、'))}</Descriptions.Item>
            <Descriptions.Item label="法定代表人">{r.legalRep}</Descriptions.Item>
            <Descriptions.Item label="宗旨和业务范围" span={2}>
              {r.purpose}
            </Descriptions.Item>
            <Descriptions.Item label="住所">{r.address}</Descriptions.Item>
            <Descriptions.Item label="开办资金">{r.capital} 万元</Descriptions.Item>
            <Descriptions.Item label="经费来源">{r.fundingSource}</Descriptions.Item>
            <Descriptions.Item label="举办单位">{r.sponsor}</Descriptions.Item>
            <Descriptions.Item label="证书编号">{dash(r.certificateNo)}</Descriptions.Item>
            <Descriptions.Item label="有效期">
              {r.issuedOn ? `${r.issuedOn} 至 ${r.validUntil ?? ''}` : '—'}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>事业单位法人证书</Typography.Title>
          <Table<CertificateView>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={detail.data.certificates}
            columns={[
              { title: '证书编号', dataIndex: 'certificateNo' },
              { title: '发证事由', dataIndex: 'reason' },
              { title: '发证日期', dataIndex: 'issuedOn' },
              { title: '有效期至', dataIndex: 'validUntil' },
              {
                title: '状态',
                render: (_: unknown, c) =>
                  c.revokedOn ? (
                    <Tag>{`${c.revokedReason ?? '作废'}（${c.revokedOn}）`}</Tag>
                  ) : (
                    <Tag color="green">有效</Tag>
                  ),
              },
              {
                title: '下载',
                render: (_: unknown, c) => (
                  <Space size={4}>
                    <Button size="small" onClick={() => void download(c.id, '正本')}>
                      正本
                    </Button>
                    <Button size="small" onClick={() => void download(c.id, '副本')}>
                      副本
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        </Space>
      ) : null}
    </Drawer>
  );
}

function ApplicationDrawer({
  id,
  canProcess,
  onClose,
  onChanged,
}: {
  id: number;
  canProcess: boolean;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { message } = App.useApp();
  const detail = useAsync(() => getApplication(id), [id]);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const a = detail.data;
  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      message.success(done);
      setComment('');
      detail.reload();
      onChanged();
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setBusy(false);
    }
  };
  const next = a ? NEXT_STEP[a.state] : undefined;
  return (
    <Drawer
      open
      width={640}
      title={a ? `${a.kind}登记申请：${a.details.name ?? ''}` : '登记申请'}
      onClose={onClose}
    >
      {detail.error ? <ErrorAlert error={detail.error} /> : null}
      {!a ? <Loading /> : null}
      {a ? (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label="状态">{a.state}</Descriptions.Item>
            <Descriptions.Item label="当前期限">
              {dash(a.due)}
              {a.workingDaysOverdue > 0 ? <Tag color="red">逾期 {a.workingDaysOverdue} 个工作日</Tag> : null}
            </Descriptions.Item>
            <Descriptions.Item label="提交日期">{dash(a.filedOn)}</Descriptions.Item>
            <Descriptions.Item label="关联事项">{a.matterId ? `事项 ${a.matterId}` : '—'}</Descriptions.Item>
            <Descriptions.Item label="材料" span={2}>
              {dash(a.materials.join('、'))}
            </Descriptions.Item>
            {a.missingMaterials.length > 0 ? (
              <Descriptions.Item label="缺少材料" span={2}>
                <Typography.Text type="danger">{a.missingMaterials.join('、')}</Typography.Text>
              </Descriptions.Item>
            ) : null}
            {a.returnReason ? (
              <Descriptions.Item label="退回理由" span={2}>
                {a.returnReason}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          <Timeline
            items={a.steps.map((s) => ({
              children: `${dateTime(s.at)} ${s.actorName}：${s.action}（${s.fromState ?? '—'} → ${s.toState}）${s.comment ? ` ${s.comment}` : ''}`,
            }))}
          />
          {error ? <Alert type="error" showIcon message={error} /> : null}
          {canProcess && OPEN_STATES.has(a.state) ? (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Input.TextArea
                rows={2}
                placeholder="意见（退回时必填）"
                value={comment}
                onChange={(e) => setComment(e.target.value)}
              />
              <Space>
                {next ? (
                  <Button
                    type="primary"
                    loading={busy}
                    onClick={() =>
                      void run(() => applicationStep(a.id, next.step, comment), `已${next.label}`)
                    }
                  >
                    {next.label}
                  </Button>
                ) : null}
                <Button
                  danger
                  loading={busy}
                  onClick={() => void run(() => returnApplication(a.id, comment), '已退回')}
                >
                  退回
                </Button>
              </Space>
            </Space>
          ) : null}
        </Space>
      ) : null}
    </Drawer>
  );
}

function UsccIssue({ region }: { region: string }) {
  const [form] = Form.useForm<{ category: string }>();
  const [issued, setIssued] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Space direction="vertical" style={{ maxWidth: 560 }}>
      <Typography.Paragraph type="secondary">
        按本办配置的号段赋码：登记管理部门码 1 + 机构类别 + 行政区划码 + 主体标识码（GB 11714 校验）+ GB 32100
        校验码。代码一经赋予不再重复使用。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        initialValues={{ category: '事业单位' }}
        onFinish={(v) => {
          setBusy(true);
          setError(null);
          issueUscc(region, v.category, null)
            .then((r) => setIssued((prev) => [r.uscc, ...prev]))
            .catch((cause: unknown) => setError(errorMessage(cause)))
            .finally(() => setBusy(false));
        }}
      >
        <Form.Item name="category" label="机构类别">
          <Select
            style={{ width: 160 }}
            options={Object.keys(USCC_CATEGORIES).map((k) => ({ value: k, label: k }))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          赋码
        </Button>
      </Form>
      {error ? <Alert type="error" showIcon message={error} /> : null}
      {issued.map((c) => (
        <Typography.Text key={c} copyable code>
          {c}
        </Typography.Text>
      ))}
    </Space>
  );
}

export function RegistrationPage() {
  const me = useCurrentUser();
  const session = useSession();
  const region = session.regionCode;
  const [q, setQ] = useState('');
  const [overdue, setOverdue] = useState(false);
  const [recordId, setRecordId] = useState<number | null>(null);
  const [applicationId, setApplicationId] = useState<number | null>(null);
  const records = useAsync(region ? () => listRegistrations(region, q) : null, [region, q]);
  const applications = useAsync(region ? () => listApplications(region, overdue) : null, [region, overdue]);

  return (
    <PageContainer title="登记管理" subTitle="事业单位法人登记：设立、变更、注销、证书补领">
      <Tabs
        items={[
          {
            key: 'records',
            label: '登记记录',
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Input.Search
                  allowClear
                  placeholder="按名称或统一社会信用代码查找"
                  style={{ maxWidth: 360 }}
                  onSearch={setQ}
                />
                {records.error ? <ErrorAlert error={records.error} onRetry={records.reload} /> : null}
                <Table<RegistrationView>
                  rowKey="id"
                  size="middle"
                  loading={records.loading}
                  dataSource={records.data ?? []}
                  onRow={(r) => ({ onClick: () => setRecordId(r.id), style: { cursor: 'pointer' } })}
                  columns={[
                    { title: '名称', dataIndex: 'name' },
                    { title: '统一社会信用代码', dataIndex: 'uscc', render: (v: string | null) => dash(v) },
                    { title: '举办单位', dataIndex: 'sponsor' },
                    { title: '证书编号', dataIndex: 'certificateNo', render: (v: string | null) => dash(v) },
                    { title: '有效期至', dataIndex: 'validUntil', render: (v: string | null) => dash(v) },
                    {
                      title: '状态',
                      dataIndex: 'state',
                      render: (v: string) => <Tag color={STATE_COLOR[v]}>{v}</Tag>,
                    },
                  ]}
                />
              </Space>
            ),
          },
          {
            key: 'applications',
            label: '登记申请',
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Space>
                  <Switch checked={overdue} onChange={setOverdue} /> 只看逾期
                </Space>
                {applications.error ? (
                  <ErrorAlert error={applications.error} onRetry={applications.reload} />
                ) : null}
                <Table<ApplicationView>
                  rowKey="id"
                  size="middle"
                  loading={applications.loading}
                  dataSource={applications.data ?? []}
                  onRow={(a) => ({ onClick: () => setApplicationId(a.id), style: { cursor: 'pointer' } })}
                  columns={[
                    { title: '类型', dataIndex: 'kind' },
                    { title: '单位', render: (_: unknown, a) => dash(a.details.name) },
                    { title: '状态', dataIndex: 'state' },
                    { title: '提交日期', dataIndex: 'filedOn', render: (v: string | null) => dash(v) },
                    { title: '当前期限', dataIndex: 'due', render: (v: string | null) => dash(v) },
                    {
                      title: '逾期',
                      dataIndex: 'workingDaysOverdue',
                      render: (v: number) => (v > 0 ? <Tag color="red">{v} 个工作日</Tag> : '—'),
                    },
                  ]}
                />
              </Space>
            ),
          },
          ...(me.permissions.processRegistration && region
            ? [{ key: 'uscc', label: '统一社会信用代码赋码', children: <UsccIssue region={region} /> }]
            : []),
        ]}
      />
      {recordId !== null ? <RecordDrawer id={recordId} onClose={() => setRecordId(null)} /> : null}
      {applicationId !== null ? (
        <ApplicationDrawer
          id={applicationId}
          canProcess={me.permissions.processRegistration}
          onClose={() => setApplicationId(null)}
          onChanged={applications.reload}
        />
      ) : null}
    </PageContainer>
  );
}
