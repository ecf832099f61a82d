// The final result of a plan: the ranking table (total, grade, rank, vetoes; each row opens on
// its indicators with the score's source), the units not yet fully scored, and two charts — the
// units by total in rank order, and one unit's scores by top-level indicator. With stage weights
// each row shows the stage totals the final total combines. All numbers are the server's
// (GET …/result). The documents (评估总结报告, 得分表, each unit's 评估报告) are the server's too,
// downloaded by those who may read the result.
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import {
  EVALUATION_STAGE_LABELS,
  EVALUATION_STAGES,
  GRADE_LABELS,
  SCORE_SOURCE_LABELS,
  scoreBasisText,
  type Grade,
} from '../../../../src/common/evaluation.ts';
import { errorMessage } from '../../api/index.ts';
import type { DownloadedFile } from '../../api/endpoints.ts';
import {
  downloadEvaluationScores,
  downloadEvaluationSummary,
  downloadUnitEvaluationReport,
  getEvaluationResult,
  type EvaluationPlan,
  type FinalLeaf,
  type FinalUnit,
} from '../../api/evaluation.ts';
import { EChart } from '../../components/EChart.tsx';
import { ErrorAlert, Loading } from '../../components/feedback.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { saveBlob } from '../../lib/download.ts';
import { barChartHeight, GRADE_COLORS, indicatorOption, rankingOption } from './charts.ts';
import { stageTotal } from './crossTasks.ts';
import { indicatorNames } from './indicatorTree.ts';

const SOURCE_LABELS: Record<FinalLeaf['source'], string> = SCORE_SOURCE_LABELS;

function LeavesTable({ unit, names }: { unit: FinalUnit; names: Map<string, string> }) {
  return (
    <Table<FinalLeaf>
      rowKey="code"
      size="small"
      pagination={false}
      dataSource={unit.leaves}
      columns={[
        { title: '指标', dataIndex: 'code', width: 260, render: (c: string) => `${c} ${names.get(c) ?? ''}` },
        { title: '分值', dataIndex: 'points', width: 70, align: 'right' },
        { title: '得分', dataIndex: 'score', width: 70, align: 'right' },
        {
          title: '来源',
          dataIndex: 'source',
          width: 90,
          render: (s: FinalLeaf['source']) => SOURCE_LABELS[s],
        },
        { title: '说明', dataIndex: 'explanation', render: (v: string) => v || '—' },
      ]}
    />
  );
}

function useDownload() {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (key: string, load: () => Promise<DownloadedFile>) => {
    setBusy(key);
    try {
      const f = await load();
      saveBlob(f.blob, f.fileName);
    } catch (error) {
      void message.error(`下载失败：${errorMessage(error)}`);
    } finally {
      setBusy(null);
    }
  };
  return { busy, run };
}

export function ResultView({ plan }: { plan: EvaluationPlan }) {
  const result = useAsync(() => getEvaluationResult(plan.id), [plan.id, plan.updatedAt]);
  const [chosen, setChosen] = useState<number | undefined>(undefined);
  const download = useDownload();
  if (result.error)
    return <ErrorAlert title="评估结果加载失败" error={result.error} onRetry={result.reload} />;
  if (!result.data) return <Loading />;
  const { ranking, incomplete, stageWeights } = result.data;
  const names = indicatorNames(plan.indicators.indicators);
  const unit = ranking.find((u) => u.unitId === chosen) ?? ranking[0];
  const columns: TableColumnsType<FinalUnit> = [
    { title: '排名', dataIndex: 'rank', width: 70, align: 'center' },
    { title: '被评估单位', dataIndex: 'unitName', width: 200 },
    {
      title: '得分',
      key: 'total',
      width: 110,
      align: 'right',
      render: (_: unknown, u) => `${String(u.total)} / ${String(u.totalPoints)}`,
    },
    ...(stageWeights
      ? EVALUATION_STAGES.filter((s) => stageWeights[s] > 0).map((s) => ({
          title: (
            <span className="bz-evaluation-stage-head">
              {EVALUATION_STAGE_LABELS[s]}
              <Typography.Text type="secondary">权重 {stageWeights[s]}</Typography.Text>
            </span>
          ),
          key: `stage-${s}`,
          width: 100,
          align: 'right' as const,
          render: (_: unknown, u: FinalUnit) => {
            const total = stageTotal(u, s);
            return total === null ? '—' : String(total);
          },
        }))
      : []),
    {
      title: '等次',
      dataIndex: 'grade',
      width: 90,
      render: (g: Grade) => <Tag color={GRADE_COLORS[g]}>{GRADE_LABELS[g]}</Tag>,
    },
    {
      title: '一票否优',
      dataIndex: 'vetoes',
      width: 160,
      render: (v: string[]) => (v.length === 0 ? '—' : v.map((c) => `${c} ${names.get(c) ?? ''}`).join('；')),
    },
    {
      title: '评估报告',
      key: 'report',
      width: 100,
      render: (_: unknown, u) => (
        <Button
          size="small"
          icon={<DownloadOutlined />}
          loading={download.busy === `unit-${String(u.unitId)}`}
          onClick={() =>
            void download.run(`unit-${String(u.unitId)}`, () =>
              downloadUnitEvaluationReport(plan.id, u.unitId),
            )
          }
          data-testid={`evaluation-unit-report-${String(u.unitId)}`}
        >
          Word
        </Button>
      ),
    },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Button
          icon={<DownloadOutlined />}
          loading={download.busy === 'summary'}
          onClick={() => void download.run('summary', () => downloadEvaluationSummary(plan.id))}
          data-testid="evaluation-download-summary"
        >
          评估总结报告（Word）
        </Button>
        <Button
          icon={<DownloadOutlined />}
          loading={download.busy === 'scores'}
          onClick={() => void download.run('scores', () => downloadEvaluationScores(plan.id))}
          data-testid="evaluation-download-scores"
        >
          得分表（Excel）
        </Button>
      </Space>
      {incomplete.length === 0 ? null : (
        <Alert
          type="warning"
          showIcon
          data-testid="evaluation-incomplete"
          title={`${String(incomplete.length)} 个单位尚未评完，暂不排名`}
          description={
            <ul className="bz-evaluation-rows">
              {incomplete.map((u) => (
                <li key={u.unitId}>
                  {u.unitName}：缺 {u.missing.join('、')}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Table<FinalUnit>
        data-testid="evaluation-ranking"
        rowKey="unitId"
        size="small"
        loading={result.loading}
        columns={columns}
        dataSource={ranking}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowRender: (u) => <LeavesTable unit={u} names={names} /> }}
        locale={{ emptyText: '尚无评完的单位' }}
      />
      {ranking.length === 0 || unit === undefined ? null : (
        <div className="bz-evaluation-charts">
          <Card size="small" title="各单位得分与排名">
            <EChart
              testId="evaluation-ranking-chart"
              ariaLabel="各单位得分与排名"
              option={rankingOption(ranking)}
              style={{ height: barChartHeight(ranking.length) }}
            />
          </Card>
          <Card
            size="small"
            title="各指标得分"
            extra={
              <Select<number>
                size="small"
                style={{ width: 220 }}
                value={unit.unitId}
                onChange={setChosen}
                data-testid="evaluation-chart-unit"
                options={ranking.map((u) => ({ value: u.unitId, label: u.unitName }))}
              />
            }
          >
            <EChart
              testId="evaluation-indicator-chart"
              ariaLabel={`${unit.unitName}各指标得分`}
              option={indicatorOption(unit, plan.indicators.indicators)}
              style={{ height: barChartHeight(plan.indicators.indicators.length) }}
            />
          </Card>
        </div>
      )}
      <Typography.Text type="secondary" data-testid="evaluation-weights">
        最终得分：{scoreBasisText(result.data.stageWeights ?? null, plan.crossFrom !== null)}；同分同名次。
      </Typography.Text>
    </Space>
  );
}
