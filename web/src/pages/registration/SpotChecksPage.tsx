// 抽查（双随机一公开）: the office draws institutions and inspectors with a recorded seed (anyone
// can reproduce the list with `npx bianzhi spotcheck draw`), each institution goes 单位自查 →
// 实地检查 → 反馈整改, and the office publishes the result on the 公示 page.
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/index.ts';
import {
  DEFAULT_SPOT_CHECK_ITEMS,
  advanceSpotCheck,
  drawSpotCheck,
  getSpotCheck,
  listSpotChecks,
  publishSpotCheck,
  type SpotCheckUnitView,
  type SpotCheckView,
} from '../../api/registration.ts';
import { useCurrentUser, useSession } from '../../app/session.tsx';
import { ErrorAlert, Loading } from '../../components/feedback.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { dash, dateTime } from '../../lib/format.ts';

interface DrawForm {
  title: string;
  year: number;
  by: 'ratio' | 'count';
  ratio: number;
  count: number;
  seed: string;
  inspectorPool: string;
  inspectorCount: number;
  checklist: string;
}

function UnitStage({
  checklist,
  unit,
  onDone,
}: {
  checklist: string[];
  unit: SpotCheckUnitView;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{
    answers: Record<string, string>;
    findings: string;
    rectifyDue?: { format: (f: string) => string };
    result: string;
  }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (unit.stage === '已完成') return <Typography.Text>检查结果：{dash(unit.result)}</Typography.Text>;
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      if (unit.stage === '单位自查') {
        await advanceSpotCheck(unit.id, { stage: '单位自查', answers: v.answers });
      } else if (unit.stage === '实地检查') {
        await advanceSpotCheck(unit.id, {
          stage: '实地检查',
          findings: v.findings ?? '',
          rectifyDue: v.rectifyDue ? v.rectifyDue.format('YYYY-MM-DD') : null,
        });
      } else {
        await advanceSpotCheck(unit.id, { stage: '反馈整改', result: v.result });
      }
      message.success(`${unit.stage}已完成`);
      onDone();
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={`${unit.name}：${unit.stage}`}>
      <Form form={form} layout="vertical">
        {unit.stage === '单位自查'
          ? checklist.map((item, i) => (
              <Form.Item
                key={item}
                name={['answers', item]}
                label={`${i + 1}. ${item}`}
                rules={[{ required: true, message: '请填写' }]}
              >
                <Input />
              </Form.Item>
            ))
          : null}
        {unit.stage === '实地检查' ? (
          <>
            <Form.Item name="findings" label="检查发现的问题（无则留空）">
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item name="rectifyDue" label="整改期限（有问题时必填）">
              <DatePicker />
            </Form.Item>
          </>
        ) : null}
        {unit.stage === '反馈整改' ? (
          <Form.Item name="result" label="检查结果" rules={[{ required: true, message: '请填写检查结果' }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        ) : null}
      </Form>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} /> : null}
      <Button type="primary" loading={busy} onClick={() => void submit()}>
        完成{unit.stage}
      </Button>
    </Card>
  );
}

function CheckDrawer({ id, canManage, onClose }: { id: number; canManage: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const detail = useAsync(() => getSpotCheck(id), [id]);
  const c = detail.data;
  const [open, setOpen] = useState<number | null>(null);
  const allDone = c ? c.units.every((u) => u.stage === '已完成') : false;
  return (
    <Drawer open width={820} title={c ? c.title : '抽查'} onClose={onClose}>
      {detail.error ? <ErrorAlert error={detail.error} /> : null}
      {!c ? <Loading /> : null}
      {c ? (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label="年度">{c.year}</Descriptions.Item>
            <Descriptions.Item label="抽取">
              {c.ratio !== null ? `比例 ${c.ratio * 100}%` : `${c.count ?? 0} 家`}
            </Descriptions.Item>
            <Descriptions.Item label="种子">
              <Typography.Text code copyable>
                {c.seed}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="算法">{c.algorithm}</Descriptions.Item>
            <Descriptions.Item label="名录库">
              {c.population.length} 家（已排除本年已抽 {c.excluded.length} 家）
            </Descriptions.Item>
            <Descriptions.Item label="检查人员">{dash(c.inspectors.join('、'))}</Descriptions.Item>
            <Descriptions.Item label="公示">
              {c.publishedAt ? dateTime(c.publishedAt) : '未公示'}
            </Descriptions.Item>
            <Descriptions.Item label="检查项目">{c.checklist.length} 项</Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph type="secondary">
            复现：npx bianzhi spotcheck draw --region {c.regionCode} --year {c.year}{' '}
            {c.ratio !== null ? `--ratio ${c.ratio}` : `--count ${c.count ?? 0}`} --seed {c.seed}
          </Typography.Paragraph>
          <Table<SpotCheckUnitView>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={c.units}
            columns={[
              { title: '单位', dataIndex: 'name' },
              { title: '统一社会信用代码', dataIndex: 'uscc', render: (v: string | null) => dash(v) },
              {
                title: '环节',
                dataIndex: 'stage',
                render: (v: string) => <Tag color={v === '已完成' ? 'green' : 'blue'}>{v}</Tag>,
              },
              { title: '整改期限', dataIndex: 'rectifyDue', render: (v: string | null) => dash(v) },
              {
                title: '操作',
                render: (_: unknown, u) =>
                  u.stage !== '已完成' && (u.stage === '单位自查' || canManage) ? (
                    <Button size="small" onClick={() => setOpen(u.id)}>
                      办理
                    </Button>
                  ) : null,
              },
            ]}
          />
          {c.units
            .filter((u) => u.id === open)
            .map((u) => (
              <UnitStage
                key={u.id}
                checklist={c.checklist}
                unit={u}
                onDone={() => {
                  setOpen(null);
                  detail.reload();
                }}
              />
            ))}
          {canManage && !c.publishedAt ? (
            <Button
              type="primary"
              disabled={!allDone}
              onClick={() =>
                void publishSpotCheck(c.id)
                  .then(() => {
                    message.success('抽查结果已公示');
                    detail.reload();
                  })
                  .catch((cause: unknown) => message.error(errorMessage(cause)))
              }
            >
              公示抽查结果{allDone ? '' : '（各单位完成后）'}
            </Button>
          ) : null}
        </Space>
      ) : null}
    </Drawer>
  );
}

export function SpotChecksPage() {
  const me = useCurrentUser();
  const session = useSession();
  const region = session.regionCode;
  const canManage = me.permissions.manageSpotChecks;
  const list = useAsync(region ? () => listSpotChecks(region) : null, [region]);
  const [drawing, setDrawing] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<DrawForm>();

  const draw = async () => {
    if (!region) return;
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const { id } = await drawSpotCheck({
        region,
        year: v.year,
        title: v.title,
        ...(v.by === 'ratio' ? { ratio: v.ratio / 100 } : { count: v.count }),
        seed: v.seed,
        inspectorPool: v.inspectorPool.split(/[\s,，、]+/).filter(Boolean),
        inspectorCount: v.inspectorCount,
        checklist: v.checklist
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean),
      });
      setDrawing(false);
      list.reload();
      setOpenId(id);
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageContainer
      title="抽查"
      subTitle="双随机一公开：记录随机种子，任何人可重现抽取名单"
      extra={
        canManage ? (
          <Button
            type="primary"
            onClick={() => {
              form.setFieldsValue({
                title: `${new Date().getFullYear()} 年度事业单位登记信息抽查`,
                year: new Date().getFullYear(),
                by: 'ratio',
                ratio: 3,
                count: 5,
                seed: `${Date.now()}`,
                inspectorPool: '',
                inspectorCount: 2,
                checklist: DEFAULT_SPOT_CHECK_ITEMS.join('\n'),
              });
              setDrawing(true);
            }}
          >
            新建抽查
          </Button>
        ) : null
      }
    >
      {canManage ? null : (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message="本单位被抽中的抽查：打开后填写单位自查。"
        />
      )}
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <Table<SpotCheckView>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data ?? []}
        onRow={(c) => ({ onClick: () => setOpenId(c.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: '名称', dataIndex: 'title' },
          { title: '年度', dataIndex: 'year' },
          { title: '种子', dataIndex: 'seed' },
          { title: '名录库', render: (_: unknown, c) => `${c.population.length} 家` },
          { title: '创建时间', dataIndex: 'createdAt', render: (v: string) => dateTime(v) },
          {
            title: '公示',
            dataIndex: 'publishedAt',
            render: (v: string | null) => (v ? <Tag color="green">已公示</Tag> : <Tag>未公示</Tag>),
          },
        ]}
      />
      <Modal
        title="新建抽查"
        open={drawing}
        width={720}
        okText="抽取"
        confirmLoading={busy}
        onOk={() => void draw()}
        onCancel={() => setDrawing(false)}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="title" label="名称" rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Space>
            <Form.Item name="year" label="年度" rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} />
            </Form.Item>
            <Form.Item name="by" label="抽取方式">
              <Radio.Group
                options={[
                  { value: 'ratio', label: '按比例' },
                  { value: 'count', label: '按家数' },
                ]}
              />
            </Form.Item>
            <Form.Item noStyle shouldUpdate>
              {() =>
                form.getFieldValue('by') === 'ratio' ? (
                  <Form.Item name="ratio" label="比例（%）" rules={[{ required: true }]}>
                    <InputNumber min={0.1} max={100} step={0.5} />
                  </Form.Item>
                ) : (
                  <Form.Item name="count" label="家数" rules={[{ required: true }]}>
                    <InputNumber min={1} />
                  </Form.Item>
                )
              }
            </Form.Item>
          </Space>
          <Form.Item name="seed" label="随机种子（记录在案，可公开复现）" rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="inspectorPool"
            label="检查人员库（姓名，以逗号或空格分隔）"
            rules={[{ required: true, message: '请填写检查人员库' }]}
          >
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="inspectorCount" label="抽取检查人员数" rules={[{ required: true }]}>
            <InputNumber min={1} max={50} />
          </Form.Item>
          <Form.Item name="checklist" label="检查项目（每行一项，默认 16 项）">
            <Input.TextArea rows={6} />
          </Form.Item>
        </Form>
        {error ? <Alert type="error" showIcon message={error} /> : null}
      </Modal>
      {openId !== null ? (
        <CheckDrawer id={openId} canManage={canManage} onClose={() => setOpenId(null)} />
      ) : null}
    </PageContainer>
  );
}
