import { EyeOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { DescriptionsProps, TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage, getPerson, revealIdNumber } from '../api/index.ts';
import type { PersonDetail } from '../api/index.ts';
import { useSession } from '../app/session.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { dash, dateTime } from '../lib/format.ts';
import { ErrorAlert, Loading } from './feedback.tsx';
import { PersonStatusTag } from './tags.tsx';

type Placement = PersonDetail['placements'][number];

const placementColumns = (onNavigate: () => void): TableColumnsType<Placement> => [
  {
    title: '机构',
    dataIndex: 'unitName',
    render: (name: string, row) => (
      <Link to={`/units/${String(row.unitId)}`} onClick={onNavigate}>
        {name}
      </Link>
    ),
  },
  { title: '编制类型', dataIndex: 'quotaType' },
  {
    title: '人员状态',
    dataIndex: 'status',
    render: (_: unknown, row) => <PersonStatusTag status={row.status} />,
  },
  { title: '入编方式', dataIndex: 'channel', render: (v: string | null) => dash(v) },
  { title: '领导职务', dataIndex: 'leadershipLevel' },
  { title: '入编日期', dataIndex: 'enteredOn', render: (v: string | null) => dash(v) },
  { title: '出编日期', dataIndex: 'leftOn', render: (v: string | null) => dash(v) },
  { title: '登记时间', dataIndex: 'recordedAt', render: (v: string) => dateTime(v) },
  {
    title: '记录状态',
    dataIndex: 'retracted',
    render: (retracted: boolean) =>
      retracted ? <Tag color="warning">已更正</Tag> : <Tag color="success">有效</Tag>,
  },
];

function PersonBody({ person, onNavigate }: { person: PersonDetail; onNavigate: () => void }) {
  const { me } = useSession();
  const { message } = App.useApp();
  const canReveal = me?.permissions.revealIdNumbers ?? false;
  const [revealing, setRevealing] = useState(false);
  const [revealed, setRevealed] = useState<string | null>(null);

  const reveal = async () => {
    setRevealing(true);
    try {
      const answer = await revealIdNumber(person.id);
      setRevealed(answer.idNumber);
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setRevealing(false);
    }
  };

  const items: DescriptionsProps['items'] = [
    { key: 'name', label: '姓名', children: person.name },
    {
      key: 'id',
      label: '身份证号',
      children: (
        <Space size={8} wrap>
          <span className="bz-mono">{person.idMasked}</span>
          {canReveal ? (
            <Popconfirm
              title="查看完整身份证号"
              description="查看行为将记入审计日志，确定查看吗？"
              okText="查看"
              cancelText="取消"
              onConfirm={reveal}
            >
              <Button
                type="link"
                size="small"
                icon={<EyeOutlined />}
                loading={revealing}
                style={{ padding: 0 }}
              >
                查看完整号码
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ),
    },
    { key: 'gender', label: '性别', children: dash(person.gender) },
    { key: 'birth', label: '出生日期', children: dash(person.birthDate) },
    {
      key: 'unit',
      label: '所在机构',
      span: 2,
      children: (
        <Link to={`/units/${String(person.unitId)}`} onClick={onNavigate}>
          {person.unitName}
        </Link>
      ),
    },
    { key: 'quota', label: '编制类型', children: person.quotaType },
    { key: 'status', label: '人员状态', children: <PersonStatusTag status={person.status} /> },
    { key: 'channel', label: '入编方式', children: dash(person.channel) },
    { key: 'lead', label: '领导职务', children: person.leadershipLevel },
    { key: 'entered', label: '入编日期', children: dash(person.enteredOn) },
    { key: 'left', label: '出编日期', children: dash(person.leftOn) },
  ];

  return (
    <>
      <Descriptions size="small" bordered column={2} items={items} styles={{ label: { width: 96 } }} />
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        编制变动记录
      </Typography.Title>
      <Table<Placement>
        size="small"
        bordered
        rowKey={(row) => `${String(row.unitId)}-${row.recordedAt}-${row.status}-${row.enteredOn ?? ''}`}
        columns={placementColumns(onNavigate)}
        dataSource={person.placements}
        pagination={false}
        scroll={{ x: 900 }}
        rowClassName={(row) => (row.retracted ? 'bz-retracted-row' : '')}
        locale={{ emptyText: '暂无变动记录' }}
      />
      <Modal
        open={revealed !== null}
        title={`${person.name}的身份证号`}
        onCancel={() => setRevealed(null)}
        onOk={() => setRevealed(null)}
        okText="关闭"
        cancelButtonProps={{ style: { display: 'none' } }}
        destroyOnHidden
      >
        <Typography.Paragraph copyable={revealed ? { text: revealed } : false} className="bz-id-number">
          {revealed}
        </Typography.Paragraph>
        <Alert type="warning" showIcon title="本次查看已记入审计日志。请勿截屏、抄录或外传个人信息。" />
      </Modal>
    </>
  );
}

export function PersonDrawer({ personId, onClose }: { personId: number | null; onClose: () => void }) {
  const person = useAsync(personId === null ? null : () => getPerson(personId), [personId]);
  const current = person.data && person.data.id === personId ? person.data : undefined;
  return (
    <Drawer
      open={personId !== null}
      onClose={onClose}
      size={760}
      title={current ? `人员信息：${current.name}` : '人员信息'}
      destroyOnHidden
    >
      {person.error ? <ErrorAlert error={person.error} onRetry={person.reload} /> : null}
      {current ? <PersonBody person={current} onNavigate={onClose} /> : person.loading ? <Loading /> : null}
    </Drawer>
  );
}
