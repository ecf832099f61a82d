import { CopyOutlined, FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Row, Segmented, Space, Spin, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  ApiError,
  downloadBasicReport,
  errorMessage,
  getBasicReport,
  getCountiesReport,
} from '../../api/index.ts';
import type { BasicReportFormat, RegionDto } from '../../api/index.ts';
import { useCurrentUser, useSession } from '../../app/session.tsx';
import { AsOfPicker, useAsOf } from '../../components/AsOfPicker.tsx';
import { ErrorAlert, Loading } from '../../components/feedback.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { copyText } from '../../lib/clipboard.ts';
import { saveBlob } from '../../lib/download.ts';
import { isWithin } from '../../lib/regions.ts';
import { CountiesTable } from './CountiesTable.tsx';
import { coverageText } from '../../lib/coverage.ts';
import { DrillDrawer, type DrillTarget } from './DrillDrawer.tsx';
import { QualityPanel } from './QualityPanel.tsx';
import { ReportText } from './ReportText.tsx';
import { buildReportLines } from './reportText.ts';

type Level = RegionDto['level'];

/** The selected county and the regions above it that the user may report on (up to their own region). */
function scopeChain(index: Map<string, RegionDto>, county: string | null, userRegion: string): RegionDto[] {
  const chain: RegionDto[] = [];
  const seen = new Set<string>();
  let current = county === null ? undefined : index.get(county);
  while (current && !seen.has(current.code)) {
    seen.add(current.code);
    if (!isWithin(index, current.code, userRegion)) break;
    chain.push(current);
    if (current.code === userRegion || current.parentCode === null) break;
    current = index.get(current.parentCode);
  }
  return chain;
}

function isLevel(value: string | null): value is Level {
  return value === 'county' || value === 'city' || value === 'province';
}

/** 统计范围 (county, or the city / province sum), kept in the URL as ?scope=county|city|province. */
function useScope(chain: readonly RegionDto[]): [RegionDto | undefined, (level: Level) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('scope');
  const wanted = isLevel(raw) ? raw : null;
  // By default a city or province user sees their own region's sum; a county user their county.
  const selected = chain.find((r) => r.level === wanted) ?? chain[chain.length - 1];
  const setLevel = (level: Level) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('scope', level);
        return next;
      },
      { replace: true },
    );
  return [selected, setLevel];
}

const SCOPE_SUFFIX: Record<Level, string> = { county: '', city: '（汇总）', province: '（汇总）' };

export function ReportsPage() {
  const me = useCurrentUser();
  const { message } = App.useApp();
  const { regionCode, regionById } = useSession();
  const [asOf, setAsOf] = useAsOf();
  const chain = useMemo(
    () => scopeChain(regionById, regionCode, me.user.regionCode),
    [regionById, regionCode, me.user.regionCode],
  );
  const [scope, setScope] = useScope(chain);
  const region = scope?.code ?? regionCode;
  const summed = scope !== undefined && scope.level !== 'county';

  const basic = useAsync(region ? () => getBasicReport(region, asOf) : null, [region, asOf]);
  const counties = useAsync(region && summed ? () => getCountiesReport(region, asOf) : null, [
    region,
    asOf,
    summed,
  ]);
  const data = basic.data;
  const report = data?.report;
  const lines = useMemo(() => (report ? buildReportLines(report) : []), [report]);

  const [target, setTarget] = useState<DrillTarget | null>(null);
  const [downloading, setDownloading] = useState<BasicReportFormat | null>(null);

  const download = async (format: BasicReportFormat) => {
    if (region === null) return;
    setDownloading(format);
    try {
      const file = await downloadBasicReport(report?.regionCode ?? region, format, report?.asOf ?? asOf);
      saveBlob(file.blob, file.fileName);
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setDownloading(null);
    }
  };

  const copy = async () => {
    if (!data) return;
    try {
      await copyText(data.text);
      void message.success('报告文字已复制到剪贴板');
    } catch (error) {
      void message.error(errorMessage(error));
    }
  };

  const forbidden = basic.error instanceof ApiError && basic.error.status === 403;

  return (
    <PageContainer
      title="统计报表"
      subTitle={report ? `${report.regionName} · 截至 ${report.asOf}` : undefined}
      extra={
        <Space wrap size={12}>
          {chain.length > 1 && scope ? (
            <Segmented<Level>
              size="small"
              value={scope.level}
              onChange={setScope}
              options={chain.map((r) => ({ label: r.name + SCOPE_SUFFIX[r.level], value: r.level }))}
              data-testid="report-scope"
            />
          ) : null}
          <AsOfPicker value={asOf} onChange={setAsOf} />
          <Button
            size="small"
            icon={<FileWordOutlined />}
            loading={downloading === 'docx'}
            disabled={!data}
            onClick={() => void download('docx')}
            data-testid="report-download-docx"
          >
            下载 Word
          </Button>
          <Button
            size="small"
            icon={<FileExcelOutlined />}
            loading={downloading === 'xlsx'}
            disabled={!data}
            onClick={() => void download('xlsx')}
            data-testid="report-download-xlsx"
          >
            下载 Excel 统计表
          </Button>
        </Space>
      }
    >
      {basic.error ? (
        <ErrorAlert
          title={forbidden ? '无权查看统计报表' : '统计报表加载失败'}
          error={basic.error}
          onRetry={forbidden ? undefined : basic.reload}
        />
      ) : null}
      {data && report ? (
        <Spin spinning={basic.loading} description="正在统计…">
          <Row gutter={[12, 12]}>
            <Col xs={24} xl={16}>
              <Card
                size="small"
                title="基本情况"
                extra={
                  <Button
                    size="small"
                    icon={<CopyOutlined />}
                    onClick={() => void copy()}
                    data-testid="report-copy"
                  >
                    复制文字
                  </Button>
                }
              >
                <Typography.Paragraph type="secondary" className="bz-doc-hint">
                  报告文字按统计日期的台账数据自动生成；点击带下划线的数字，可查看计入该数字的机构或人员。
                </Typography.Paragraph>
                <ReportText lines={lines} onDrill={setTarget} />
              </Card>
            </Col>
            <Col xs={24} xl={8}>
              <Card size="small" title="数据质量">
                <QualityPanel issues={data.quality} asOf={asOf} />
              </Card>
            </Col>
            {summed ? (
              <Col span={24}>
                <Card
                  size="small"
                  title={
                    <span>
                      各县对比{' '}
                      <span className="bz-muted">
                        {counties.data
                          ? `（${coverageText(counties.data.regionName, counties.data.counties)}）`
                          : null}
                      </span>
                    </span>
                  }
                >
                  {counties.error ? <ErrorAlert error={counties.error} onRetry={counties.reload} /> : null}
                  {counties.data ? (
                    <Spin spinning={counties.loading}>
                      <CountiesTable data={counties.data} />
                    </Spin>
                  ) : counties.loading ? (
                    <Loading />
                  ) : null}
                </Card>
              </Col>
            ) : null}
          </Row>
        </Spin>
      ) : basic.loading ? (
        <Loading text="正在统计…" />
      ) : null}
      {report ? (
        <DrillDrawer
          region={report.regionCode}
          asOf={report.asOf}
          target={target}
          onClose={() => setTarget(null)}
        />
      ) : null}
    </PageContainer>
  );
}
