import { WarningOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Row, Spin, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { getOverview, getReportHistory, getUnitFigures } from '../../api/index.ts';
import type { HistoryResponse, OverviewResponse, QuotaFigure, UnitFiguresResponse } from '../../api/index.ts';
import { useCurrentUser, useSession } from '../../app/session.tsx';
import { AsOfPicker, useAsOf } from '../../components/AsOfPicker.tsx';
import { EChart, type ChartOption } from '../../components/EChart.tsx';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { realVacant, sortFigures, SUB_TYPE, totalFigure } from '../../lib/figures.ts';
import { formatNumber } from '../../lib/format.ts';
import { useAsync, type AsyncState } from '../../hooks/useAsync.ts';
import {
  categoryPieOption,
  categoryStackOption,
  historyLineOption,
  quotaBarOption,
  sumUnitFigures,
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
  { key: 'vacant', label: '空编', hint: '核定 − 实有（不小于0）' },
  { key: 'over', label: '超编', hint: '实有 − 核定（不小于0），逐机构计算' },
  { key: 'pending', label: '待入编', hint: '已批准、尚未入编的人数' },
  { key: 'realVacant', label: '实际空编', hint: '核定 − 实有 − 待入编（不小于0）' },
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

function metricsOf(figure: QuotaFigure): Metrics {
  return {
    approved: figure.approved,
    actual: figure.actual,
    vacant: figure.vacant,
    over: figure.over,
    pending: figure.pending,
    realVacant: realVacant(figure),
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
}: {
  data: OverviewResponse;
  unitFigures: AsyncState<UnitFiguresResponse> | null;
  history: AsyncState<HistoryResponse> | null;
}) {
  const figures = useMemo(() => sortFigures(data.figures), [data.figures]);
  const pieOption = useMemo(() => categoryPieOption(data.unitsByCategory), [data.unitsByCategory]);
  const unitCount = data.unitsByCategory.reduce((sum, c) => sum + c.count, 0);
  const units = unitFigures?.data?.units;
  // 核定与实有 by type: from the per-unit figures when the user may read them, else from the overview.
  const typeFigures = useMemo(() => (units ? sumUnitFigures(units) : data.figures), [units, data.figures]);
  const barOption = useMemo(() => quotaBarOption(typeFigures), [typeFigures]);
  const stackOption = useMemo(() => (units ? categoryStackOption(units) : null), [units]);
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
      <div className="bz-figure-grid" data-testid="overview-figures">
        <FigureCard title="合计（行政＋事业＋聘用）" metrics={totalFigure(data.figures)} highlight />
        {figures.map((figure) => (
          <FigureCard
            key={figure.quotaType}
            title={figure.quotaType === SUB_TYPE ? `其中：${figure.quotaType}` : figure.quotaType}
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
        {unitFigures ? (
          <Col xs={24} xl={12}>
            <ChartCard
              title="核定与实有（按机构类别）"
              state={unitFigures}
              empty="暂无编制数据"
              render={() =>
                stackOption && units && hasQuota(sumUnitFigures(units))
                  ? { option: stackOption, ariaLabel: '按机构类别的核定与实有堆叠柱状图' }
                  : null
              }
            />
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
            title={`机构数量（按类别，共 ${String(unitCount)} 个）`}
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
  const { regionCode } = useSession();
  const [asOf, setAsOf] = useAsOf();
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

  return (
    <PageContainer
      title="首页"
      subTitle={data ? `${data.regionName} · 截至 ${data.asOf}` : undefined}
      extra={<AsOfPicker value={asOf} onChange={setAsOf} />}
    >
      {overview.error ? <ErrorAlert error={overview.error} onRetry={overview.reload} /> : null}
      {data ? (
        <Spin spinning={overview.loading} description="正在更新…">
          <Overview
            data={data}
            unitFigures={readsReports ? unitFigures : null}
            history={readsReports ? history : null}
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
