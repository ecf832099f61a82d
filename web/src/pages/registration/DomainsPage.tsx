// 中文域名: the county's .政务 / .公益 names (naming rule and suffix checked by the server), their
// operations, the renewals due within N days, and the units whose implemented 更名/合并/撤销
// requires a domain change or cancellation (from matters, until the change is recorded).
import {
  Alert,
  App,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
} from 'antd';
import { useState } from 'react';
import { errorMessage, listUnits, type UnitNode } from '../../api/index.ts';
import {
  DOMAIN_OPERATIONS,
  domainChanges,
  domainOperation,
  listDomains,
  registerDomain,
  type DomainChangeView,
  type DomainView,
} from '../../api/registration.ts';
import { useCurrentUser, useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/feedback.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
import { useAsync } from '../../hooks/useAsync.ts';

interface DateValue {
  format: (f: string) => string;
}
const OPERATIONS = DOMAIN_OPERATIONS.filter((o) => o !== '注册');
const STATE_COLOR: Record<string, string> = {
  注册: 'green',
  转移: 'blue',
  冻结: 'orange',
  解冻: 'green',
  删除: 'default',
};

export function DomainsPage() {
  const { message } = App.useApp();
  const me = useCurrentUser();
  const session = useSession();
  const region = session.regionCode;
  const canManage = me.permissions.manageDomains;
  const [dueOnly, setDueOnly] = useState(false);
  const [dueDays, setDueDays] = useState(90);
  const domains = useAsync(region ? () => listDomains(region, dueOnly ? dueDays : undefined) : null, [
    region,
    dueOnly,
    dueDays,
  ]);
  const changes = useAsync(region && canManage ? () => domainChanges(region) : null, [region, canManage]);
  const [registering, setRegistering] = useState(false);
  const units = useAsync(registering && region ? () => listUnits(region) : null, [registering, region]);
  const [operating, setOperating] = useState<DomainView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [regForm] = Form.useForm<{
    unitId: number;
    name: string;
    registeredOn: DateValue;
    expiresOn: DateValue;
    administrativeFunctions: boolean;
  }>();
  const [opForm] = Form.useForm<{
    operation: string;
    on: DateValue;
    newName?: string;
    expiresOn?: DateValue;
    note?: string;
  }>();

  const run = async (work: () => Promise<unknown>, done: string): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await work();
      message.success(done);
      domains.reload();
      changes.reload();
      return true;
    } catch (cause) {
      setError(errorMessage(cause));
      return false;
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageContainer
      title="中文域名"
      subTitle=".政务 用于党政机关和承担行政职能的事业单位，.公益 用于其他事业单位"
      extra={
        canManage ? (
          <Button
            type="primary"
            onClick={() => {
              regForm.resetFields();
              setError(null);
              setRegistering(true);
            }}
          >
            登记域名
          </Button>
        ) : null
      }
    >
      {error && !registering && !operating ? <Alert type="error" showIcon message={error} closable /> : null}
      <Tabs
        items={[
          {
            key: 'register',
            label: '域名登记',
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Space>
                  <Switch checked={dueOnly} onChange={setDueOnly} /> 只看
                  <InputNumber
                    min={0}
                    max={3650}
                    value={dueDays}
                    onChange={(v) => v !== null && setDueDays(v)}
                  />
                  天内到期需续费的
                </Space>
                {domains.error ? <ErrorAlert error={domains.error} onRetry={domains.reload} /> : null}
                <Table<DomainView>
                  rowKey="id"
                  size="middle"
                  loading={domains.loading}
                  dataSource={domains.data ?? []}
                  columns={[
                    { title: '域名', dataIndex: 'name' },
                    { title: '单位', dataIndex: 'unitName' },
                    {
                      title: '状态',
                      dataIndex: 'state',
                      render: (v: string) => <Tag color={STATE_COLOR[v]}>{v}</Tag>,
                    },
                    { title: '注册日期', dataIndex: 'registeredOn' },
                    { title: '到期日期', dataIndex: 'expiresOn' },
                    ...(canManage
                      ? [
                          {
                            title: '操作',
                            render: (_: unknown, d: DomainView) =>
                              d.state === '删除' ? null : (
                                <Button
                                  size="small"
                                  onClick={() => {
                                    opForm.resetFields();
                                    setError(null);
                                    setOperating(d);
                                  }}
                                >
                                  办理
                                </Button>
                              ),
                          },
                        ]
                      : []),
                  ]}
                />
              </Space>
            ),
          },
          ...(canManage
            ? [
                {
                  key: 'changes',
                  label: `需变更的域名${changes.data ? `（${changes.data.length}）` : ''}`,
                  children: (
                    <Space direction="vertical" style={{ width: '100%' }}>
                      {changes.error ? <ErrorAlert error={changes.error} onRetry={changes.reload} /> : null}
                      <Table<DomainChangeView>
                        rowKey="id"
                        size="middle"
                        loading={changes.loading}
                        dataSource={changes.data ?? []}
                        columns={[
                          { title: '单位', dataIndex: 'unitName' },
                          { title: '域名', dataIndex: 'domainName' },
                          { title: '原因', dataIndex: 'reason' },
                          {
                            title: '需办理',
                            dataIndex: 'required',
                            render: (v: string) => <Tag color="orange">{v}</Tag>,
                          },
                          {
                            title: '事项',
                            dataIndex: 'matterId',
                            render: (v: number) => <a href={`/matters/${v}`}>事项 {v}</a>,
                          },
                          { title: '列入日期', dataIndex: 'openedOn' },
                        ]}
                      />
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        title="登记中文域名"
        open={registering}
        okText="登记"
        confirmLoading={busy}
        onCancel={() => setRegistering(false)}
        onOk={() => {
          void regForm.validateFields().then(async (v) => {
            const ok = await run(
              () =>
                registerDomain({
                  unitId: v.unitId,
                  name: v.name,
                  registeredOn: v.registeredOn.format('YYYY-MM-DD'),
                  expiresOn: v.expiresOn.format('YYYY-MM-DD'),
                  administrativeFunctions: v.administrativeFunctions,
                }),
              '域名已登记',
            );
            if (ok) setRegistering(false);
          });
        }}
      >
        <Form form={regForm} layout="vertical" initialValues={{ administrativeFunctions: false }}>
          <Form.Item name="unitId" label="单位" rules={[{ required: true, message: '请选择单位' }]}>
            <UnitField units={units.data ?? []} loading={units.loading} />
          </Form.Item>
          <Form.Item name="name" label="域名（全称或规范简称，含后缀）" rules={[{ required: true }]}>
            <Input placeholder="例如 永宁县第一中学.公益" />
          </Form.Item>
          <Form.Item name="administrativeFunctions" label="承担行政职能（事业单位）" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Space>
            <Form.Item name="registeredOn" label="注册日期" rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="expiresOn" label="到期日期" rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
          </Space>
        </Form>
        {error ? <Alert type="error" showIcon message={error} /> : null}
      </Modal>
      <Modal
        title={operating ? `办理：${operating.name}` : ''}
        open={operating !== null}
        okText="确定"
        confirmLoading={busy}
        onCancel={() => setOperating(null)}
        onOk={() => {
          void opForm.validateFields().then(async (v) => {
            const id = operating?.id ?? 0;
            const ok = await run(
              () =>
                domainOperation(id, {
                  operation: v.operation as (typeof OPERATIONS)[number],
                  on: v.on.format('YYYY-MM-DD'),
                  newName: v.newName || undefined,
                  expiresOn: v.expiresOn ? v.expiresOn.format('YYYY-MM-DD') : undefined,
                  note: v.note || undefined,
                }),
              `已${v.operation}`,
            );
            if (ok) setOperating(null);
          });
        }}
      >
        <Form form={opForm} layout="vertical">
          <Form.Item name="operation" label="操作" rules={[{ required: true }]}>
            <Select options={OPERATIONS.map((o) => ({ value: o, label: o }))} />
          </Form.Item>
          <Form.Item name="on" label="日期" rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item noStyle shouldUpdate>
            {() => (
              <>
                {opForm.getFieldValue('operation') === '变更' ? (
                  <Form.Item name="newName" label="新域名" rules={[{ required: true }]}>
                    <Input />
                  </Form.Item>
                ) : null}
                {opForm.getFieldValue('operation') === '续费' ? (
                  <Form.Item name="expiresOn" label="新到期日期" rules={[{ required: true }]}>
                    <DatePicker />
                  </Form.Item>
                ) : null}
              </>
            )}
          </Form.Item>
          <Form.Item name="note" label="备注">
            <Input />
          </Form.Item>
        </Form>
        {error ? <Alert type="error" showIcon message={error} /> : null}
      </Modal>
    </PageContainer>
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
