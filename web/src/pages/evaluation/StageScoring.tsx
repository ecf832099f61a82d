// Scoring a unit at a stage: 自评 (the evaluated unit's liaison, for their own unit only; or the
// office for it) and 实地评估 (the office's team, for each unit). One row per leaf indicator,
// measured by its rule; the server computes each score and answers with it and its explanation.
// The form of a unit opens with the scores saved earlier (GET …/scores), to be revised.
import { Alert, App, Button, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import {
  COMPUTED_MEASURE_LABELS,
  EVALUATION_STAGE_LABELS,
  RULE_KIND_LABELS,
  type EvaluationStage,
} from '../../../../src/common/evaluation.ts';
import { errorMessage } from '../../api/index.ts';
import {
  getStageScores,
  scoreStage,
  type EvaluationPlan,
  type PlanIndicator,
  type StageScore,
} from '../../api/evaluation.ts';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { todayInChina } from '../../lib/format.ts';
import { windowPhase, type CrossWindow } from './crossTasks.ts';
import { planLeaves } from './indicatorTree.ts';
import {
  EMPTY_ENTRY,
  entriesFromScores,
  unitScoresBody,
  VALUE_LABELS,
  type ScoreEntry,
} from './scoreDraft.ts';

function ValueInput({
  leaf,
  entry,
  onChange,
}: {
  leaf: PlanIndicator;
  entry: ScoreEntry;
  onChange: (e: ScoreEntry) => void;
}) {
  const kind = leaf.rule?.kind ?? 'manual';
  const testId = `score-value-${leaf.code}`;
  if (kind === 'veto')
    return (
      <Select<'yes' | 'no'>
        allowClear
        placeholder="未填"
        style={{ width: 110 }}
        data-testid={testId}
        value={entry.triggered === null ? undefined : entry.triggered ? 'yes' : 'no'}
        onChange={(v) => onChange({ ...entry, triggered: v === undefined ? null : v === 'yes' })}
        options={[
          { value: 'no', label: '未发生' },
          { value: 'yes', label: '发生（否优）' },
        ]}
      />
    );
  return (
    <InputNumber<number>
      min={0}
      max={kind === 'manual' ? leaf.points : undefined}
      precision={kind === 'deduction' ? 0 : undefined}
      placeholder={VALUE_LABELS[kind]}
      style={{ width: 110 }}
      data-testid={testId}
      value={entry.value}
      onChange={(v) => onChange({ ...entry, value: v })}
    />
  );
}

/** One unit's form: opens with the saved entries, posts the entered ones. */
function ScoreForm({
  plan,
  stage,
  unitId,
  initial,
  savedCount,
  phase,
}: {
  plan: EvaluationPlan;
  stage: EvaluationStage;
  unitId: number;
  initial: Record<string, ScoreEntry>;
  savedCount: number;
  /** Where today lies against the stage: scores are taken only while it is open. */
  phase: CrossWindow;
}) {
  const { message } = App.useApp();
  const [entries, setEntries] = useState<Record<string, ScoreEntry>>(initial);
  const [saved, setSaved] = useState<StageScore[] | null>(null);
  const [saving, setSaving] = useState(false);
  const leaves = planLeaves(plan.indicators.indicators);
  const label = EVALUATION_STAGE_LABELS[stage];

  const entryOf = (code: string) => entries[code] ?? EMPTY_ENTRY;
  const setEntry = (code: string, e: ScoreEntry) => setEntries((prev) => ({ ...prev, [code]: e }));

  async function submit() {
    const body = unitScoresBody(unitId, leaves, entries);
    if (body.scores.length === 0) {
      void message.warning('请至少评一项指标');
      return;
    }
    setSaving(true);
    try {
      setSaved(await scoreStage(plan.id, stage, body));
      void message.success(`已提交${label}`);
    } catch (error) {
      void message.error(`提交失败：${errorMessage(error)}`);
    } finally {
      setSaving(false);
    }
  }
  const columns: TableColumnsType<PlanIndicator> = [
    { title: '编号', dataIndex: 'code', width: 80 },
    { title: '指标', dataIndex: 'name', width: 220 },
    { title: '分值', dataIndex: 'points', width: 70, align: 'right' },
    {
      title: '评分规则',
      key: 'rule',
      width: 190,
      render: (_: unknown, l) => (
        <Space size={4} wrap>
          <span>{l.rule ? RULE_KIND_LABELS[l.rule.kind] : '—'}</span>
          {l.measure ? <Tag color="blue">系统测算：{COMPUTED_MEASURE_LABELS[l.measure]}</Tag> : null}
        </Space>
      ),
    },
    {
      title: '次数 / 比例 / 得分',
      key: 'value',
      width: 130,
      render: (_: unknown, l) => (
        <ValueInput leaf={l} entry={entryOf(l.code)} onChange={(e) => setEntry(l.code, e)} />
      ),
    },
    {
      title: '依据说明',
      key: 'evidence',
      render: (_: unknown, l) =>
        l.rule?.kind === 'manual' ? (
          <Input.TextArea
            autoSize={{ minRows: 1, maxRows: 4 }}
            maxLength={2000}
            placeholder="扣分须写明依据（文件、台账、佐证材料）"
            data-testid={`score-evidence-${l.code}`}
            value={entryOf(l.code).evidence}
            onChange={(e) => setEntry(l.code, { ...entryOf(l.code), evidence: e.target.value })}
          />
        ) : (
          <Typography.Text type="secondary">
            {l.measure ? '留空则以系统测算为准' : '按规则自动计分'}
          </Typography.Text>
        ),
    },
  ];
  const names = new Map(leaves.map((l) => [l.code, l.name]));
  return (
    <>
      {savedCount === 0 ? null : (
        <Typography.Text type="secondary" data-testid={`stage-${stage}-loaded`}>
          已载入保存的{label}评分 {savedCount} 项，可修改后重新提交。
        </Typography.Text>
      )}
      <Table<PlanIndicator>
        rowKey="code"
        size="small"
        columns={columns}
        dataSource={leaves}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
      <Space wrap>
        <Button
          type="primary"
          loading={saving}
          disabled={phase !== 'open'}
          onClick={() => void submit()}
          data-testid={`stage-${stage}-submit`}
        >
          提交{label}
        </Button>
        {phase === 'open' ? null : (
          <Typography.Text type="warning" data-testid={`stage-${stage}-closed`}>
            {phase === 'before' ? `${label}阶段尚未开始，暂不能提交` : `${label}阶段已结束，不能再提交`}
          </Typography.Text>
        )}
      </Space>
      {saved === null ? null : (
        <Alert
          type="success"
          showIcon
          title={`${label}已保存，得分由系统按评分规则计算：`}
          description={
            <Table<StageScore>
              data-testid={`stage-${stage}-saved`}
              rowKey="code"
              size="small"
              pagination={false}
              dataSource={saved}
              columns={[
                {
                  title: '指标',
                  dataIndex: 'code',
                  width: 220,
                  render: (c: string) => `${c} ${names.get(c) ?? ''}`,
                },
                { title: '得分', dataIndex: 'score', width: 80, align: 'right' },
                { title: '说明', dataIndex: 'evidence', render: (v: string) => v || '—' },
              ]}
            />
          }
        />
      )}
    </>
  );
}

export function StageScoring({
  plan,
  stage,
  units,
}: {
  plan: EvaluationPlan;
  stage: EvaluationStage;
  /** The units this user may score at this stage. */
  units: { id: number; name: string }[];
}) {
  const [unitId, setUnitId] = useState<number | undefined>(units.length === 1 ? units[0]?.id : undefined);
  // Tagged with its unit: while another unit's scores load, the previous answer is not shown.
  const stored = useAsync(
    unitId === undefined
      ? null
      : () => getStageScores(plan.id, stage, unitId).then((scores) => ({ unitId, scores })),
    [plan.id, stage, unitId],
  );
  const label = EVALUATION_STAGE_LABELS[stage];
  const window: [string, string] =
    stage === 'self'
      ? [plan.selfFrom, plan.selfTo]
      : stage === 'onsite'
        ? [plan.onsiteFrom, plan.onsiteTo]
        : [plan.crossFrom ?? '', plan.crossTo ?? ''];

  if (units.length === 0)
    return (
      <EmptyState text={stage === 'self' ? '本单位不在本方案的被评估单位之中' : '本方案没有被评估单位'} />
    );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid={`stage-${stage}`}>
      <Space wrap>
        <span>被评估单位</span>
        <Select<number>
          style={{ width: 280 }}
          placeholder="选择单位"
          value={unitId}
          data-testid={`stage-${stage}-unit`}
          onChange={setUnitId}
          options={units.map((u) => ({ value: u.id, label: u.name }))}
        />
        <Typography.Text type="secondary">
          {label}阶段：{window[0]} 至 {window[1]}
        </Typography.Text>
      </Space>
      {unitId === undefined ? null : stored.error ? (
        <ErrorAlert title={`已保存的${label}评分加载失败`} error={stored.error} onRetry={stored.reload} />
      ) : stored.loading || stored.data?.unitId !== unitId ? (
        <Loading />
      ) : (
        <ScoreForm
          key={unitId}
          plan={plan}
          stage={stage}
          unitId={unitId}
          initial={entriesFromScores(planLeaves(plan.indicators.indicators), stored.data.scores)}
          savedCount={stored.data.scores.length}
          phase={window[0] === '' ? 'before' : windowPhase(window[0], window[1], todayInChina())}
        />
      )}
    </Space>
  );
}
