import { FileAddOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Descriptions, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { DescriptionsProps, TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { UnitDetail } from '../../api/index.ts';
import { regionWithin } from '../../../../src/common/region-code.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { FiguresTable } from '../../components/FiguresTable.tsx';
import { EmptyState } from '../../components/feedback.tsx';
import { PeopleTable } from '../../components/PeopleTable.tsx';
import { UnitHistoryTimeline } from './UnitHistoryTimeline.tsx';
import { AbolishedTag, CategoryTag, LedgerStateTag } from '../../components/tags.tsx';
import { dash, dateTime, formatNumber, yesNo } from '../../lib/format.ts';

type QuotaRow = UnitDetail['quotas'][number];
type PostRow = UnitDetail['posts'][number];
type HistoryRow = UnitDetail['history'][number];
type PostFigure = UnitDetail['postFigures'][number];
type Child = UnitDetail['children'][number];

const byDateDesc = <T extends { effectiveFrom: string; recordedAt: string }>(a: T, b: T): number =>
  b.effectiveFrom.localeCompare(a.effectiveFrom) || b.recordedAt.localeCompare(a.recordedAt);

const quotaColumns: TableColumnsType<QuotaRow> = [
  { title: '编制类型', dataIndex: 'quotaType', width: 120 },
  {
    title: '来源',
    dataIndex: 'source',
    width: 90,
    render: (source: string) => (source === '周转池' ? <Tag color="purple">周转池</Tag> : '本级核定'),
  },
  {
    title: '核定数',
    dataIndex: 'approved',
    width: 80,
    align: 'right',
    render: (v: number) => formatNumber(v),
  },
  { title: '生效日期', dataIndex: 'effectiveFrom', width: 110 },
  { title: '文号', dataIndex: 'docNo', render: (v: string | null) => dash(v) },
  {
    title: '状态',
    key: 'state',
    width: 90,
    render: (_: unknown, row) => <LedgerStateTag inForce={row.inForce} retracted={row.retracted} />,
  },
  { title: '登记时间', dataIndex: 'recordedAt', width: 150, render: (v: string) => dateTime(v) },
];

const postColumns: TableColumnsType<PostRow> = [
  { title: '职级', dataIndex: 'level', width: 120, render: (v: string) => `${v}级领导职数` },
  {
    title: '核定数',
    dataIndex: 'approved',
    width: 80,
    align: 'right',
    render: (v: number) => formatNumber(v),
  },
  { title: '生效日期', dataIndex: 'effectiveFrom', width: 110 },
  { title: '文号', dataIndex: 'docNo', render: (v: string | null) => dash(v) },
  {
    title: '状态',
    key: 'state',
    width: 90,
    render: (_: unknown, row) => <LedgerStateTag inForce={row.inForce} retracted={row.retracted} />,
  },
  { title: '登记时间', dataIndex: 'recordedAt', width: 150, render: (v: string) => dateTime(v) },
];

const historyColumns: TableColumnsType<HistoryRow> = [
  { title: '生效日期', dataIndex: 'validFrom', width: 110 },
  { title: '变更事项', dataIndex: 'changeKind', width: 100 },
  { title: '机构名称', dataIndex: 'name' },
  {
    title: '机构类别',
    dataIndex: 'category',
    width: 130,
    render: (v: string) => <CategoryTag category={v} small />,
  },
  { title: '机构规格', dataIndex: 'rank', width: 90, render: (v: string | null) => dash(v) },
  { title: '文号', dataIndex: 'docNo', render: (v: string | null) => dash(v) },
  {
    title: '状态',
    dataIndex: 'retracted',
    width: 80,
    render: (retracted: boolean) =>
      retracted ? <Tag color="warning">已更正</Tag> : <Tag color="success">有效</Tag>,
  },
  { title: '登记时间', dataIndex: 'recordedAt', width: 150, render: (v: string) => dateTime(v) },
];

const postFigureColumns: TableColumnsType<PostFigure> = [
  { title: '职级', dataIndex: 'level', render: (v: string) => `${v}级领导职数` },
  { title: '核定', dataIndex: 'approved', align: 'right', render: (v: number) => formatNumber(v) },
  { title: '实配', dataIndex: 'filled', align: 'right', render: (v: number) => formatNumber(v) },
  {
    title: '未配',
    key: 'unfilled',
    align: 'right',
    render: (_: unknown, row) => formatNumber(Math.max(0, row.approved - row.filled)),
  },
  {
    title: '超配',
    key: 'overfilled',
    align: 'right',
    render: (_: unknown, row) => {
      const over = Math.max(0, row.filled - row.approved);
      return over > 0 ? (
        <Typography.Text type="danger" strong>
          {formatNumber(over)}
        </Typography.Text>
      ) : (
        '0'
      );
    },
  },
];

const childColumns: TableColumnsType<Child> = [
  { title: '机构编码', dataIndex: 'code', width: 140 },
  {
    title: '机构名称',
    dataIndex: 'name',
    render: (name: string, row) => <Link to={`/units/${String(row.id)}`}>{name}</Link>,
  },
  {
    title: '机构类别',
    dataIndex: 'category',
    width: 140,
    render: (v: string) => <CategoryTag category={v} small />,
  },
];

function plaqueText(plaque: UnitDetail['plaques'][number]): string {
  if (!plaque.validFrom && !plaque.validTo) return plaque.name;
  return `${plaque.name}（${plaque.validFrom ?? '—'} 至 ${plaque.validTo ?? '今'}）`;
}

function basicItems(unit: UnitDetail): DescriptionsProps['items'] {
  const institution = unit.category === '事业单位';
  const items: NonNullable<DescriptionsProps['items']> = [
    { key: 'code', label: '机构编码', children: <span className="bz-mono bz-nowrap">{unit.code}</span> },
    { key: 'category', label: '机构类别', children: <CategoryTag category={unit.category} /> },
    { key: 'short', label: '规范简称', children: dash(unit.shortName) },
    { key: 'rank', label: '机构规格', children: dash(unit.rank) },
    {
      key: 'parent',
      label: '上级机构',
      children: unit.parent ? <Link to={`/units/${String(unit.parent.id)}`}>{unit.parent.name}</Link> : '—',
    },
    {
      key: 'plaques',
      label: '加挂牌子',
      span: 'filled',
      children:
        unit.plaques.length > 0 ? (
          <Space size={[4, 4]} wrap>
            {unit.plaques.map((plaque) => (
              <Tag
                key={`${plaque.name}-${plaque.validFrom ?? ''}`}
                color={plaque.validTo ? 'default' : 'blue'}
              >
                {plaqueText(plaque)}
              </Tag>
            ))}
          </Space>
        ) : (
          '无'
        ),
    },
  ];
  if (institution || unit.affiliation !== null)
    items.push({ key: 'aff', label: '隶属关系', children: dash(unit.affiliation) });
  if (institution || unit.countsTowardDirectLimit !== null)
    items.push({ key: 'limit', label: '占直属事业单位限额', children: yesNo(unit.countsTowardDirectLimit) });
  if (institution || unit.funding !== null)
    items.push({ key: 'funding', label: '经费形式', children: dash(unit.funding) });
  if (institution || unit.type !== null)
    items.push({ key: 'type', label: '单位类型', children: dash(unit.type) });
  if (institution || unit.sector !== null)
    items.push({ key: 'sector', label: '所属系统', children: dash(unit.sector) });
  if (institution || unit.legalPerson !== null)
    items.push({ key: 'legal', label: '是否法人', children: yesNo(unit.legalPerson) });
  items.push(
    {
      key: 'uscc',
      label: '统一社会信用代码',
      children: <span className="bz-mono bz-nowrap">{dash(unit.uscc)}</span>,
    },
    { key: 'founded', label: '成立日期', children: dash(unit.foundedOn) },
    { key: 'abolished', label: '撤销日期', children: dash(unit.abolishedOn) },
    {
      key: 'sanding',
      label: '三定规定',
      children: unit.sandingDocNo
        ? `${unit.sandingDocNo}${unit.sandingDate ? `（${unit.sandingDate}）` : ''}`
        : '—',
    },
    {
      key: 'responsibilities',
      label: '主要职责',
      span: 2,
      children: <span style={{ whiteSpace: 'pre-wrap' }}>{dash(unit.responsibilities)}</span>,
    },
  );
  return items;
}

function isAbolished(unit: UnitDetail): boolean {
  return unit.abolishedOn !== null && unit.abolishedOn <= unit.asOf;
}

function notYetFounded(unit: UnitDetail): boolean {
  return unit.foundedOn !== null && unit.foundedOn > unit.asOf;
}

function UnitPeople({ unit }: { unit: UnitDetail }) {
  const [includeSubunits, setIncludeSubunits] = useState(false);
  return (
    <>
      <div className="bz-toolbar">
        <Checkbox
          checked={includeSubunits}
          disabled={unit.children.length === 0}
          onChange={(event) => setIncludeSubunits(event.target.checked)}
        >
          含下属机构人员
        </Checkbox>
        <span className="bz-muted">点击一行查看人员详情</span>
      </div>
      <PeopleTable
        filter={{ region: unit.regionCode, unitId: unit.id, includeSubunits }}
        showUnit={includeSubunits}
      />
    </>
  );
}

export function UnitDetailView({ unit }: { unit: UnitDetail }) {
  const quotas = [...unit.quotas].sort(byDateDesc);
  const posts = [...unit.posts].sort(byDateDesc);
  const history = [...unit.history].sort(
    (a, b) => b.validFrom.localeCompare(a.validFrom) || b.recordedAt.localeCompare(a.recordedAt),
  );
  const abolished = isAbolished(unit);
  const overTypes = unit.figures.filter((f) => f.over > 0);
  const me = useCurrentUser();
  const navigate = useNavigate();
  // A unit outside the user's own region is one a 交叉互评 grant opened: its figures, not its
  // staff, and no matter of the user's own county can name it.
  const ownRegion = regionWithin(unit.regionCode, me.user.regionCode);
  // Only a role that may propose sees the button (the permission table's answer).
  const mayPropose = me.permissions.proposeMatters && !abolished && ownRegion;

  return (
    <div className="bz-unit-detail">
      <div className="bz-unit-head">
        <Typography.Title
          level={4}
          data-testid="unit-title"
          className={abolished ? 'bz-abolished' : undefined}
          style={{ margin: 0 }}
        >
          {unit.name}
        </Typography.Title>
        <Space size={4} wrap>
          <CategoryTag category={unit.category} />
          {unit.rank ? <Tag>{unit.rank}</Tag> : null}
          {abolished ? <AbolishedTag /> : null}
          {notYetFounded(unit) ? <Tag color="orange">尚未成立</Tag> : null}
          {overTypes.length > 0 ? <Tag color="error">超编</Tag> : null}
          <span className="bz-muted">数据截至 {unit.asOf}</span>
        </Space>
        {mayPropose ? (
          <Button
            size="small"
            icon={<FileAddOutlined />}
            onClick={() => navigate(`/matters/new?unit=${String(unit.id)}`)}
            data-testid="unit-new-matter"
          >
            为本机构提出动议
          </Button>
        ) : null}
      </div>

      <Card size="small" title="基本情况" className="bz-section">
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, sm: 1, md: 1, lg: 2, xl: 2, xxl: 3 }}
          items={basicItems(unit)}
          styles={{ label: { width: 136, whiteSpace: 'nowrap' } }}
        />
      </Card>

      <Card size="small" className="bz-section">
        <Tabs
          size="small"
          items={[
            {
              key: 'figures',
              label: '编制情况',
              children: (
                <>
                  {unit.category === '内设机构' ? (
                    <Typography.Paragraph type="secondary">
                      内设机构不单独核定编制，编制计入所属机构。
                    </Typography.Paragraph>
                  ) : null}
                  <Typography.Title level={5} className="bz-subtitle">
                    编制使用情况
                  </Typography.Title>
                  <FiguresTable figures={unit.figures} total={unit.figureTotal} />
                  <Typography.Title level={5} className="bz-subtitle">
                    领导职数
                  </Typography.Title>
                  <Table<PostFigure>
                    scroll={{ x: 'max-content' }}
                    size="small"
                    bordered
                    rowKey="level"
                    pagination={false}
                    columns={postFigureColumns}
                    dataSource={unit.postFigures}
                    locale={{ emptyText: '暂无领导职数' }}
                  />
                </>
              ),
            },
            {
              key: 'chain',
              label: '沿革（文号链）',
              children: <UnitHistoryTimeline unitId={unit.id} />,
            },
            {
              key: 'quota-history',
              label: `编制沿革（${String(quotas.length + posts.length)}）`,
              children: (
                <>
                  <Typography.Title level={5} className="bz-subtitle">
                    编制核定记录
                  </Typography.Title>
                  <Table<QuotaRow>
                    scroll={{ x: 'max-content' }}
                    size="small"
                    bordered
                    rowKey="id"
                    columns={quotaColumns}
                    dataSource={quotas}
                    pagination={quotas.length > 20 ? { pageSize: 20 } : false}
                    rowClassName={(row) => (row.retracted ? 'bz-retracted-row' : '')}
                    locale={{ emptyText: '暂无编制核定记录' }}
                  />
                  <Typography.Title level={5} className="bz-subtitle">
                    领导职数核定记录
                  </Typography.Title>
                  <Table<PostRow>
                    scroll={{ x: 'max-content' }}
                    size="small"
                    bordered
                    rowKey="id"
                    columns={postColumns}
                    dataSource={posts}
                    pagination={posts.length > 20 ? { pageSize: 20 } : false}
                    rowClassName={(row) => (row.retracted ? 'bz-retracted-row' : '')}
                    locale={{ emptyText: '暂无领导职数核定记录' }}
                  />
                </>
              ),
            },
            {
              key: 'history',
              label: `机构沿革（${String(history.length)}）`,
              children: (
                <Table<HistoryRow>
                  size="small"
                  bordered
                  rowKey={(row) => `${row.validFrom}-${row.recordedAt}-${row.changeKind}`}
                  columns={historyColumns}
                  dataSource={history}
                  pagination={history.length > 20 ? { pageSize: 20 } : false}
                  rowClassName={(row) => (row.retracted ? 'bz-retracted-row' : '')}
                  locale={{ emptyText: '暂无沿革记录' }}
                  scroll={{ x: 900 }}
                />
              ),
            },
            ...(ownRegion ? [{ key: 'people', label: '人员', children: <UnitPeople unit={unit} /> }] : []),
            {
              key: 'children',
              label: `下属机构（${String(unit.children.length)}）`,
              children:
                unit.children.length > 0 ? (
                  <Table<Child>
                    scroll={{ x: 'max-content' }}
                    size="small"
                    bordered
                    rowKey="id"
                    columns={childColumns}
                    dataSource={unit.children}
                    pagination={unit.children.length > 20 ? { pageSize: 20 } : false}
                  />
                ) : (
                  <EmptyState text="暂无下属机构" />
                ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
