// 机构改革: projects; freezing the baseline (底数) and its 台账; plans drafted in the sandbox with the
// report, chart, breaches and diff after the plan; several plans side by side; adopting a plan
// (its 动议 then go through the procedure); the comparison after the reform.
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useCurrentUser, useSession } from '../../app/session.tsx';
import { errorMessage } from '../../api/client.ts';
import { listUnits } from '../../api/index.ts';
import {
  adoptReformPlan,
  compareReformPlans,
  createReformPlan,
  createReformProject,
  downloadBaseline,
  downloadComparison,
  freezeReformBaseline,
  getReformComparison,
  getReformProject,
  listReformProjects,
  runReformPlan,
  setInstitutionLimit,
  type ProjectDetail,
  type ProjectSummary,
} from '../../api/reform.ts';
import type { DownloadedFile } from '../../api/endpoints.ts';
import { ErrorAlert, Loading } from '../../components/feedback.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { saveBlob } from '../../lib/download.ts';
import { MATTER_STATES } from '../../lib/matter-labels.ts';
import { ChangesEditor } from '../matters/ChangesEditor.tsx';
import { isDraftError, toChanges, type ChangeDraft } from '../matters/drafts.ts';
import { BeforeAfterCharts } from './ReformCharts.tsx';
import { SandboxView } from './SandboxView.tsx';

const isState = (s: string): s is keyof typeof MATTER_STATES => s in MATTER_STATES;

function useDownload() {
  const { message } = App.useApp();
  return async (load: () => Promise<DownloadedFile>) => {
    try {
      const f = await load();
      saveBlob(f.blob, f.fileName);
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
}

function NewProjectModal({
  region,
  open,
  onClose,
  onCreated,
}: {
  region: string;
  open: boolean;
  onClose: () => void;
  onCreated: (id: number) => void;
}) {
  const [form] = Form.useForm<{
    name: string;
    whole: 'county' | 'units';
    units?: number[];
    baselineDate: string;
  }>();
  const units = useAsync(open ? () => listUnits(region) : null, [region, open]);
  const [error, setError] = useState<string | null>(null);
  const whole = Form.useWatch('whole', form);
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      const { id } = await createReformProject({
        regionCode: region,
        name: v.name.trim(),
        scopeUnitIds: v.whole === 'county' ? null : (v.units ?? []),
        baselineDate: v.baselineDate,
      });
      form.resetFields();
      onCreated(id);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <Modal
      title="新建改革项目"
      open={open}
      onCancel={onClose}
      onOk={() => void submit()}
      okText="创建"
      okButtonProps={{ 'data-testid': 'project-create' } as Record<string, string>}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ whole: 'county' }}>
        <Form.Item
          name="name"
          label="项目名称"
          rules={[{ required: true, min: 2, message: '请填写项目名称' }]}
        >
          <Input placeholder="如：2026年县级机构改革" data-testid="project-name" />
        </Form.Item>
        <Form.Item name="whole" label="范围">
          <Radio.Group>
            <Radio value="county">全县</Radio>
            <Radio value="units">涉改机构</Radio>
          </Radio.Group>
        </Form.Item>
        {whole === 'units' ? (
          <Form.Item name="units" label="涉改机构" rules={[{ required: true, message: '请选择涉改机构' }]}>
            <Select
              mode="multiple"
              loading={units.loading}
              optionFilterProp="label"
              options={(units.data ?? [])
                .filter((u) => u.exists)
                .map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item
          name="baselineDate"
          label="底数日期"
          rules={[{ required: true, message: '请填写底数日期' }]}
        >
          <Input type="date" data-testid="project-date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function LimitModal({
  region,
  open,
  onClose,
  onSaved,
}: {
  region: string;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<{
    kind: '党政机构' | '直属事业单位';
    cap: string;
    sourceDocument: string;
    effectiveFrom: string;
  }>();
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      await setInstitutionLimit({
        regionCode: region,
        kind: v.kind,
        cap: Number(v.cap),
        sourceDocument: v.sourceDocument.trim(),
        effectiveFrom: v.effectiveFrom,
      });
      form.resetFields();
      onSaved();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <Modal
      title="设置机构限额"
      open={open}
      onCancel={onClose}
      onOk={() => void submit()}
      okText="保存"
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ kind: '党政机构' }}>
        <Form.Item name="kind" label="限额类别" extra="党政机构限额含党委工作机关和政府工作部门">
          <Radio.Group options={['党政机构', '直属事业单位']} />
        </Form.Item>
        <Form.Item
          name="cap"
          label="限额（个）"
          rules={[{ required: true, pattern: /^[0-9]+$/, message: '请填写非负整数' }]}
        >
          <Input inputMode="numeric" />
        </Form.Item>
        <Form.Item
          name="sourceDocument"
          label="依据（文件名称和文号）"
          rules={[{ required: true, min: 2, message: '请填写依据' }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="effectiveFrom"
          label="起始日期"
          rules={[{ required: true, message: '请填写起始日期' }]}
        >
          <Input type="date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function PlanEditor({
  region,
  projectId,
  onSaved,
}: {
  region: string;
  projectId: number;
  onSaved: (id: number) => void;
}) {
  const [form] = Form.useForm<{ name: string; changes?: ChangeDraft[] }>();
  const units = useAsync(() => listUnits(region), [region]);
  const pickerUnits = useMemo(() => (units.data ?? []).filter((u) => u.exists), [units.data]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async (v: { name: string; changes?: ChangeDraft[] }) => {
    setError(null);
    let changes;
    try {
      changes = toChanges(v.changes ?? []);
    } catch (e) {
      setError(isDraftError(e) ? e.message : errorMessage(e));
      return;
    }
    setSaving(true);
    try {
      const { id } = await createReformPlan(projectId, v.name.trim(), changes);
      form.resetFields();
      onSaved(id);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card size="small" title="新建方案（草稿，只在沙盘中推演，不进入台账）" data-testid="plan-editor">
      {error ? (
        <Alert type="error" showIcon title="方案未能保存" description={error} style={{ marginBottom: 12 }} />
      ) : null}
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
        <Form.Item
          name="name"
          label="方案名称"
          rules={[{ required: true, min: 2, message: '请填写方案名称' }]}
        >
          <Input placeholder="如：方案一：合并组建" data-testid="plan-name" />
        </Form.Item>
        <ChangesEditor region={region} units={pickerUnits} unitsLoading={units.loading} ownUnitId={null} />
        <Button type="primary" htmlType="submit" loading={saving} data-testid="plan-save">
          保存并推演
        </Button>
      </Form>
    </Card>
  );
}

function PlansTab({
  project,
  regionName,
  canWrite,
  reload,
}: {
  project: ProjectDetail;
  regionName: string;
  canWrite: boolean;
  reload: () => void;
}) {
  const { message } = App.useApp();
  const [selected, setSelected] = useState<number | null>(project.plans[0]?.id ?? null);
  const [drafting, setDrafting] = useState(project.plans.length === 0);
  const plan = project.plans.find((p) => p.id === selected) ?? null;
  const result = useAsync(plan ? () => runReformPlan(plan.id) : null, [plan?.id, plan?.updatedAt]);
  const [reasons, setReasons] = useState('');
  const adopt = async () => {
    if (!plan) return;
    try {
      const { matterIds } = await adoptReformPlan(plan.id, reasons);
      void message.success(`已采纳方案，提出事项 ${matterIds.join('、')}，待论证`);
      reload();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Select
          style={{ minWidth: 260 }}
          placeholder="选择方案"
          value={selected ?? undefined}
          onChange={(v: number) => {
            setSelected(v);
            setDrafting(false);
          }}
          options={project.plans.map((p) => ({
            value: p.id,
            label: `${p.name}${p.adoptedAt ? '（已采纳）' : ''}`,
          }))}
          data-testid="plan-select"
        />
        {canWrite ? (
          <Button onClick={() => setDrafting(!drafting)} data-testid="plan-new">
            {drafting ? '收起' : '新建方案'}
          </Button>
        ) : null}
        {canWrite && plan && !plan.adoptedAt ? (
          <Popconfirm
            title="采纳该方案？"
            description={
              <Input.TextArea
                rows={2}
                placeholder="动议理由（可不填）"
                value={reasons}
                onChange={(e) => setReasons(e.target.value)}
              />
            }
            okText="采纳并提出动议"
            okButtonProps={{ 'data-testid': 'plan-adopt-ok' } as Record<string, string>}
            onConfirm={() => void adopt()}
          >
            <Button type="primary" data-testid="plan-adopt">
              采纳方案
            </Button>
          </Popconfirm>
        ) : null}
      </Space>
      {drafting && canWrite ? (
        <PlanEditor
          region={project.regionCode}
          projectId={project.id}
          onSaved={(id) => {
            setSelected(id);
            setDrafting(false);
            reload();
          }}
        />
      ) : null}
      {plan ? (
        result.error ? (
          <ErrorAlert title="推演失败" error={result.error} onRetry={result.reload} />
        ) : result.data ? (
          <SandboxView result={result.data} regionName={regionName} />
        ) : (
          <Loading text="正在推演…" />
        )
      ) : null}
    </Space>
  );
}

function ComparePlansTab({ project }: { project: ProjectDetail }) {
  const data = useAsync(() => compareReformPlans(project.id), [project.id, project.plans.length]);
  if (data.error) return <ErrorAlert title="比较失败" error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  const plans = data.data.plans;
  const keys = new Set(
    plans.flatMap((p) => p.result.figures.filter((f) => f.before !== f.after).map((f) => f.key)),
  );
  const base = plans[0]?.result.figures.filter((f) => keys.has(f.key)) ?? [];
  const rows = [
    ...base.map((f) => ({
      key: f.key,
      label: f.label,
      before: String(f.before),
      ...Object.fromEntries(
        plans.map((p) => [
          `p${String(p.id)}`,
          String(p.result.figures.find((x) => x.key === f.key)?.after ?? ''),
        ]),
      ),
    })),
    {
      key: 'breaches',
      label: '违反的规则',
      before: '',
      ...Object.fromEntries(plans.map((p) => [`p${String(p.id)}`, `${String(p.result.breaches.length)} 项`])),
    },
  ];
  return (
    <Table
      size="small"
      bordered
      pagination={false}
      dataSource={rows}
      data-testid="plans-compare"
      columns={[
        { title: '指标', dataIndex: 'label' },
        { title: '现状', dataIndex: 'before', width: 100, align: 'right' },
        ...plans.map((p) => ({
          title: p.name,
          dataIndex: `p${String(p.id)}`,
          width: 140,
          align: 'right' as const,
        })),
      ]}
    />
  );
}

function ComparisonTab({ project, regionName }: { project: ProjectDetail; regionName: string }) {
  const [asOf, setAsOf] = useState<string | undefined>(undefined);
  const data = useAsync(() => getReformComparison(project.id, asOf), [project.id, asOf]);
  const download = useDownload();
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <span>对比日期</span>
        <Input
          type="date"
          style={{ width: 180 }}
          value={asOf ?? ''}
          onChange={(e) => setAsOf(e.target.value || undefined)}
        />
        <Button onClick={() => void download(() => downloadComparison(project.id, 'xlsx', asOf))}>
          导出对比表（Excel）
        </Button>
        <Button onClick={() => void download(() => downloadComparison(project.id, 'docx', asOf))}>
          导出对比表（Word）
        </Button>
      </Space>
      {data.error ? (
        <ErrorAlert title="对比失败" error={data.error} onRetry={data.reload} />
      ) : !data.data ? (
        <Loading />
      ) : (
        <>
          <Table
            size="small"
            bordered
            pagination={false}
            rowKey={(r) => `${r.group}|${r.label}`}
            dataSource={data.data.rows}
            data-testid="comparison-rows"
            columns={[
              { title: '项目', dataIndex: 'group', width: 160 },
              { title: '分项', dataIndex: 'label' },
              {
                title: `改革前（${data.data.baselineDate}）`,
                dataIndex: 'before',
                align: 'right',
                width: 150,
              },
              { title: `改革后（${data.data.asOf}）`, dataIndex: 'after', align: 'right', width: 150 },
              {
                title: '增减',
                key: 'd',
                align: 'right',
                width: 90,
                render: (_: unknown, r) => r.after - r.before,
              },
            ]}
          />
          <Table
            size="small"
            bordered
            pagination={false}
            rowKey="unitId"
            dataSource={data.data.mapping}
            columns={[
              { title: '改革前机构', dataIndex: 'name' },
              { title: '去向', dataIndex: 'fate', width: 80 },
              { title: '改革后机构', dataIndex: 'becomes' },
              { title: '编制去向', key: 'q', render: (_: unknown, m) => m.quotas.join('；') },
              { title: '人员去向', key: 'p', render: (_: unknown, m) => m.people.join('；') },
            ]}
          />
          <BeforeAfterCharts
            before={data.data.chartBefore}
            after={data.data.chartAfter}
            regionName={regionName}
          />
        </>
      )}
    </Space>
  );
}

function ProjectView({
  id,
  regionName,
  canWrite,
  onChanged,
}: {
  id: number;
  regionName: string;
  canWrite: boolean;
  onChanged: () => void;
}) {
  const { message } = App.useApp();
  const project = useAsync(() => getReformProject(id), [id]);
  const download = useDownload();
  if (project.error)
    return <ErrorAlert title="项目加载失败" error={project.error} onRetry={project.reload} />;
  const p = project.data;
  if (!p) return <Loading />;
  const freeze = async () => {
    try {
      const r = await freezeReformBaseline(p.id);
      void message.success(`底数已冻结（${String(r.units)} 个机构）`);
      project.reload();
      onChanged();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  const reload = () => {
    project.reload();
    onChanged();
  };
  return (
    <Card title={p.name} data-testid="reform-project">
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label="范围">
          {p.scopeUnitIds === null ? '全县' : `涉改机构 ${String(p.scopeUnitIds.length)} 个`}
        </Descriptions.Item>
        <Descriptions.Item label="底数日期">{p.baselineDate}</Descriptions.Item>
        <Descriptions.Item label="底数" span={2}>
          {p.baseline ? (
            <Space wrap>
              <Tag color="green" data-testid="baseline-frozen">
                已冻结
              </Tag>
              <span>
                {p.baseline.frozenAt.slice(0, 10)}，{p.baseline.units} 个机构，SM3{' '}
                {p.baseline.hash.slice(0, 16)}…
              </span>
              <Button size="small" onClick={() => void download(() => downloadBaseline(p.id, 'xlsx'))}>
                底数台账（Excel）
              </Button>
              <Button size="small" onClick={() => void download(() => downloadBaseline(p.id, 'docx'))}>
                底数台账（Word）
              </Button>
            </Space>
          ) : canWrite ? (
            <Popconfirm
              title="冻结后底数不可更改，确定冻结？"
              okText="冻结"
              okButtonProps={{ 'data-testid': 'baseline-freeze-ok' } as Record<string, string>}
              onConfirm={() => void freeze()}
            >
              <Button type="primary" data-testid="baseline-freeze">
                冻结底数
              </Button>
            </Popconfirm>
          ) : (
            <Tag>未冻结</Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="机构限额" span={2}>
          {p.limits.length === 0
            ? '未设置'
            : p.limits.map((l) => `${l.kind} ${String(l.cap)} 个（${l.sourceDocument}）`).join('；')}
        </Descriptions.Item>
        {p.matters.length > 0 ? (
          <Descriptions.Item label="已提出的事项" span={2}>
            <Space direction="vertical" data-testid="reform-matters">
              {p.matters.map((m) => (
                <span key={m.matterId}>
                  <Link to={`/matters/${String(m.matterId)}`}>
                    事项 {m.matterId}《{m.title}》
                  </Link>{' '}
                  <Tag>{isState(m.state) ? MATTER_STATES[m.state] : m.state}</Tag>
                </span>
              ))}
            </Space>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <Tabs
        style={{ marginTop: 12 }}
        items={[
          {
            key: 'plans',
            label: '改革方案（沙盘）',
            children: <PlansTab project={p} regionName={regionName} canWrite={canWrite} reload={reload} />,
          },
          { key: 'compare', label: '方案比较', children: <ComparePlansTab project={p} /> },
          {
            key: 'after',
            label: '改革前后对比',
            children: p.baseline ? (
              <ComparisonTab project={p} regionName={regionName} />
            ) : (
              <Alert type="info" showIcon title="冻结底数后才能进行改革前后对比" />
            ),
          },
        ]}
      />
    </Card>
  );
}

export function ReformPage() {
  const me = useCurrentUser();
  const { regionCode, regionById } = useSession();
  const projects = useAsync(regionCode ? () => listReformProjects(regionCode) : null, [regionCode]);
  const [selected, setSelected] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [limiting, setLimiting] = useState(false);
  const [version, setVersion] = useState(0);
  if (regionCode === null) return null;
  const regionName = regionById.get(regionCode)?.name ?? regionCode;
  const canWrite = me.permissions.writeReform;
  const current = selected ?? projects.data?.[0]?.id ?? null;
  return (
    <PageContainer
      title="机构改革"
      subTitle="摸清底数、沙盘推演、采纳方案、改革前后对比"
      extra={
        <Space>
          {me.permissions.setReformLimits ? (
            <Button onClick={() => setLimiting(true)}>设置机构限额</Button>
          ) : null}
          {canWrite ? (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="project-new">
              新建改革项目
            </Button>
          ) : null}
        </Space>
      }
    >
      {projects.error ? (
        <ErrorAlert title="项目加载失败" error={projects.error} onRetry={projects.reload} />
      ) : null}
      <Table<ProjectSummary>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={projects.data ?? []}
        loading={projects.loading}
        style={{ marginBottom: 16 }}
        onRow={(r) => ({ onClick: () => setSelected(r.id), style: { cursor: 'pointer' } })}
        rowClassName={(r) => (r.id === current ? 'ant-table-row-selected' : '')}
        locale={{ emptyText: '尚无改革项目' }}
        data-testid="reform-projects"
        columns={[
          { title: '项目', dataIndex: 'name' },
          {
            title: '范围',
            key: 'scope',
            width: 140,
            render: (_: unknown, r) =>
              r.scopeUnitIds === null ? '全县' : `${String(r.scopeUnitIds.length)} 个机构`,
          },
          { title: '底数日期', dataIndex: 'baselineDate', width: 120 },
          {
            title: '底数',
            key: 'b',
            width: 100,
            render: (_: unknown, r) => (r.baseline ? <Tag color="green">已冻结</Tag> : <Tag>未冻结</Tag>),
          },
        ]}
      />
      {current !== null ? (
        <ProjectView
          key={`${String(current)}-${String(version)}`}
          id={current}
          regionName={regionName}
          canWrite={canWrite}
          onChanged={projects.reload}
        />
      ) : null}
      <LimitModal
        region={regionCode}
        open={limiting}
        onClose={() => setLimiting(false)}
        onSaved={() => {
          setLimiting(false);
          setVersion((v) => v + 1);
        }}
      />
      <NewProjectModal
        region={regionCode}
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          setSelected(id);
          projects.reload();
        }}
      />
    </PageContainer>
  );
}
