import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space, Table, Tabs } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { isOneOf } from '../../../../src/common/labels.ts';
import { listMatters, type MatterView } from '../../api/index.ts';
import type { MatterState, MatterSummary } from '../../api/index.ts';
import { useCurrentUser, useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/feedback.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { dash, dateTime } from '../../lib/format.ts';
import { MATTER_STATES } from '../../lib/matter-labels.ts';
import { regionPath } from '../../lib/regions.ts';
import { KindTags, MatterStateTag } from './matterUi.tsx';

const VIEWS: readonly MatterView[] = ['waiting', 'mine', 'all'];
const VIEW_LABELS: Record<MatterView, string> = {
  waiting: '待我处理',
  mine: '我的事项',
  all: '全部事项',
};
const STATES = Object.keys(MATTER_STATES) as MatterState[];

const columns: TableColumnsType<MatterSummary> = [
  {
    title: '编号',
    dataIndex: 'id',
    width: 72,
    render: (id: number) => <span className="bz-mono">{id}</span>,
  },
  { title: '事项名称', dataIndex: 'title', ellipsis: true },
  {
    title: '类型',
    dataIndex: 'kinds',
    width: 170,
    render: (kinds: string[]) => <KindTags kinds={kinds} />,
  },
  {
    title: '状态',
    dataIndex: 'state',
    width: 92,
    render: (_: unknown, row) => <MatterStateTag state={row.state} label={row.stateLabel} />,
  },
  { title: '提出人', dataIndex: 'proposerName', width: 150 },
  { title: '批准文号', dataIndex: 'docNo', width: 170, render: (v: string | null) => dash(v) },
  { title: '生效日期', dataIndex: 'effectiveOn', width: 104, render: (v: string | null) => dash(v) },
  { title: '更新时间', dataIndex: 'updatedAt', width: 140, render: (v: string) => dateTime(v) },
];

export function MattersPage() {
  const me = useCurrentUser();
  const { regionCode, regionById } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const rawView = params.get('view') ?? '';
  const view: MatterView = isOneOf(VIEWS, rawView) ? rawView : 'waiting';
  const rawState = params.get('state') ?? '';
  const state = isOneOf(STATES, rawState) ? rawState : undefined;
  const [pageSize, setPageSize] = useState(20);
  const filterKey = `${regionCode ?? ''}|${view}|${state ?? ''}`;
  // A page belongs to the tab and filter it was chosen under.
  const [paging, setPaging] = useState({ filterKey, page: 1 });
  const page = paging.filterKey === filterKey ? paging.page : 1;

  const matters = useAsync(
    regionCode ? () => listMatters({ region: regionCode, view, state, page, pageSize }) : null,
    [filterKey, page, pageSize],
  );

  if (regionCode === null) return null;

  const update = (next: { view?: MatterView; state?: MatterState | null }) => {
    const search = new URLSearchParams();
    const nextView = next.view ?? view;
    const nextState = next.state === null ? undefined : (next.state ?? state);
    if (nextView !== 'waiting') search.set('view', nextView);
    if (nextState) search.set('state', nextState);
    setParams(search, { replace: true });
  };

  return (
    <PageContainer
      title="事项办理"
      subTitle={`${regionPath(regionById, regionCode)} · 动议 → 论证 → 审议决定 → 组织实施`}
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={matters.reload} data-testid="matters-reload">
            刷新
          </Button>
          {me.permissions.proposeMatters ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="matter-new"
              onClick={() => navigate('/matters/new')}
            >
              新建动议
            </Button>
          ) : null}
        </Space>
      }
    >
      <Card size="small" className="bz-section">
        <Tabs
          activeKey={view}
          onChange={(key) => {
            if (isOneOf(VIEWS, key)) update({ view: key });
          }}
          items={VIEWS.map((key) => ({
            key,
            label: <span data-testid={`matters-tab-${key}`}>{VIEW_LABELS[key]}</span>,
          }))}
          tabBarExtraContent={
            <Select<MatterState>
              aria-label="事项状态"
              placeholder="全部状态"
              allowClear
              value={state}
              onChange={(value: MatterState | undefined) => update({ state: value ?? null })}
              options={STATES.map((s) => ({ value: s, label: MATTER_STATES[s] }))}
              style={{ width: 130 }}
              data-testid="matters-state-filter"
            />
          }
        />
        {matters.error ? <ErrorAlert error={matters.error} onRetry={matters.reload} /> : null}
        <div data-testid="matters-table">
          <Table<MatterSummary>
            size="small"
            bordered
            rowKey="id"
            loading={matters.loading}
            columns={columns}
            dataSource={matters.data?.items ?? []}
            scroll={{ x: 1100 }}
            onRow={(row) => ({
              onClick: () => navigate(`/matters/${String(row.id)}`),
              className: 'bz-clickable-row',
            })}
            locale={{
              emptyText: matters.loading
                ? '正在加载…'
                : view === 'waiting'
                  ? '没有等待您处理的事项'
                  : '暂无事项',
            }}
            pagination={{
              current: page,
              pageSize,
              total: matters.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (total) => `共 ${String(total)} 件`,
              onChange: (nextPage, nextSize) => {
                if (nextSize !== pageSize) {
                  setPageSize(nextSize);
                  setPaging({ filterKey, page: 1 });
                } else {
                  setPaging({ filterKey, page: nextPage });
                }
              },
            }}
          />
        </div>
      </Card>
    </PageContainer>
  );
}
