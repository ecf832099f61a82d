// 编制标准 (domain.md §8): each county's schools, kindergartens and 基层卫生院 measured against the
// staffing standard in force — 应配, 核定, 实有, 缺配, 超配 — with the sentences of the report's
// section 三, a what-if that changes ratios or student numbers without saving, and the versions.
import { CopyOutlined, FileExcelOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Row, Select, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/index.ts';
import {
  downloadStandards,
  getStandards,
  getStandardVersions,
  runStandardsWhatIf,
  type KindResult,
  type StandardsResult,
  type StandardVersions,
} from '../../api/standards.ts';
import { useCurrentUser, useSession } from '../../app/session.tsx';
import { ErrorAlert, Loading } from '../../components/feedback.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { copyText } from '../../lib/clipboard.ts';
import { saveBlob } from '../../lib/download.ts';
import { formatNumber, todayInChina } from '../../lib/format.ts';
import { KindSection } from './KindSection.tsx';
import { UNIT_WORD, versionLabel, wholeRegion } from './labels.ts';
import { SaveVersionModal } from './SaveVersionModal.tsx';
import './standards.css';
import { VersionsPanel } from './VersionsPanel.tsx';
import { WhatIfPanel } from './WhatIfPanel.tsx';
import { buildOverrides, emptyDraft, type WhatIfDraft } from './whatIf.ts';

const FIRST_YEAR = 2000;
const NOTES_SHOWN = 6;

function readYear(params: URLSearchParams): number | undefined {
  const raw = params.get('year') ?? '';
  return /^\d{4}$/.test(raw) ? Number(raw) : undefined;
}

function Metric({
  label,
  value,
  danger,
  testId,
}: {
  label: string;
  value: number;
  danger?: boolean;
  testId?: string;
}) {
  return (
    <div className={danger ? 'bz-std-metric bz-std-metric-danger' : 'bz-std-metric'}>
      <div className="bz-std-metric-label">{label}</div>
      <div className="bz-std-metric-value" data-testid={testId}>
        {formatNumber(value)}
      </div>
    </div>
  );
}

function KindSummary({ kind, regionName }: { kind: KindResult; regionName: string }) {
  const t = kind.totals;
  const a = kind.applied;
  return (
    <Card
      size="small"
      className="bz-std-summary"
      title={`${kind.label}（${String(t.units)} ${UNIT_WORD[kind.key]}）`}
      extra={
        a ? (
          <Tag color={a.origin === 'region' ? 'blue' : 'default'} className="bz-std-tag">
            {versionLabel(a.origin, a.standard.version)}
          </Tag>
        ) : (
          <Tag color="warning">无有效标准</Tag>
        )
      }
      data-testid={`standards-summary-${kind.key}`}
    >
      <div className="bz-std-metrics">
        <Metric label="应配" value={t.requirement} testId={`standards-${kind.key}-requirement`} />
        <Metric label="核定" value={t.approved} testId={`standards-${kind.key}-approved`} />
        <Metric label="实有" value={t.actual} />
        <Metric
          label={`${wholeRegion(regionName)}缺配`}
          value={t.shortfall}
          danger={t.shortfall > 0}
          testId={`standards-${kind.key}-shortfall`}
        />
        <Metric label="超配" value={t.surplus} testId={`standards-${kind.key}-surplus`} />
      </div>
      <div className="bz-muted bz-std-summary-foot" title={a?.standard.sourceDocument}>
        {a ? a.standard.name : '该年度没有有效的编制标准，未测算'}
      </div>
    </Card>
  );
}

function Notes({ notes }: { notes: readonly string[] }) {
  const [all, setAll] = useState(false);
  if (notes.length === 0)
    return <Typography.Text type="secondary">各单位的学生数、服务人口齐全，无数据提示。</Typography.Text>;
  const shown = all ? notes : notes.slice(0, NOTES_SHOWN);
  return (
    <div data-testid="standards-notes">
      <ul className="bz-std-notes">
        {shown.map((n, i) => (
          <li key={i}>{n}</li>
        ))}
      </ul>
      {notes.length > NOTES_SHOWN ? (
        <Button type="link" size="small" onClick={() => setAll(!all)}>
          {all ? '收起' : `查看全部 ${String(notes.length)} 条`}
        </Button>
      ) : null}
    </div>
  );
}

interface WhatIfRun {
  result: StandardsResult;
  /** The overrides it was run with, to tell when the draft has moved on. */
  signature: string;
}

function StandardsBody({
  result,
  versions,
  onSaved,
}: {
  result: StandardsResult;
  versions: {
    data: StandardVersions | undefined;
    error: unknown;
    loading: boolean;
    reload: () => void;
  };
  onSaved: () => void;
}) {
  const me = useCurrentUser();
  const { message } = App.useApp();
  const [base, setBase] = useState(result);
  const [draft, setDraft] = useState<WhatIfDraft>(() => emptyDraft(result));
  const [whatIf, setWhatIf] = useState<WhatIfRun | null>(null);
  const [running, setRunning] = useState(false);
  const [saving, setSaving] = useState(false);
  const [tab, setTab] = useState<string>('school');
  const current = useRef(result);
  current.current = result;

  // A reloaded result (another year, a saved version) starts a fresh what-if.
  if (base !== result) {
    setBase(result);
    setDraft(emptyDraft(result));
    setWhatIf(null);
  }

  const signature = JSON.stringify(buildOverrides(result, draft));
  const stale = whatIf !== null && whatIf.signature !== signature;

  const run = async () => {
    const overrides = buildOverrides(result, draft);
    const sent = JSON.stringify(overrides);
    setRunning(true);
    try {
      const answer = await runStandardsWhatIf(result.regionCode, result.year, overrides);
      if (current.current !== result) return;
      setWhatIf({ result: answer, signature: sent });
      if (!answer.whatIf) void message.info('未修改任何比例或学生数，测算结果与已保存的相同');
    } catch (error) {
      void message.error(`测算失败：${errorMessage(error)}`);
    } finally {
      setRunning(false);
    }
  };

  const reset = () => {
    setDraft(emptyDraft(result));
    setWhatIf(null);
  };

  const copy = async () => {
    try {
      await copyText(result.text.join('\n'));
      void message.success('测算文字已复制到剪贴板');
    } catch (error) {
      void message.error(errorMessage(error));
    }
  };

  const whatIfKind = (key: string): KindResult | null =>
    whatIf?.result.kinds.find((k) => k.key === key) ?? null;

  return (
    <>
      <Row gutter={[12, 12]} className="bz-section">
        {result.kinds.map((k) => (
          <Col key={k.key} xs={24} lg={8}>
            <KindSummary kind={k} regionName={result.regionName} />
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]} className="bz-section">
        <Col xs={24} xl={15}>
          <Card
            size="small"
            title="测算结论"
            extra={
              <Button
                size="small"
                icon={<CopyOutlined />}
                onClick={() => void copy()}
                data-testid="standards-copy"
              >
                复制文字
              </Button>
            }
          >
            <Typography.Paragraph type="secondary" className="bz-doc-hint">
              按 {result.year} 年12月底的学生数、服务人口和 {result.standardsOn}{' '}
              有效的编制标准测算；核定、实有截至 {result.asOf}。可直接用于工作报告“存在问题及意见建议”部分。
            </Typography.Paragraph>
            <div className="bz-doc" data-testid="standards-text">
              {result.text.map((line, i) => (
                <p key={i} className="bz-doc-p">
                  {line}
                </p>
              ))}
            </div>
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title="数据提示">
            <Notes notes={result.notes} />
          </Card>
        </Col>
      </Row>
      <WhatIfPanel
        result={result}
        draft={draft}
        onDraft={setDraft}
        whatIf={whatIf?.result ?? null}
        stale={stale}
        running={running}
        onRun={() => void run()}
        onReset={reset}
        canSave={me.permissions.writeLedger}
        onSave={() => setSaving(true)}
      />
      <Card size="small" className="bz-section" data-testid="standards-kinds">
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={result.kinds.map((k) => ({
            key: k.key,
            label: (
              <span data-testid={`standards-tab-${k.key}`}>
                {k.label}
                {k.totals.shortfall > 0 ? (
                  <span className="bz-std-tab-short">缺{formatNumber(k.totals.shortfall)}</span>
                ) : null}
              </span>
            ),
            children: (
              <KindSection
                kind={k}
                regionName={result.regionName}
                year={result.year}
                draft={draft}
                onDraft={setDraft}
                whatIf={whatIfKind(k.key)}
              />
            ),
          }))}
        />
      </Card>
      <VersionsPanel
        versions={versions.data}
        error={versions.error}
        loading={versions.loading}
        onRetry={versions.reload}
        result={result}
      />
      {saving ? (
        <SaveVersionModal
          region={result.regionCode}
          result={result}
          draft={draft}
          onClose={() => setSaving(false)}
          onSaved={() => {
            setSaving(false);
            onSaved();
          }}
        />
      ) : null}
    </>
  );
}

export function StandardsPage() {
  const { message } = App.useApp();
  const { regionCode } = useSession();
  const [params, setParams] = useSearchParams();
  const year = readYear(params);
  const standards = useAsync(regionCode ? () => getStandards(regionCode, year) : null, [regionCode, year]);
  const versions = useAsync(regionCode ? () => getStandardVersions(regionCode) : null, [regionCode]);
  const [downloading, setDownloading] = useState(false);
  const data = standards.data;
  const thisYear = Number(todayInChina().slice(0, 4));
  const years: number[] = [];
  for (let y = thisYear; y >= FIRST_YEAR; y -= 1) years.push(y);
  if (data && !years.includes(data.year)) years.push(data.year);

  const setYear = (value: number) =>
    setParams(
      (currentParams) => {
        const next = new URLSearchParams(currentParams);
        next.set('year', String(value));
        return next;
      },
      { replace: true },
    );

  const download = async () => {
    if (!regionCode || !data) return;
    setDownloading(true);
    try {
      const file = await downloadStandards(regionCode, data.year);
      saveBlob(file.blob, file.fileName);
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setDownloading(false);
    }
  };

  const forbidden = standards.error instanceof ApiError && standards.error.status === 403;

  return (
    <PageContainer
      title="编制标准"
      subTitle={
        data ? (
          <span data-testid="standards-year-used">
            {data.regionName} · {data.year} 年度{year === undefined ? '（最近有学生数的年度）' : ''} ·
            核定、实有截至 {data.asOf}
          </span>
        ) : undefined
      }
      extra={
        <Space wrap size={12}>
          <span className="bz-muted">测算年度</span>
          <Select<number>
            size="small"
            style={{ width: 110 }}
            value={year ?? data?.year}
            placeholder="默认"
            onChange={setYear}
            options={years.map((y) => ({ value: y, label: `${String(y)}年` }))}
            data-testid="standards-year"
          />
          <Button
            size="small"
            icon={<FileExcelOutlined />}
            loading={downloading}
            disabled={!data}
            onClick={() => void download()}
            data-testid="standards-export"
          >
            导出 Excel
          </Button>
        </Space>
      }
    >
      {standards.error ? (
        <ErrorAlert
          title={forbidden ? '无权查看编制标准测算' : '编制标准测算加载失败'}
          error={standards.error}
          onRetry={forbidden ? undefined : standards.reload}
        />
      ) : null}
      {data ? (
        <Spin spinning={standards.loading} description="正在测算…">
          <StandardsBody
            key={`${data.regionCode}-${String(data.year)}`}
            result={data}
            versions={versions}
            onSaved={() => {
              standards.reload();
              versions.reload();
            }}
          />
        </Spin>
      ) : standards.loading ? (
        <Loading text="正在测算…" />
      ) : null}
    </PageContainer>
  );
}
