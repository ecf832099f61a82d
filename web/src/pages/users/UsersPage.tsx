import { KeyOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { REGION_LEVEL_LABELS, ROLE_LABELS, ROLES, type Role } from '../../../../src/common/labels.ts';
import { createUser, errorMessage, listUnits, listUsers, resetUserPassword } from '../../api/index.ts';
import type { PasswordResponse, UserSummary } from '../../api/index.ts';
import { useCurrentUser, useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/feedback.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { dateTime } from '../../lib/format.ts';
import { regionPath } from '../../lib/regions.ts';

interface CreateValues {
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  unitId?: number;
}

const ROLE_HINTS: Record<Role, string> = {
  admin: '编办业务负责人：导入导出数据、维护台账、审议决定事项（不管理账号、不看审计日志）',
  clerk: '维护机构、编制和人员台账',
  liaison: '部门联络员，只能查看和报送本部门数据，须指定所属机构',
  leader: '查看统计数据和报表',
  viewer: '上级编办只读查看下辖地区数据',
  sysadmin: '系统管理员：管理账号和系统设置，不查看业务数据和审计日志',
  secadmin: '安全管理员：设置密码、登录和会话等安全策略',
  auditor: '安全审计员：只查看和导出审计日志',
};

function OneTimePassword({
  answer,
  onClose,
  title,
}: {
  answer: PasswordResponse | null;
  onClose: () => void;
  title: string;
}) {
  return (
    <Modal
      open={answer !== null}
      title={title}
      onCancel={onClose}
      onOk={onClose}
      okText="我已记下"
      cancelButtonProps={{ style: { display: 'none' } }}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {answer ? (
        <>
          <Typography.Paragraph>
            用户名：<Typography.Text strong>{answer.username}</Typography.Text>
          </Typography.Paragraph>
          <Typography.Paragraph>
            一次性密码：
            <Typography.Text
              data-testid="one-time-password"
              className="bz-otp"
              copyable={{ text: answer.oneTimePassword }}
            >
              {answer.oneTimePassword}
            </Typography.Text>
          </Typography.Paragraph>
          <Alert
            type="warning"
            showIcon
            title="此密码只显示这一次，关闭后无法再次查看。请当面或通过安全渠道转交用户；用户首次登录时须修改密码。"
          />
        </>
      ) : null}
    </Modal>
  );
}

function CreateUserModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (answer: PasswordResponse) => void;
}) {
  const { regions, regionById, regionCode: currentRegion } = useSession();
  const [form] = Form.useForm<CreateValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const role = Form.useWatch('role', form);
  const regionCode = Form.useWatch('regionCode', form);
  const county = regionCode ? regionById.get(regionCode)?.level === 'county' : false;
  const units = useAsync(open && regionCode && county ? () => listUnits(regionCode) : null, [
    open,
    regionCode,
    county,
  ]);

  const regionOptions = [...regions]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((r) => ({
      value: r.code,
      label: `${regionPath(regionById, r.code)}（${REGION_LEVEL_LABELS[r.level]}）`,
    }));

  const submit = async (values: CreateValues) => {
    setSaving(true);
    setError(null);
    try {
      const answer = await createUser({
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        role: values.role,
        regionCode: values.regionCode,
        unitId: values.unitId ?? null,
      });
      form.resetFields();
      onCreated(answer);
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title="新建用户"
      okText="创建"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={() => {
        setError(null);
        form.resetFields();
        onClose();
      }}
      forceRender
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form<CreateValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ role: 'clerk', regionCode: currentRegion ?? undefined }}
      >
        <Form.Item
          label="用户名"
          name="username"
          extra="2–32位字母、数字或 _ . -，登录时使用"
          rules={[
            { required: true, message: '请输入用户名' },
            { pattern: /^[A-Za-z0-9_.-]{2,32}$/, message: '用户名为2–32位字母、数字或 _ . -' },
          ]}
        >
          <Input data-testid="user-username" autoComplete="off" maxLength={32} />
        </Form.Item>
        <Form.Item
          label="姓名"
          name="displayName"
          rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}
        >
          <Input data-testid="user-display-name" maxLength={40} />
        </Form.Item>
        <Form.Item
          label="角色"
          name="role"
          rules={[{ required: true, message: '请选择角色' }]}
          extra={role ? ROLE_HINTS[role] : undefined}
        >
          {/* The 三员's accounts are managed on the server's shell only (bianzhi user add). */}
          <Select<Role>
            options={ROLES.filter((r) => !['sysadmin', 'secadmin', 'auditor'].includes(r)).map((r) => ({
              value: r,
              label: ROLE_LABELS[r],
            }))}
          />
        </Form.Item>
        <Form.Item label="所属地区" name="regionCode" rules={[{ required: true, message: '请选择所属地区' }]}>
          <Select<string>
            showSearch={{ optionFilterProp: 'label' }}
            options={regionOptions}
            onChange={() => form.setFieldValue('unitId', undefined)}
          />
        </Form.Item>
        <Form.Item
          label="所属机构"
          name="unitId"
          extra={county ? '部门联络员须指定其所在机构；其他角色可不填' : '仅县级地区的用户可指定所属机构'}
          rules={[{ required: role === 'liaison', message: '部门联络员须指定所属机构' }]}
        >
          <UnitTreeSelectField units={units.data ?? []} loading={units.loading} disabled={!county} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Adapts UnitTreeSelect to Form.Item's value/onChange injection. */
function UnitTreeSelectField({
  value,
  onChange,
  units,
  loading,
  disabled,
}: {
  value?: number;
  onChange?: (value: number | undefined) => void;
  units: Parameters<typeof UnitTreeSelect>[0]['units'];
  loading: boolean;
  disabled: boolean;
}) {
  return (
    <UnitTreeSelect
      units={units}
      loading={loading}
      disabled={disabled}
      value={value}
      onChange={(next) => onChange?.(next)}
      placeholder="不指定"
      style={{ width: '100%' }}
    />
  );
}

export function UsersPage() {
  const me = useCurrentUser();
  const { regionById } = useSession();
  const { message } = App.useApp();
  const users = useAsync(me.permissions.manageUsers ? listUsers : null, [me.permissions.manageUsers]);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<PasswordResponse | null>(null);
  const [reset, setReset] = useState<PasswordResponse | null>(null);
  const [resettingId, setResettingId] = useState<number | null>(null);

  if (!me.permissions.manageUsers) {
    return (
      <PageContainer title="用户管理">
        <Alert type="warning" showIcon title="只有编办管理员可以管理用户。" />
      </PageContainer>
    );
  }

  const doReset = async (user: UserSummary) => {
    setResettingId(user.id);
    try {
      setReset(await resetUserPassword(user.id));
      users.reload();
    } catch (cause) {
      void message.error(errorMessage(cause));
    } finally {
      setResettingId(null);
    }
  };

  const columns: TableColumnsType<UserSummary> = [
    // The user number another county's office names a 交叉互评 evaluator by.
    { title: '编号', dataIndex: 'id', width: 70, align: 'right' },
    {
      title: '用户名',
      dataIndex: 'username',
      width: 140,
      render: (v: string) => <span className="bz-mono">{v}</span>,
    },
    { title: '姓名', dataIndex: 'displayName', width: 120 },
    {
      title: '角色',
      dataIndex: 'role',
      width: 130,
      filters: ROLES.map((r) => ({ text: ROLE_LABELS[r], value: r })),
      onFilter: (value, row) => row.role === value,
      render: (_: unknown, row) => row.roleLabel || ROLE_LABELS[row.role],
    },
    { title: '所属地区', dataIndex: 'regionCode', render: (code: string) => regionPath(regionById, code) },
    { title: '所属机构', dataIndex: 'unitName', render: (v: string | null) => v ?? '—' },
    {
      title: '状态',
      dataIndex: 'disabled',
      width: 80,
      render: (disabled: boolean) => (disabled ? <Tag>已停用</Tag> : <Tag color="success">正常</Tag>),
    },
    {
      title: '最近登录',
      dataIndex: 'lastLoginAt',
      width: 150,
      render: (v: string | null) => (v ? dateTime(v) : '从未登录'),
    },
    {
      title: '操作',
      key: 'actions',
      width: 110,
      render: (_: unknown, row) => (
        <Popconfirm
          title={`重置“${row.displayName || row.username}”的密码？`}
          description="将生成一次性密码，原密码立即失效，用户下次登录须修改密码。"
          okText="重置"
          cancelText="取消"
          onConfirm={() => doReset(row)}
        >
          <Button type="link" size="small" icon={<KeyOutlined />} loading={resettingId === row.id}>
            重置密码
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <PageContainer
      title="用户管理"
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={users.reload}>
            刷新
          </Button>
          <Button
            data-testid="user-create"
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
          >
            新建用户
          </Button>
        </Space>
      }
    >
      {users.error ? <ErrorAlert error={users.error} onRetry={users.reload} /> : null}
      <Card size="small">
        <Table<UserSummary>
          size="small"
          bordered
          rowKey="id"
          loading={users.loading}
          columns={columns}
          dataSource={users.data ?? []}
          pagination={{
            defaultPageSize: 20,
            showSizeChanger: true,
            showTotal: (t) => `共 ${String(t)} 个用户`,
          }}
          rowClassName={(row) => (row.disabled ? 'bz-retracted-row' : '')}
          locale={{ emptyText: '暂无数据' }}
          scroll={{ x: 1000 }}
        />
      </Card>
      <CreateUserModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(answer) => {
          setCreating(false);
          setCreated(answer);
          users.reload();
        }}
      />
      <OneTimePassword title="用户已创建" answer={created} onClose={() => setCreated(null)} />
      <OneTimePassword title="密码已重置" answer={reset} onClose={() => setReset(null)} />
    </PageContainer>
  );
}
