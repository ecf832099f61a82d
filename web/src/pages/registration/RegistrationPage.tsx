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
  Modal,
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
import { errorMessage, listUnits, type UnitNode } from '../../api/index.ts';
import {
  APPLICATION_KINDS,
  REQUIRED_MATERIALS,
  USCC_CATEGORIES,
  fileApplication,
  refileApplication,
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
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
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

/** States in which the applicant files (again): a task opened by a matter, incomplete, returned. */
const REFILE_STATES = new Set(['待申请', '材料不全', '已退回']);

function ApplicationDrawer({
  id,
  canProcess,
  canFile,
  onClose,
  onChanged,
}: {
  id: number;
  canProcess: boolean;
  canFile: boolean;
  onClose: () => void;
  onChanged: () => void;
}) {
  const [materials, setMaterials] = useState<string[] | null>(null);
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
          {canFile && REFILE_STATES.has(a.state) ? (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text>补正材料后重新提交：</Typography.Text>
              <Select
                mode="tags"
                style={{ width: '100%' }}
                value={materials ?? a.materials}
                onChange={setMaterials}
                options={REQUIRED_MATERIALS[a.kind].map((m) => ({ value: m, label: m }))}
              />
              <Button
                type="primary"
                loading={busy}
                onClick={() =>
                  void run(() => refileApplication(a.id, materials ?? a.materials), '已重新提交')
                }
              >
                提交
              </Button>
            </Space>
          ) : null}
          {canProcess && OPEN_STATES.has(a.state) && !REFILE_STATES.has(a.state) ? (
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

interface NewApplicationForm {
  unitId: number;
  kind: (typeof APPLICATION_KINDS)[number];
  name?: string;
  purpose?: string;
  address?: string;
  legalRep?: string;
  capital?: string;
  fundingSource?: string;
  sponsor?: string;
  reason?: string;
  materials: string[];
}

function NewApplicationModal({
  region,
  onClose,
  onFiled,
}: {
  region: string;
  onClose: () => void;
  onFiled: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<NewApplicationForm>();
  const units = useAsync(() => listUnits(region), [region]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form) ?? '设立';
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    const text = (x: string | undefined) => (x?.trim() ? x.trim() : undefined);
    try {
      await fileApplication({
        unitId: v.unitId,
        kind: v.kind,
        details: {
          name: text(v.name),
          purpose: text(v.purpose),
          address: text(v.address),
          legalRep: text(v.legalRep),
          capital: text(v.capital),
          fundingSource: text(v.fundingSource),
          sponsor: text(v.sponsor),
          reason: text(v.reason),
        },
        materials: v.materials,
      });
      message.success('登记申请已提交');
      onFiled();
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title="提交登记申请"
      width={720}
      okText="提交"
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Form form={form} layout="vertical" initialValues={{ kind: '设立', materials: [] }}>
        <Form.Item name="unitId" label="单位" rules={[{ required: true, message: '请选择单位' }]}>
          <UnitField units={units.data ?? []} loading={units.loading} />
        </Form.Item>
        <Form.Item name="kind" label="申请类型">
          <Select options={APPLICATION_KINDS.map((k) => ({ value: k, label: `${k}登记` }))} />
        </Form.Item>
        {kind === '设立' || kind === '变更' ? (
          <>
            <Typography.Paragraph type="secondary">
              {kind === '变更' ? '只填写要变更的事项。' : '设立登记须填写全部登记事项。'}
            </Typography.Paragraph>
            <Space wrap>
              <Form.Item name="name" label="名称">
                <Input style={{ width: 300 }} />
              </Form.Item>
              <Form.Item name="legalRep" label="法定代表人">
                <Input style={{ width: 160 }} />
              </Form.Item>
              <Form.Item name="capital" label="开办资金（万元）">
                <Input style={{ width: 140 }} />
              </Form.Item>
              <Form.Item name="fundingSource" label="经费来源">
                <Input style={{ width: 160 }} />
              </Form.Item>
              <Form.Item name="sponsor" label="举办单位">
                <Input style={{ width: 240 }} />
              </Form.Item>
            </Space>
            <Form.Item name="address" label="住所">
              <Input />
            </Form.Item>
            <Form.Item name="purpose" label="宗旨和业务范围">
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="reason" label="申请事由">
          <Input />
        </Form.Item>
        <Form.Item
          name="materials"
          label="提交的材料"
          extra={`应提交：${REQUIRED_MATERIALS[kind].join('、')}`}
        >
          <Select mode="tags" options={REQUIRED_MATERIALS[kind].map((m) => ({ value: m, label: m }))} />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon message={error} /> : null}
    </Modal>
  );
}

/** UnitTreeSelect as a Form.Item control (value/onChange injected by the form). */
function UnitField({
  units,
  loading,
  value,
  onChange,
}: {
  units: readonly UnitNode[];
  loading: boolean;
  value?: number;
  onChange?: (id: number | undefined) => void;
}) {
  return <UnitTreeSelect units={units} loading={loading} value={value} onChange={(id) => onChange?.(id)} />;
}

export function RegistrationPage() {
  const me = useCurrentUser();
  const session = useSession();
  const region = session.regionCode;
  const [q, setQ] = useState('');
  const [overdue, setOverdue] = useState(false);
  const [recordId, setRecordId] = useState<number | null>(null);
  const [applicationId, setApplicationId] = useState<number | null>(null);
  const [filing, setFiling] = useState(false);
  const records = useAsync(region ? () => listRegistrations(region, q) : null, [region, q]);
  const applications = useAsync(region ? () => listApplications(region, overdue) : null, [region, overdue]);

  return (
    <PageContainer
      title="登记管理"
      subTitle="事业单位法人登记：设立、变更、注销、证书补领"
      extra={
        me.permissions.fileRegistration && region ? (
          <Button type="primary" onClick={() => setFiling(true)}>
            提交登记申请
          </Button>
        ) : null
      }
    >
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
      {filing && region ? (
        <NewApplicationModal
          region={region}
          onClose={() => setFiling(false)}
          onFiled={() => {
            setFiling(false);
            applications.reload();
          }}
        />
      ) : null}
      {recordId !== null ? <RecordDrawer id={recordId} onClose={() => setRecordId(null)} /> : null}
      {applicationId !== null ? (
        <ApplicationDrawer
          id={applicationId}
          canProcess={me.permissions.processRegistration}
          canFile={me.permissions.fileRegistration}
          onClose={() => setApplicationId(null)}
          onChanged={applications.reload}
        />
      ) : null}
    </PageContainer>
  );
}
