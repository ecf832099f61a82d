import { WarningOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Row, Spin, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { getOverview } from '../../api/index.ts';
import type { OverviewResponse, QuotaFigure } from '../../api/index.ts';
import { useSession } from '../../app/session.tsx';
import { AsOfPicker, useAsOf } from '../../components/AsOfPicker.tsx';
import { EChart } from '../../components/EChart.tsx';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { realVacant, sortFigures, SUB_TYPE, totalFigure } from '../../lib/figures.ts';
import { formatNumber } from '../../lib/format.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { categoryPieOption, quotaBarOption } from './charts.ts';

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

function Overview({ data }: { data: OverviewResponse }) {
  const figures = useMemo(() => sortFigures(data.figures), [data.figures]);
  const barOption = useMemo(() => quotaBarOption(data.figures), [data.figures]);
  const pieOption = useMemo(() => categoryPieOption(data.unitsByCategory), [data.unitsByCategory]);
  const unitCount = data.unitsByCategory.reduce((sum, c) => sum + c.count, 0);

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
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} xl={14}>
          <Card size="small" title="核定与实有（按编制类型）">
            {figures.length > 0 ? (
              <EChart option={barOption} ariaLabel="核定与实有柱状图" />
            ) : (
              <EmptyState text="暂无编制数据" />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={`机构数量（按类别，共 ${String(unitCount)} 个）`}>
            {unitCount > 0 ? (
              <EChart option={pieOption} ariaLabel="机构类别饼图" />
            ) : (
              <EmptyState text="暂无机构数据" />
            )}
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        title={
          <span>
            超编机构 <span className="bz-muted">（{data.overQuotaUnits.length}）</span>
          </span>
        }
        style={{ marginTop: 12 }}
      >
        <Table<OverUnit>
          size="small"
          rowKey={(row) => `${String(row.id)}-${row.quotaType}`}
          columns={overColumns}
          dataSource={data.overQuotaUnits}
          pagination={data.overQuotaUnits.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
          locale={{ emptyText: <EmptyState text="暂无超编机构" /> }}
        />
      </Card>
    </>
  );
}

export function HomePage() {
  const { regionCode } = useSession();
  const [asOf, setAsOf] = useAsOf();
  const overview = useAsync(regionCode ? () => getOverview(regionCode, asOf) : null, [regionCode, asOf]);
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
          <Overview data={data} />
        </Spin>
      ) : overview.loading ? (
        <Loading />
      ) : null}
    </PageContainer>
  );
}
