import { CopyOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Drawer, Row, Space, Spin, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { getWorkStatistics } from '../../api/audit.ts';
import type {
  QuotaAddedRow,
  TownshipUnitRow,
  WorkFigureRow,
  WorkMatterRow,
  WorkStatistics,
} from '../../api/audit.ts';
import { ApiError, errorMessage } from '../../api/index.ts';
import { useCurrentUser, useSession } from '../../app/session.tsx';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { CategoryTag } from '../../components/tags.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { copyText } from '../../lib/clipboard.ts';
import { dash, formatNumber, isDateString, todayInChina } from '../../lib/format.ts';
import { regionPath } from '../../lib/regions.ts';
import './work.css';

/** The seed report counts "2022年以来". */
const DEFAULT_FROM = '2022-01-01';

/** The period, kept in the URL as ?from=YYYY-MM-DD&to=YYYY-MM-DD. */
function usePeriod(): [{ from: string; to: string }, (from: string, to: string) => void] {
  const [params, setParams] = useSearchParams();
  const today = todayInChina();
  const rawFrom = params.get('from');
  const rawTo = params.get('to');
  let from = isDateString(rawFrom) ? rawFrom : DEFAULT_FROM;
  let to = isDateString(rawTo) ? rawTo : today;
  if (from > to) [from, to] = [to, from];
  const set = (nextFrom: string, nextTo: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('from', nextFrom);
        next.set('to', nextTo);
        return next;
      },
      { replace: true },
    );
  return [{ from, to }, set];
}

function rangePresets(today: string): { label: string; value: [Dayjs, Dayjs] }[] {
  const end = dayjs(today);
  const year = end.year();
  return [
    { label: '2022年以来', value: [dayjs(DEFAULT_FROM), end] },
    { label: '今年以来', value: [dayjs(`${String(year)}-01-01`), end] },
    {
      label: `${String(year - 1)}年`,
      value: [dayjs(`${String(year - 1)}-01-01`), dayjs(`${String(year - 1)}-12-31`)],
    },
    { label: '近12个月', value: [end.subtract(12, 'month').add(1, 'day'), end] },
  ];
}

const matterColumns = (onNavigate: () => void, showDecided: boolean): TableColumnsType<WorkMatterRow> => [
  {
    title: '事项',
    dataIndex: 'title',
    render: (title: string, row) =>
      row.historical ? (
        <span>{title}</span>
      ) : (
        <Link to={`/matters/${String(row.matterId)}`} onClick={onNavigate}>
          {title}
        </Link>
      ),
  },
  { title: '批准文号', dataIndex: 'docNo', width: 200, render: (v: string | null) => dash(v) },
  ...(showDecided
    ? [{ title: '决定日期', dataIndex: 'decidedOn', width: 104, render: (v: string | null) => dash(v) }]
    : []),
  { title: '生效日期', dataIndex: 'effectiveOn', width: 104, render: (v: string | null) => dash(v) },
];

const townshipColumns = (onNavigate: () => void): TableColumnsType<TownshipUnitRow> => [
  {
    title: '机构编码',
    dataIndex: 'unitCode',
    width: 120,
    render: (v: string) => <span className="bz-mono">{v}</span>,
  },
  {
    title: '机构名称',
    dataIndex: 'unitName',
    render: (name: string, row) => (
      <Link to={`/units/${String(row.unitId)}`} onClick={onNavigate}>
        {name}
      </Link>
    ),
  },
  {
    title: '机构类别',
    dataIndex: 'category',
    width: 110,
    render: (v: string) => <CategoryTag category={v} small />,
  },
  {
    title: '行政编制',
    dataIndex: 'administrative',
    width: 88,
    align: 'right',
    render: (v: number) => formatNumber(v),
  },
  {
    title: '事业编制',
    dataIndex: 'institution',
    width: 88,
    align: 'right',
    render: (v: number) => formatNumber(v),
  },
  {
    title: '合计',
    key: 'total',
    width: 80,
    align: 'right',
    render: (_: unknown, row) => formatNumber(row.administrative + row.institution),
  },
];

function TownshipTable({ rows, onNavigate }: { rows: readonly TownshipUnitRow[]; onNavigate: () => void }) {
  const administrative = rows.reduce((sum, r) => sum + r.administrative, 0);
  const institution = rows.reduce((sum, r) => sum + r.institution, 0);
  return (
    <Table<TownshipUnitRow>
      scroll={{ x: 'max-content' }}
      size="small"
      bordered
      rowKey="unitId"
      columns={townshipColumns(onNavigate)}
      dataSource={[...rows]}
      pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      locale={{ emptyText: '统计期末没有乡镇、街道及其所属事业单位的编制' }}
      summary={() =>
        rows.length > 0 ? (
          <Table.Summary.Row className="bz-total-row">
            <Table.Summary.Cell index={0} colSpan={3}>
              合计（{rows.length} 个机构）
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">
              {formatNumber(administrative)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right">
              {formatNumber(institution)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={5} align="right">
              {formatNumber(administrative + institution)}
            </Table.Summary.Cell>
          </Table.Summary.Row>
        ) : null
      }
    />
  );
}

/** Figures counted from decisions rather than implementations also show the decision date. */
const DECIDED_FIGURES: ReadonlySet<string> = new Set(['recruitmentPlaces', 'freeNormalStudents']);

function WorkDrillDrawer({
  stats,
  figure,
  onClose,
}: {
  stats: WorkStatistics['stats'];
  figure: WorkFigureRow | null;
  onClose: () => void;
}) {
  return (
    <Drawer
      open={figure !== null}
      onClose={onClose}
      size="min(960px, 96vw)"
      destroyOnHidden
      title={
        figure ? (
          <span data-testid="work-drill-title">
            {figure.label}：{formatNumber(figure.value)}
            {figure.measure}
          </span>
        ) : null
      }
      data-testid="work-drill"
    >
      {figure ? (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            统计期：{stats.from} 至 {stats.to}
            <br />
            口径：{figure.definition}
          </Typography.Paragraph>
          <div data-testid="work-drill-table">
            {figure.drill === 'units' ? (
              <TownshipTable rows={stats.townshipUnits} onNavigate={onClose} />
            ) : (
              <Table<WorkMatterRow>
                scroll={{ x: 'max-content' }}
                size="small"
                bordered
                rowKey="matterId"
                columns={matterColumns(onClose, DECIDED_FIGURES.has(figure.key))}
                dataSource={figure.matters}
                pagination={figure.matters.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
                locale={{ emptyText: '统计期内没有计入此数字的事项' }}
              />
            )}
          </div>
        </Space>
      ) : null}
    </Drawer>
  );
}

function FigureButton({ figure, onOpen }: { figure: WorkFigureRow; onOpen: () => void }) {
  return (
    <button
      type="button"
      className="bz-figure-link"
      data-testid={`work-figure-${figure.key}`}
      title={figure.drill === 'units' ? '查看计入此数字的乡镇机构' : '查看计入此数字的事项'}
      onClick={onOpen}
    >
      {formatNumber(figure.value)}
    </button>
  );
}

const quotaAddedColumns = (): TableColumnsType<QuotaAddedRow> => [
  {
    title: '单位',
    dataIndex: 'unitName',
    render: (name: string, row) => <Link to={`/units/${String(row.unitId)}`}>{name}</Link>,
  },
  { title: '编制类型', dataIndex: 'quotaType', width: 110 },
  {
    title: '核增数',
    dataIndex: 'amount',
    width: 76,
    align: 'right',
    render: (v: number) => formatNumber(v),
  },
  {
    title: '依据事项',
    dataIndex: 'matters',
    render: (matters: WorkMatterRow[]) => (
      <span className="bz-work-matter-list">
        {matters.map((m) =>
          m.historical ? (
            <span key={m.matterId} title={m.title}>
              {m.docNo ?? m.title}
            </span>
          ) : (
            <Link key={m.matterId} to={`/matters/${String(m.matterId)}`} title={m.title}>
              {m.docNo ?? m.title}
            </Link>
          ),
        )}
      </span>
    ),
  },
];

export function WorkStatisticsPage() {
  const me = useCurrentUser();
  const { message } = App.useApp();
  const { regionCode, regionById } = useSession();
  const [period, setPeriod] = usePeriod();
  const [open, setOpen] = useState<string | null>(null);
  const liaison = me.user.role === 'liaison';

  const work = useAsync(
    regionCode && !liaison ? () => getWorkStatistics(regionCode, period.from, period.to) : null,
    [regionCode, period.from, period.to, liaison],
  );
  const data = work.data;
  const stats = data?.stats;
  const openFigure = stats?.figures.find((f) => f.key === open) ?? null;

  if (regionCode === null) return null;

  if (liaison) {
    return (
      <PageContainer title="工作统计">
        <EmptyState text="工作统计按全县统计，部门联络员不能查看。" />
      </PageContainer>
    );
  }

  const copy = async () => {
    if (!data) return;
    try {
      await copyText(data.text);
      void message.success('工作统计文字已复制到剪贴板');
    } catch (error) {
      void message.error(errorMessage(error));
    }
  };

  const figureColumns: TableColumnsType<WorkFigureRow> = [
    { title: '指标', dataIndex: 'label', width: 240 },
    {
      title: '数值',
      dataIndex: 'value',
      width: 96,
      align: 'right',
      render: (_: unknown, row) => (
        <span className="bz-nowrap">
          <FigureButton figure={row} onOpen={() => setOpen(row.key)} />
          <span className="bz-work-measure">{row.measure}</span>
        </span>
      ),
    },
    {
      title: '定义',
      dataIndex: 'definition',
      render: (v: string) => <span className="bz-work-definition">{v}</span>,
    },
  ];

  const forbidden = work.error instanceof ApiError && work.error.status === 403;
  const today = todayInChina();
  const paragraphs = data ? data.text.split('\n').filter((line) => line.trim() !== '') : [];
  const quotasAdded = stats?.quotasAddedByUnit ?? [];
  const quotasAddedTotal = quotasAdded.reduce((sum, l) => sum + l.amount, 0);

  return (
    <PageContainer
      title="工作统计"
      subTitle={
        stats ? `${stats.regionName} · ${stats.from} 至 ${stats.to}` : regionPath(regionById, regionCode)
      }
      extra={
        <Space size={6} data-testid="work-range" data-from={period.from} data-to={period.to}>
          <span className="bz-muted">统计期</span>
          <DatePicker.RangePicker
            size="small"
            allowClear={false}
            value={[dayjs(period.from), dayjs(period.to)]}
            presets={rangePresets(today)}
            disabledDate={(d) => d.isAfter(dayjs(today), 'day')}
            onChange={(dates) => {
              const [start, end] = dates ?? [];
              if (start && end) setPeriod(start.format('YYYY-MM-DD'), end.format('YYYY-MM-DD'));
            }}
            style={{ width: 240 }}
          />
        </Space>
      }
    >
      {work.error ? (
        <ErrorAlert
          title={forbidden ? '无权查看工作统计' : '工作统计加载失败'}
          error={work.error}
          onRetry={forbidden ? undefined : work.reload}
        />
      ) : null}
      {data && stats ? (
        <Spin spinning={work.loading} description="正在统计…">
          <Row gutter={[12, 12]}>
            <Col xs={24} xl={14}>
              <Card
                size="small"
                title="工作开展情况（报告第二部分）"
                extra={
                  <Button
                    size="small"
                    icon={<CopyOutlined />}
                    onClick={() => void copy()}
                    data-testid="work-copy"
                  >
                    复制文字
                  </Button>
                }
              >
                <Typography.Paragraph type="secondary" className="bz-doc-hint">
                  文字按统计期内已实施（招考计划为已决定）的事项自动生成，只陈述数据能证明的内容；定性表述请撰稿人补充。
                </Typography.Paragraph>
                <div className="bz-doc" data-testid="work-text">
                  {paragraphs.map((line, index) => (
                    <p key={index} className="bz-doc-p">
                      {line}
                    </p>
                  ))}
                </div>
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card
                size="small"
                title={
                  <span>
                    核增明细{' '}
                    <span className="bz-muted">
                      （共 {formatNumber(quotasAddedTotal)} 名，{quotasAdded.length} 项）
                    </span>
                  </span>
                }
              >
                <div data-testid="work-quotas-added">
                  <Table<QuotaAddedRow>
                    scroll={{ x: 'max-content' }}
                    size="small"
                    bordered
                    rowKey={(row) => `${String(row.unitId)}|${row.quotaType}`}
                    columns={quotaAddedColumns()}
                    dataSource={quotasAdded}
                    pagination={quotasAdded.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
                    locale={{ emptyText: '统计期内没有实施编制核增' }}
                  />
                </div>
              </Card>
            </Col>
            <Col span={24}>
              <Card size="small" title="指标与口径">
                <Typography.Paragraph type="secondary" className="bz-doc-hint">
                  点击数值可查看计入该数字的事项；乡镇编制总量列出统计期末的乡镇机构。
                </Typography.Paragraph>
                <div data-testid="work-figures">
                  <Table<WorkFigureRow>
                    size="small"
                    bordered
                    rowKey="key"
                    columns={figureColumns}
                    dataSource={stats.figures}
                    pagination={false}
                    scroll={{ x: 760 }}
                  />
                </div>
              </Card>
            </Col>
          </Row>
          <WorkDrillDrawer stats={stats} figure={openFigure} onClose={() => setOpen(null)} />
        </Spin>
      ) : work.loading ? (
        <Loading text="正在统计…" />
      ) : null}
    </PageContainer>
  );
}
