// 假设测算: change the ratios (and, in the tables below, student numbers), run the computation
// without saving, and compare the new totals with the saved ones.
import { CalculatorOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, Button, Card, InputNumber, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { KindResult, StandardsResult } from '../../api/standards.ts';
import { Delta } from './Delta.tsx';
import { describeRule, wholeRegion } from './labels.ts';
import { changedKinds, changedUnitCount, savedRatios, type RatioValues, type WhatIfDraft } from './whatIf.ts';

function Ratio({
  label,
  value,
  saved,
  onChange,
  testId,
  prefix = '1:',
  suffix,
  step = 0.5,
  max = 1000,
}: {
  label: string;
  value: number;
  saved: number;
  onChange: (value: number) => void;
  testId: string;
  prefix?: string;
  suffix?: string;
  step?: number;
  max?: number;
}) {
  const changed = value !== saved;
  return (
    <label className="bz-std-ratio">
      <span className="bz-std-ratio-label">{label}</span>
      <InputNumber<number>
        size="small"
        min={0.01}
        max={max}
        step={step}
        value={value}
        prefix={prefix}
        suffix={suffix}
        className={changed ? 'bz-std-ratio-input bz-std-changed' : 'bz-std-ratio-input'}
        data-testid={testId}
        title={changed ? `原为 ${String(saved)}` : undefined}
        onChange={(v) => onChange(v ?? saved)}
      />
    </label>
  );
}

interface CompareRow {
  key: string;
  label: string;
  rule: string;
  saved: KindResult;
  now: KindResult;
}

export function WhatIfPanel({
  result,
  draft,
  onDraft,
  whatIf,
  stale,
  running,
  onRun,
  onReset,
  canSave,
  onSave,
}: {
  result: StandardsResult;
  draft: WhatIfDraft;
  onDraft: (next: WhatIfDraft) => void;
  whatIf: StandardsResult | null;
  /** The draft changed since the what-if was run. */
  stale: boolean;
  running: boolean;
  onRun: () => void;
  onReset: () => void;
  canSave: boolean;
  onSave: () => void;
}) {
  const saved = savedRatios(result);
  const r = draft.ratios;
  const setRatios = (next: Partial<RatioValues>) => onDraft({ ...draft, ratios: { ...r, ...next } });
  const kg = r.kindergarten;
  const units = changedUnitCount(draft);
  const kinds = changedKinds(result, draft);

  const rows: CompareRow[] = whatIf
    ? result.kinds.flatMap((k) => {
        const now = whatIf.kinds.find((w) => w.key === k.key);
        if (!now) return [];
        const s = now.applied?.standard;
        return [{ key: k.key, label: k.label, rule: s ? describeRule(s) : '无有效标准', saved: k, now }];
      })
    : [];
  const columns: TableColumnsType<CompareRow> = [
    { title: '类别', dataIndex: 'label', width: 96 },
    {
      title: '测算所用标准',
      dataIndex: 'rule',
      render: (rule: string, row) => (
        <span>
          {rule}
          {row.now.applied?.overridden ? (
            <Tag color="orange" className="bz-std-tag">
              已调整
            </Tag>
          ) : null}
        </span>
      ),
    },
    {
      title: '应配',
      key: 'requirement',
      align: 'right',
      render: (_: unknown, row) => (
        <Delta before={row.saved.totals.requirement} after={row.now.totals.requirement} />
      ),
    },
    {
      title: '核定',
      key: 'approved',
      align: 'right',
      render: (_: unknown, row) => (
        <Delta before={row.saved.totals.approved} after={row.now.totals.approved} />
      ),
    },
    {
      title: `${wholeRegion(result.regionName)}缺配`,
      key: 'shortfall',
      align: 'right',
      render: (_: unknown, row) => (
        <Delta
          before={row.saved.totals.shortfall}
          after={row.now.totals.shortfall}
          bad="up"
          testId={`whatif-${row.key}-shortfall`}
        />
      ),
    },
    {
      title: '超配',
      key: 'surplus',
      align: 'right',
      render: (_: unknown, row) => <Delta before={row.saved.totals.surplus} after={row.now.totals.surplus} />,
    },
  ];

  return (
    <Card
      size="small"
      className="bz-section"
      title="假设测算"
      data-testid="whatif-panel"
      extra={
        <span className="bz-muted">
          修改比例或下方表格中的学生数、服务人口后点击“测算”；测算不保存任何数据
        </span>
      }
    >
      <div className="bz-std-ratios">
        <div className="bz-std-ratio-group">
          <span className="bz-std-ratio-kind">中小学 教职工与学生比</span>
          <Ratio
            label="高中"
            value={r.school.senior}
            saved={saved.school.senior}
            testId="whatif-senior"
            onChange={(v) => setRatios({ school: { ...r.school, senior: v } })}
          />
          <Ratio
            label="初中"
            value={r.school.junior}
            saved={saved.school.junior}
            testId="whatif-junior"
            onChange={(v) => setRatios({ school: { ...r.school, junior: v } })}
          />
          <Ratio
            label="小学"
            value={r.school.primary}
            saved={saved.school.primary}
            testId="whatif-primary"
            onChange={(v) => setRatios({ school: { ...r.school, primary: v } })}
          />
        </div>
        <div className="bz-std-ratio-group">
          <span className="bz-std-ratio-kind">幼儿园</span>
          {kg.mode === 'ratio' ? (
            kg.schedule === 'fullDay' ? (
              <Ratio
                label="全日制 教职工与幼儿比"
                value={kg.fullDayRatio}
                saved={saved.kindergarten.fullDayRatio}
                testId="whatif-kindergarten"
                onChange={(v) => setRatios({ kindergarten: { ...kg, fullDayRatio: v } })}
              />
            ) : (
              <Ratio
                label="半日制 教职工与幼儿比"
                value={kg.halfDayRatio}
                saved={saved.kindergarten.halfDayRatio}
                testId="whatif-kindergarten"
                onChange={(v) => setRatios({ kindergarten: { ...kg, halfDayRatio: v } })}
              />
            )
          ) : (
            <>
              <Ratio
                label="每班幼儿"
                value={kg.childrenPerClass}
                saved={saved.kindergarten.childrenPerClass}
                testId="whatif-kg-class-size"
                prefix=""
                step={1}
                max={100}
                onChange={(v) => setRatios({ kindergarten: { ...kg, childrenPerClass: Math.round(v) } })}
              />
              <Ratio
                label="每班保教人员"
                value={kg.staffPerClass}
                saved={saved.kindergarten.staffPerClass}
                testId="whatif-kg-staff"
                prefix=""
                step={1}
                max={20}
                onChange={(v) => setRatios({ kindergarten: { ...kg, staffPerClass: Math.round(v) } })}
              />
            </>
          )}
          <span className="bz-muted">2013年标准：全日制 1:5～1:7，半日制 1:8～1:10</span>
        </div>
        <div className="bz-std-ratio-group">
          <span className="bz-std-ratio-kind">基层卫生院</span>
          <Ratio
            label="按服务人口"
            value={r.healthCentre.perMille}
            saved={saved.healthCentre.perMille}
            testId="whatif-health"
            prefix=""
            suffix="‰"
            step={0.1}
            max={100}
            onChange={(v) => setRatios({ healthCentre: { perMille: v } })}
          />
          <span className="bz-muted">每千名服务人口配备的编制数</span>
        </div>
      </div>
      <div className="bz-std-actions">
        <Space wrap>
          <Button
            type="primary"
            icon={<CalculatorOutlined />}
            loading={running}
            onClick={onRun}
            data-testid="whatif-run"
          >
            测算
          </Button>
          <Button icon={<UndoOutlined />} onClick={onReset} disabled={running} data-testid="whatif-reset">
            还原
          </Button>
          {canSave ? (
            <Button icon={<SaveOutlined />} onClick={onSave} disabled={running} data-testid="whatif-save">
              保存为新版本
            </Button>
          ) : null}
        </Space>
        <span className="bz-muted">
          {kinds.length === 0 && units === 0
            ? '当前为已保存的标准和数据'
            : [
                kinds.length > 0
                  ? `已调整${kinds.map((k) => result.kinds.find((x) => x.key === k)?.label ?? k).join('、')}的比例`
                  : '',
                units > 0 ? `已修改 ${String(units)} 个单位的学生数或服务人口` : '',
              ]
                .filter((s) => s !== '')
                .join('；')}
        </span>
      </div>
      {whatIf ? (
        <div className="bz-std-result" data-testid="whatif-result">
          <div className="bz-std-result-head">
            <Tag color="orange" className="bz-std-unsaved">
              假设测算（未保存）
            </Tag>
            <span className="bz-muted">
              左为已保存标准下的数，右为假设测算的数，括号内为增减；测算结果不写入任何数据。
            </span>
          </div>
          {stale ? (
            <Alert
              type="warning"
              showIcon
              title="参数已修改，下表尚未更新，请重新点击“测算”。"
              style={{ marginBottom: 8 }}
            />
          ) : null}
          <Table<CompareRow>
            scroll={{ x: 'max-content' }}
            size="small"
            bordered
            rowKey="key"
            columns={columns}
            dataSource={rows}
            pagination={false}
          />
          <div className="bz-std-result-text">
            {whatIf.text.map((line, i) => (
              <Typography.Paragraph key={i} className="bz-std-result-line">
                {line}
              </Typography.Paragraph>
            ))}
          </div>
        </div>
      ) : null}
    </Card>
  );
}
