import {
  ApartmentOutlined,
  BookOutlined,
  AuditOutlined,
  SafetyCertificateOutlined,
  BarChartOutlined,
  CloudDownloadOutlined,
  BranchesOutlined,
  ClusterOutlined,
  CloudUploadOutlined,
  DiffOutlined,
  DashboardOutlined,
  FieldTimeOutlined,
  GlobalOutlined,
  IdcardOutlined,
  ProfileOutlined,
  SearchOutlined,
  FormOutlined,
  FileDoneOutlined,
  FileWordOutlined,
  FundOutlined,
  CalculatorOutlined,
  KeyOutlined,
  LineChartOutlined,
  LogoutOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
  UsergroupAddOutlined,
} from '@ant-design/icons';
import { Badge, Button, Layout, Menu, Space, Tag, Tooltip } from 'antd';
import type { MenuProps } from 'antd';
import { useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { ROLE_LABELS } from '../../../src/common/labels.ts';
import { useCurrentUser, useSession } from '../app/session.tsx';
import { useWaitingMatters } from '../hooks/useWaitingMatters.ts';
import { regionPath } from '../lib/regions.ts';
import { EmptyState, ErrorAlert, Loading } from './feedback.tsx';
import { RegionSelect } from './RegionSelect.tsx';

const { Header, Sider, Content, Footer } = Layout;

function selectedMenuKey(pathname: string): string {
  const first = pathname.split('/')[1] ?? '';
  return first === '' ? '/' : `/${first}`;
}

export function AppLayout() {
  const me = useCurrentUser();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const waiting = useWaitingMatters(me.permissions.readLedger ? session.regionCode : null, location.pathname);

  // What a user may do is the server's answer (permissionsOf): the 三员 see no business pages.
  const business: MenuProps['items'] = [
    { key: '/units', icon: <ApartmentOutlined />, label: '机构' },
    { key: '/people', icon: <TeamOutlined />, label: '人员' },
    {
      key: '/matters',
      icon: <FileDoneOutlined />,
      label: (
        <span className="bz-menu-badge" data-testid="menu-matters">
          事项办理
          <Badge
            count={waiting}
            size="small"
            overflowCount={99}
            title={`待我处理 ${String(waiting)} 件`}
            data-testid="matters-waiting-badge"
          />
        </span>
      ),
    },
    ...(!me.permissions.readReports
      ? []
      : [
          { key: '/reports', icon: <BarChartOutlined />, label: '统计报表' },
          { key: '/work-statistics', icon: <FundOutlined />, label: '工作统计' },
        ]),
    ...(me.permissions.readFullReport
      ? [{ key: '/full-report', icon: <FileWordOutlined />, label: '全年汇报' }]
      : []),
    ...(me.permissions.readYearend
      ? [{ key: '/yearend', icon: <FileDoneOutlined />, label: '统计年报' }]
      : []),
    ...(!me.permissions.readReports
      ? []
      : [
          { key: '/standards', icon: <CalculatorOutlined />, label: '编制标准' },
          { key: '/population', icon: <LineChartOutlined />, label: '人口与编制' },
          { key: '/reconciliation', icon: <DiffOutlined />, label: '数据比对' },
        ]),
    ...(me.permissions.writeLedger
      ? [
          { key: '/timeliness', icon: <FieldTimeOutlined />, label: '及时性' },
          { key: '/inputs', icon: <FormOutlined />, label: '学生数与人口' },
        ]
      : []),
    ...(me.permissions.readLibrary ? [{ key: '/library', icon: <BookOutlined />, label: '法规制度' }] : []),
    ...(me.permissions.readEvaluation
      ? [{ key: '/evaluation', icon: <TrophyOutlined />, label: '评估问效' }]
      : []),
    { key: '/org-chart', icon: <ClusterOutlined />, label: '基本框架图' },
    ...(me.permissions.readRegistration
      ? [
          { key: '/registration', icon: <IdcardOutlined />, label: '登记管理' },
          { key: '/annual-reports', icon: <ProfileOutlined />, label: '年度报告' },
        ]
      : []),
    ...(me.permissions.selfCheck ? [{ key: '/spot-checks', icon: <SearchOutlined />, label: '抽查' }] : []),
    ...(me.permissions.readDomains ? [{ key: '/domains', icon: <GlobalOutlined />, label: '中文域名' }] : []),
    ...(me.permissions.readReform ? [{ key: '/reform', icon: <BranchesOutlined />, label: '机构改革' }] : []),
    ...(me.permissions.importData
      ? [{ key: '/import', icon: <CloudUploadOutlined />, label: '数据导入' }]
      : []),
    ...(me.permissions.exportData
      ? [{ key: '/export', icon: <CloudDownloadOutlined />, label: '数据导出' }]
      : []),
  ];
  const items: MenuProps['items'] = [
    { key: '/', icon: <DashboardOutlined />, label: '首页' },
    ...(me.permissions.readLedger ? business : []),
    ...(me.permissions.manageUsers
      ? [{ key: '/users', icon: <UsergroupAddOutlined />, label: '用户管理' }]
      : []),
    ...(me.permissions.configureSecurity
      ? [{ key: '/security', icon: <SafetyCertificateOutlined />, label: '安全策略' }]
      : []),
    ...(me.permissions.readAudit ? [{ key: '/audit', icon: <AuditOutlined />, label: '审计日志' }] : []),
  ];

  const roleLabel = me.user.roleLabel || ROLE_LABELS[me.user.role];
  const multiCounty = session.counties.length > 1;

  let body;
  if (session.regionsLoading && session.regions.length === 0) {
    body = <Loading text="正在加载行政区划…" />;
  } else if (session.regionsError) {
    body = (
      <ErrorAlert title="行政区划加载失败" error={session.regionsError} onRetry={session.reloadRegions} />
    );
  } else if (session.regionCode === null && location.pathname !== '/users') {
    body = <EmptyState text="当前账号没有可查看的县级行政区，请联系管理员。" />;
  } else {
    body = <Outlet />;
  }

  return (
    <Layout className="bz-shell">
      <Header className="bz-header">
        <div className="bz-brand" onClick={() => navigate('/')} role="link" tabIndex={0}>
          <span className="bz-brand-mark">编</span>
          <span className="bz-brand-text">机构编制管理系统</span>
        </div>
        <div className="bz-header-right">
          {multiCounty ? (
            <RegionSelect
              counties={session.counties}
              byCode={session.regionById}
              value={session.regionCode}
              onChange={session.setRegionCode}
              width={220}
            />
          ) : session.regionCode ? (
            <span className="bz-header-region">{regionPath(session.regionById, session.regionCode)}</span>
          ) : null}
          <Space size={6} className="bz-header-user">
            <UserOutlined />
            <span data-testid="current-user">{me.user.displayName || me.user.username}</span>
            <Tag color="blue" variant="outlined" className="bz-role-tag">
              {roleLabel}
            </Tag>
          </Space>
          <Tooltip title="修改密码">
            <Button
              type="text"
              className="bz-header-button"
              icon={<KeyOutlined />}
              onClick={() => navigate('/change-password')}
            >
              修改密码
            </Button>
          </Tooltip>
          <Button
            type="text"
            className="bz-header-button"
            icon={<LogoutOutlined />}
            loading={leaving}
            data-testid="logout"
            onClick={() => {
              setLeaving(true);
              void session.signOut().finally(() => setLeaving(false));
            }}
          >
            退出
          </Button>
        </div>
      </Header>
      <Layout>
        <Sider
          width={176}
          theme="light"
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          className="bz-sider"
          breakpoint="lg"
        >
          <Menu
            mode="inline"
            selectedKeys={[selectedMenuKey(location.pathname)]}
            items={items}
            onClick={({ key }) => navigate(key)}
          />
        </Sider>
        <Layout className="bz-main">
          <Content className="bz-content">{body}</Content>
          <Footer className="bz-footer">
            编制 · 机构编制管理系统 — 仅限内部网络使用，请妥善保管账号和个人信息
          </Footer>
        </Layout>
      </Layout>
    </Layout>
  );
}
