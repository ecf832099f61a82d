// 人口与编制 (domain.md §1; the report's section 三 (1) "我县目前人口为32.2万，较2010年增长47.36%，
// 但编制却没有增加，目前有些单位编制只有3—5名"): population against the total quota over the years,
// growth since a base year, quota per 10,000 residents by township and by county, and the units
// whose whole establishment is only a few posts.
import { CopyOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  InputNumber,
  Row,
  Segmented,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/index.ts';
import {
  DEFAULT_BASE_YEAR,
  DEFAULT_THRESHOLD,
  getPopulation,
  type CountyPopulation,
  type PopulationResponse,
  type PopulationYear,
  type SmallUnit,
  type TownshipPopulation,
} from '../../api/population.ts';
import { useCurrentUser, useSession } from '../../app/session.tsx';
import { EChart } from '../../components/EChart.tsx';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { copyText } from '../../lib/clipboard.ts';
import { formatNumber } from '../../lib/format.ts';
import { countiesOption, populationQuotaOption, townshipOption } from './charts.ts';

const per10k = (v: number | null) => (v === null ? '—' : v.toFixed(1));
const percent = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)}%`);
const signed = (v: number | null) => (v === null ? '—' : v > 0 ? `+${formatNumber(v)}` : formatNumber(v));

const townshipColumns: TableColumnsType<TownshipPopulation> = [
  { title: '机构编码', dataIndex: 'unitCode', width: 110 },
  { title: '乡镇（街道）', dataIndex: 'name' },
  { title: '年份', key: 'year', width: 80, render: (_, w) => w.latest?.year ?? '—' },
  {
    title: '常住人口',
    key: 'population',
    align: 'right',
    render: (_, w) => (w.latest ? formatNumber(w.latest.population) : '—'),
  },
  {
    title: '编制（行政+事业，含所属事业单位）',
    key: 'quota',
    align: 'right',
    render: (_, w) => (w.latest ? formatNumber(w.latest.quota) : '—'),
  },
  {
    title: '每万人编制',
    key: 'per10k',
    align: 'right',
    render: (_, w) => per10k(w.latest?.quotaPer10k ?? null),
  },
];

const countyColumns: TableColumnsType<CountyPopulation> = [
  { title: '县（市、区）', dataIndex: 'name' },
  {
    title: '常住人口',
    key: 'population',
    align: 'right',
    render: (_, c) => (c.latest ? `${formatNumber(c.latest.population)}（${String(c.latest.year)}）` : '—'),
  },
  { title: '人口增长', key: 'growth', align: 'right', render: (_, c) => percent(c.growthPercent) },
  {
    title: '编制总量',
    key: 'quota',
    align: 'right',
    render: (_, c) => (c.latest ? formatNumber(c.latest.quota) : '—'),
  },
  { title: '编制变化', key: 'change', align: 'right', render: (_, c) => signed(c.quotaChange) },
  { title: '每万人编制', key: 'per10k', align: 'right', render: (_, c) => per10k(c.quotaPer10k) },
];

function smallUnitColumns(multiCounty: boolean): TableColumnsType<SmallUnit> {
  return [
    ...(multiCounty ? [{ title: '县（市、区）', dataIndex: 'countyName' as const, width: 120 }] : []),
    { title: '机构编码', dataIndex: 'unitCode', width: 110 },
    { title: '机构名称', dataIndex: 'name' },
    { title: '机构类别', dataIndex: 'category', width: 120 },
    { title: '行政编制', dataIndex: 'adminQuota', align: 'right', width: 90 },
    { title: '事业编制', dataIndex: 'institutionQuota', align: 'right', width: 90 },
    { title: '聘用编制', dataIndex: 'contractQuota', align: 'right', width: 90 },
    { title: '合计', dataIndex: 'total', align: 'right', width: 80 },
  ];
}

function yearsLabel(years: readonly PopulationYear[]): string {
  return years.map((y) => String(y.year)).join('、');
}

function PopulationBody({
  data,
  threshold,
  onThreshold,
}: {
  data: PopulationResponse;
  threshold: number;
  onThreshold: (value: number) => void;
}) {
  const { message } = App.useApp();
  const s = data.summary;
  const multiCounty = data.counties.length > 1;
  const townships = data.counties.flatMap((c) => c.townships);

  const copy = async () => {
    if (data.sentence === null) return;
    try {
      await copyText(data.sentence);
      void message.success('已复制到剪贴板');
    } catch (error) {
      void message.error(errorMessage(error));
    }
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small" title="报告文字">
        {data.sentence === null ? (
          <Typography.Text type="secondary" data-testid="population-sentence">
            缺少{String(data.baseYear)}年或最近年份的常住人口数据，无法生成报告文字。
            {s.years.length > 0 ? `已有年份：${yearsLabel(s.years)}` : ''}
          </Typography.Text>
        ) : (
          <Space align="start">
            <Typography.Paragraph style={{ margin: 0 }} data-testid="population-sentence">
              {data.sentence}
            </Typography.Paragraph>
            <Button size="small" icon={<CopyOutlined />} onClick={() => void copy()}>
              复制
            </Button>
          </Space>
        )}
      </Card>

      <Row gutter={[12, 12]}>
        <Col xs={24} sm={12} lg={6}>
          <Card size="small">
            <Statistic
              title={`常住人口${s.latest ? `（${String(s.latest.year)}年）` : ''}`}
              value={s.latest ? (s.latest.population / 10_000).toFixed(1) : '—'}
              suffix="万人"
            />
          </Card>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Card size="small">
            <div data-testid="population-growth">
              <Statistic title={`较${String(data.baseYear)}年人口增长`} value={percent(s.growthPercent)} />
            </div>
          </Card>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Card size="small">
            <Statistic
              title={`编制总量变化（${s.base ? String(s.base.quota) : '—'} → ${s.latest ? String(s.latest.quota) : '—'}）`}
              value={signed(s.quotaChange)}
              suffix="名"
            />
          </Card>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Card size="small">
            <div data-testid="population-per10k">
              <Statistic title="每万名常住人口编制数" value={per10k(s.quotaPer10k)} suffix="名" />
            </div>
          </Card>
        </Col>
      </Row>

      <Card size="small" title="常住人口与编制总量（年末核定，行政+事业+聘用）">
        {s.years.length === 0 ? (
          <EmptyState text="尚未导入常住人口数据" />
        ) : (
          <EChart
            option={populationQuotaOption(s.years)}
            ariaLabel="常住人口与编制总量"
            testId="population-chart"
          />
        )}
      </Card>

      {multiCounty ? (
        <Card size="small" title="各县（市、区）比较">
          <EChart option={countiesOption(data.counties)} ariaLabel="各县每万人编制与人口增长" />
          <Table
            scroll={{ x: 'max-content' }}
            size="small"
            rowKey="code"
            columns={countyColumns}
            dataSource={data.counties}
            pagination={false}
            data-testid="population-counties"
          />
        </Card>
      ) : null}

      <Card size="small" title="乡镇（街道）每万人编制">
        {townships.length === 0 ? (
          <EmptyState text="没有乡镇（街道）的常住人口数据" />
        ) : (
          <>
            <EChart option={townshipOption(townships)} ariaLabel="乡镇每万人编制" />
            <Table
              scroll={{ x: 'max-content' }}
              size="small"
              rowKey="unitId"
              columns={townshipColumns}
              dataSource={townships}
              pagination={false}
              data-testid="population-townships"
            />
          </>
        )}
      </Card>

      <Card
        size="small"
        title="编制过少的单位"
        extra={
          <Space>
            <span>编制总数不超过</span>
            <InputNumber
              min={1}
              max={1000}
              precision={0}
              value={threshold}
              onChange={(v) => {
                if (typeof v === 'number') onThreshold(v);
              }}
              data-testid="population-threshold"
              style={{ width: 80 }}
            />
            <span>名</span>
          </Space>
        }
      >
        <Table
          scroll={{ x: 'max-content' }}
          size="small"
          rowKey="unitId"
          columns={smallUnitColumns(multiCounty)}
          dataSource={data.smallUnits}
          pagination={data.smallUnits.length > 20 ? { pageSize: 20 } : false}
          locale={{ emptyText: `没有编制总数在 1—${String(data.threshold)} 名的单位` }}
          data-testid="small-units"
        />
      </Card>
    </Space>
  );
}

export function PopulationPage() {
  const me = useCurrentUser();
  const { regionCode, regionById } = useSession();
  const own = regionById.get(me.user.regionCode);
  const above = own !== undefined && own.level !== 'county';
  const [summed, setSummed] = useState(above);
  const region = above && summed ? me.user.regionCode : regionCode;
  const [baseYear, setBaseYear] = useState(DEFAULT_BASE_YEAR);
  const [threshold, setThreshold] = useState(DEFAULT_THRESHOLD);
  const result = useAsync(region ? () => getPopulation(region, { baseYear, threshold }) : null, [
    region,
    baseYear,
    threshold,
  ]);

  const county = regionCode ? regionById.get(regionCode) : undefined;
  const extra = (
    <Space wrap>
      {above ? (
        <Segmented
          value={summed ? 'sum' : 'county'}
          onChange={(v) => setSummed(v === 'sum')}
          options={[
            { value: 'county', label: county?.name ?? '本县' },
            { value: 'sum', label: `${own.name}（各县比较）` },
          ]}
        />
      ) : null}
      <span>基准年份</span>
      <InputNumber
        min={1949}
        max={2100}
        precision={0}
        value={baseYear}
        onChange={(v) => {
          if (typeof v === 'number') setBaseYear(v);
        }}
        data-testid="population-base-year"
        style={{ width: 90 }}
      />
    </Space>
  );

  let body;
  if (result.error !== undefined) {
    body = <ErrorAlert title="人口与编制加载失败" error={result.error} onRetry={result.reload} />;
  } else if (!result.data) {
    body = <Loading />;
  } else {
    body = <PopulationBody data={result.data} threshold={threshold} onThreshold={setThreshold} />;
  }

  return (
    <PageContainer
      title="人口与编制"
      subTitle={result.data ? result.data.regionName : undefined}
      extra={extra}
    >
      {body}
    </PageContainer>
  );
}
