import { WarningOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Row, Segmented, Space, Spin, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { getCountiesReport, getOverview, getReportHistory, getUnitFigures } from '../../api/index.ts';
import type {
  CountiesResponse,
  HistoryResponse,
  OverviewResponse,
  QuotaFigure,
  UnitFiguresResponse,
} from '../../api/index.ts';
import { useCurrentUser, useSession } from '../../app/session.tsx';
import { AsOfPicker, useAsOf } from '../../components/AsOfPicker.tsx';
import { EChart, type ChartOption } from '../../components/EChart.tsx';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { coverageText } from '../../lib/coverage.ts';
import { sortFigures, SUB_TYPE } from '../../lib/figures.ts';
import { CountiesTable } from '../reports/CountiesTable.tsx';
import { formatNumber } from '../../lib/format.ts';
import { useAsync, type AsyncState } from '../../hooks/useAsync.ts';
import {
  categoryPieOption,
  categoryStackOption,
  countiesBarOption,
  historyLineOption,
  quotaBarOption,
  topUnitsOption,
} from './charts.ts';

interface Metrics {
  approved: number;
  actual: number;
  vacant: number;
  over: number;
  pending: number;
  realVacant: number;
}

const METRICS: { key: keyof Metrics; label: string; hint: string }[] = [
  { key: 'approved', label: '核定', hint: '统计日期现行的核定编制数' },
  { key: 'actual', label: '实有', hint: '统计日期在编人数' },
  { key: 'vacant', label: '空编', hint: '逐机构计算 核定 − 实有（不小于0）后求和' },
  { key: 'over', label: '超编', hint: '实有 − 核定（不小于0），逐机构计算' },
  { key: 'pending', label: '待入编', hint: '已批准、尚未入编的人数' },
  {
    key: 'realVacant',
    label: '实际空编',
    hint: '逐机构、逐编制类型计算 核定 − 实有 − 待入编（不小于0）后求和，与统计报表一致',
  },
];

function FigureCard({ title, metrics, highlight }: { title: string; metrics: Metrics; highlight?: boolean }) {
  return (
    <Card
      size="small"
      title={title}
      className={highlight ? 'bz-figure-card bz-figure-card-total' : 'bz-figure-card'}
    >
      <div className="bz-metrics">
        {METRICS.map((metric) => {
          const value = metrics[metric.key];
          const danger = metric.key === 'over' && value > 0;
          return (
            <Tooltip key={metric.key} title={metric.hint}>
              <div className={danger ? 'bz-metric bz-metric-danger' : 'bz-metric'}>
                <div className="bz-metric-label">{metric.label}</div>
                <div className="bz-metric-value">{formatNumber(value)}</div>
              </div>
            </Tooltip>
          );
        })}
      </div>
    </Card>
  );
}

/** The server's figures as they are: nothing is re-derived here. */
function metricsOf(figure: Omit<QuotaFigure, 'quotaType'>): Metrics {
  return {
    approved: figure.approved,
    actual: figure.actual,
    vacant: figure.vacant,
    over: figure.over,
    pending: figure.pending,
    realVacant: figure.realVacant,
  };
}

type OverUnit = OverviewResponse['overQuotaUnits'][number];

const overColumns: TableColumnsType<OverUnit> = [
  {
    title: '机构名称',
    dataIndex: 'name',
    render: (name: string, row) => <Link to={`/units/${String(row.id)}`}>{name}</Link>,
  },
  { title: '编制类型', dataIndex: 'quotaType', width: 140 },
  {
    title: '超编人数',
    dataIndex: 'over',
    width: 100,
    align: 'right',
    sorter: (a, b) => a.over - b.over,
    defaultSortOrder: 'descend',
    render: (over: number) => (
      <Typography.Text type="danger" strong>
        {formatNumber(over)}
      </Typography.Text>
    ),
  },
];

/** A chart card that waits for its own data. */
function ChartCard<T>({
  title,
  state,
  height = 300,
  render,
  empty,
}: {
  title: string;
  state: AsyncState<T>;
  height?: number;
  render: (data: T) => { option: ChartOption; ariaLabel: string } | null;
  empty: string;
}) {
  let body;
  if (state.error) {
    body = <ErrorAlert error={state.error} onRetry={state.reload} />;
  } else if (state.data === undefined) {
    body = <Loading />;
  } else {
    const chart = render(state.data);
    body = chart ? (
      <EChart option={chart.option} ariaLabel={chart.ariaLabel} style={{ height }} />
    ) : (
      <EmptyState text={empty} />
    );
  }
  return (
    <Card size="small" title={title} className="bz-chart-card">
      {body}
    </Card>
  );
}

function Overview({
  data,
  unitFigures,
  history,
  counties,
}: {
  data: OverviewResponse;
  unitFigures: AsyncState<UnitFiguresResponse> | null;
  history: AsyncState<HistoryResponse> | null;
  counties: AsyncState<CountiesResponse> | null;
}) {
  const figures = useMemo(() => sortFigures(data.figures), [data.figures]);
  const pieOption = useMemo(() => categoryPieOption(data.unitsByCategory), [data.unitsByCategory]);
  const unitCount = data.unitCount;
  const units = unitFigures?.data?.units;
  const typeFigures = data.figures;
  const barOption = useMemo(() => quotaBarOption(typeFigures), [typeFigures]);
  const stackOption = useMemo(() => categoryStackOption(data.unitsByCategory), [data.unitsByCategory]);
  const summed = data.level !== 'county';
  const wide = summed ? data.wideWord : '';
  const topOption = useMemo(() => (units ? topUnitsOption(units) : null), [units]);
  const years = history?.data;
  const historyOption = useMemo(() => (years ? historyLineOption(years) : null), [years]);
  const hasQuota = (list: readonly { approved: number; actual: number }[]) =>
    list.some((u) => u.approved > 0 || u.actual > 0);

  return (
    <>
      {data.overQuotaUnits.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          icon={<WarningOutlined />}
          title={`截至 ${data.asOf}，共有 ${String(data.overQuotaUnits.length)} 处机构超编，请核实处理。`}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {summed ? (
        <Alert
          type={data.counties.some((c) => !c.hasData) ? 'warning' : 'info'}
          showIcon
          data-testid="county-coverage"
          title={coverageText(data.regionName, data.counties)}
          description={`以下${wide}数字为已有数据的县（市、区）之和，不含市级机构。`}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <div className="bz-figure-grid" data-testid="overview-figures">
        <FigureCard title={`${wide}合计（行政＋事业＋聘用）`} metrics={metricsOf(data.total)} highlight />
        {figures.map((figure) => (
          <FigureCard
            key={figure.quotaType}
            title={figure.quotaType === SUB_TYPE ? `其中：${figure.quotaType}` : `${wide}${figure.quotaType}`}
            metrics={metricsOf(figure)}
          />
        ))}
      </div>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }} data-testid="home-charts">
        <Col xs={24} xl={12}>
          <Card size="small" title="编制与实有（按编制类型）" className="bz-chart-card">
            {hasQuota(typeFigures) ? (
              <EChart option={barOption} ariaLabel="编制与实有柱状图" />
            ) : (
              <EmptyState text="暂无编制数据" />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title="核定与实有（按机构类别）" className="bz-chart-card">
            {hasQuota(typeFigures) ? (
              <EChart option={stackOption} ariaLabel="按机构类别的核定与实有堆叠柱状图" />
            ) : (
              <EmptyState text="暂无编制数据" />
            )}
          </Card>
        </Col>
        {counties ? (
          <Col span={24}>
            <ChartCard
              title="各县（市、区）对比：核定、实有与实际空编"
              state={counties}
              empty="下辖县（市、区）暂无数据"
              render={(c) =>
                c.counties.some((x) => x.hasData)
                  ? { option: countiesBarOption(c), ariaLabel: '各县核定与实有对比柱状图' }
                  : null
              }
            />
          </Col>
        ) : null}
        {counties?.data ? (
          <Col span={24}>
            <Card size="small" title="各县（市、区）主要数字对比" data-testid="home-counties">
              <CountiesTable data={counties.data} />
            </Card>
          </Col>
        ) : null}
        {unitFigures ? (
          <Col xs={24} xl={14}>
            <ChartCard
              title="核定与实有（核定编制最多的 15 个单位，超编标红）"
              state={unitFigures}
              height={440}
              empty="暂无编制数据"
              render={() =>
                topOption && units && units.some((u) => u.figures.some((f) => f.approved > 0))
                  ? { option: topOption, ariaLabel: '各单位核定与实有条形图' }
                  : null
              }
            />
          </Col>
        ) : null}
        {history ? (
          <Col xs={24} xl={10}>
            <ChartCard
              title="历年编制与实有（年末数）"
              state={history}
              height={440}
              empty="暂无历年数据"
              render={(h) =>
                historyOption && h.years.length > 0
                  ? { option: historyOption, ariaLabel: '历年编制与实有折线图' }
                  : null
              }
            />
          </Col>
        ) : null}
        <Col xs={24} xl={unitFigures ? 10 : 12}>
          <Card
            size="small"
            title={
              <Tooltip title={data.unitBasis}>
                <span data-testid="unit-count">{`机构数量（按类别，共 ${String(unitCount)} 个）`}</span>
              </Tooltip>
            }
            extra={<span className="bz-muted">{data.unitBasis}</span>}
            className="bz-chart-card"
          >
            {unitCount > 0 ? (
              <EChart option={pieOption} ariaLabel="机构类别饼图" />
            ) : (
              <EmptyState text="暂无机构数据" />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={unitFigures ? 14 : 24}>
          <Card
            size="small"
            className="bz-chart-card"
            title={
              <span>
                超编机构 <span className="bz-muted">（{data.overQuotaUnits.length}）</span>
              </span>
            }
          >
            <Table<OverUnit>
              scroll={{ x: 'max-content' }}
              size="small"
              rowKey={(row) => `${String(row.id)}-${row.quotaType}`}
              columns={overColumns}
              dataSource={data.overQuotaUnits}
              pagination={data.overQuotaUnits.length > 8 ? { pageSize: 8, showSizeChanger: false } : false}
              locale={{ emptyText: <EmptyState text="暂无超编机构" /> }}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}

export function HomePage() {
  const me = useCurrentUser();
  const { regionCode: countyCode, regionById } = useSession();
  const [asOf, setAsOf] = useAsOf();
  // A city or province user sees the sum over their counties first, and may look at one county.
  const ownLevel = regionById.get(me.user.regionCode)?.level;
  const above = ownLevel === 'city' || ownLevel === 'province';
  const [whole, setWhole] = useState(true);
  const regionCode = above && whole ? me.user.regionCode : countyCode;
  // The 三员 read no business data: their home page has no figures.
  const readsLedger = me.permissions.readLedger;
  const overview = useAsync(regionCode && readsLedger ? () => getOverview(regionCode, asOf) : null, [
    regionCode,
    asOf,
    readsLedger,
  ]);
  // A 部门联络员 sees only their unit: the county-wide report figures are not for them.
  const readsReports = me.permissions.readReports;
  const unitFigures = useAsync(regionCode && readsReports ? () => getUnitFigures(regionCode, asOf) : null, [
    regionCode,
    asOf,
    readsReports,
  ]);
  const history = useAsync(regionCode && readsReports ? () => getReportHistory(regionCode) : null, [
    regionCode,
    readsReports,
  ]);
  const data = overview.data;
  const summed = data !== undefined && data.level !== 'county';
  const counties = useAsync(
    regionCode && readsReports && summed ? () => getCountiesReport(regionCode, asOf) : null,
    [regionCode, asOf, readsReports, summed],
  );
  // A 部门联络员's home page is about his units, not the county.
  const subject = data?.ownUnit ? `${data.ownUnit.name}（含下属机构）` : data?.regionName;

  return (
    <PageContainer
      title={data?.ownUnit ? `首页 · ${data.ownUnit.name}` : '首页'}
      subTitle={data ? `${subject ?? ''} · 截至 ${data.asOf}` : undefined}
      extra={
        <Space wrap>
          {above ? (
            <Segmented
              data-testid="home-scope"
              value={whole ? 'whole' : 'county'}
              onChange={(value) => setWhole(value === 'whole')}
              options={[
                { value: 'whole', label: `${regionById.get(me.user.regionCode)?.name ?? ''}汇总` },
                {
                  value: 'county',
                  label: `当前县：${countyCode ? (regionById.get(countyCode)?.name ?? '') : ''}`,
                },
              ]}
            />
          ) : null}
          <AsOfPicker value={asOf} onChange={setAsOf} />
        </Space>
      }
    >
      {overview.error ? <ErrorAlert error={overview.error} onRetry={overview.reload} /> : null}
      {data ? (
        <Spin spinning={overview.loading} description="正在更新…">
          <Overview
            data={data}
            unitFigures={readsReports ? unitFigures : null}
            history={readsReports ? history : null}
            counties={readsReports && summed ? counties : null}
          />
        </Spin>
      ) : overview.loading ? (
        <Loading />
      ) : null}
      {readsLedger ? null : (
        <Alert
          type="info"
          showIcon
          title={`${me.user.roleLabel}不查看业务数据`}
          description="请从左侧菜单进入本角色的功能（用户管理、审计日志等）。"
        />
      )}
    </PageContainer>
  );
}
