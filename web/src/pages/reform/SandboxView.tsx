// A plan's sandbox result: the rules it breaks (unit and amount), the 基本情况 figures before and
// after, the per-unit diff and the two framework charts. Every figure is the server's.
import { Alert, Descriptions, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { SandboxResult, UnitDiff } from '../../api/reform.ts';
import { RuleResultsTable } from '../matters/RuleResults.tsx';
import { BeforeAfterCharts } from './ReformCharts.tsx';

const TYPES = ['行政编制', '事业编制', '聘用编制'] as const;
const arrow = (a: number | string | null, b: number | string | null) =>
  a === b ? String(a ?? '—') : `${String(a ?? '—')} → ${String(b ?? '—')}`;

function DutiesBeforeAfter({ diff }: { diff: UnitDiff }) {
  const text = (t: string | null) => <div style={{ whiteSpace: 'pre-wrap' }}>{t ?? '（无）'}</div>;
  return (
    <Descriptions size="small" column={2} bordered data-testid={`sandbox-duties-${String(diff.unitId)}`}>
      <Descriptions.Item label="职责任务（改革前）">{text(diff.dutiesBefore)}</Descriptions.Item>
      <Descriptions.Item label="职责任务（方案实施后）">{text(diff.dutiesAfter)}</Descriptions.Item>
    </Descriptions>
  );
}

export function SandboxView({ result, regionName }: { result: SandboxResult; regionName: string }) {
  const [allFigures, setAllFigures] = useState(false);
  const figures = allFigures ? result.figures : result.figures.filter((f) => f.before !== f.after);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="sandbox-result">
      {result.breaches.length > 0 ? (
        <Alert
          type="error"
          showIcon
          title={`方案违反 ${String(result.breaches.length)} 项规则`}
          description={result.breaches.map((b) => b.message).join('；')}
          data-testid="sandbox-breaches"
        />
      ) : (
        <Alert type="success" showIcon title="方案未违反任何规则" data-testid="sandbox-breaches" />
      )}
      <div>
        <Typography.Title level={5}>规则检查（以 {result.asOf} 台账推演，未写入任何数据）</Typography.Title>
        <RuleResultsTable results={result.rules} testId="sandbox-rules" />
      </div>
      <div>
        <Space style={{ marginBottom: 8 }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            改革后的基本情况
          </Typography.Title>
          <Switch checked={allFigures} onChange={setAllFigures} size="small" />
          <span className="bz-muted">显示全部指标</span>
        </Space>
        <Table
          size="small"
          bordered
          rowKey="key"
          pagination={false}
          dataSource={figures}
          data-testid="sandbox-figures"
          locale={{ emptyText: '方案不改变基本情况的任何数字' }}
          columns={[
            { title: '指标', dataIndex: 'label' },
            { title: '改革前', dataIndex: 'before', width: 100, align: 'right' },
            { title: '改革后', dataIndex: 'after', width: 100, align: 'right' },
            {
              title: '增减',
              key: 'delta',
              width: 100,
              align: 'right',
              render: (_: unknown, f) => {
                const d = f.after - f.before;
                return d === 0 ? (
                  '—'
                ) : (
                  <Tag color={d > 0 ? 'blue' : 'orange'}>{d > 0 ? `+${String(d)}` : String(d)}</Tag>
                );
              },
            },
          ]}
        />
      </div>
      <div>
        <Typography.Title level={5}>逐单位对比</Typography.Title>
        <Table<UnitDiff>
          size="small"
          bordered
          rowKey="unitId"
          pagination={false}
          dataSource={result.diff}
          data-testid="sandbox-diff"
          scroll={{ x: 900 }}
          expandable={{
            // 职责任务 before and after, for the units whose text the plan changes (职责划转).
            rowExpandable: (d) => d.dutiesBefore !== d.dutiesAfter,
            expandedRowRender: (d) => <DutiesBeforeAfter diff={d} />,
          }}
          columns={[
            { title: '机构', key: 'name', render: (_: unknown, d) => arrow(d.nameBefore, d.nameAfter) },
            { title: '变化', dataIndex: 'status', width: 160 },
            {
              title: '规格',
              key: 'rank',
              width: 110,
              render: (_: unknown, d) => arrow(d.rankBefore, d.rankAfter),
            },
            ...TYPES.map((t) => ({
              title: `${t}（核定/实有）`,
              key: t,
              width: 150,
              render: (_: unknown, d: UnitDiff) =>
                `${arrow(d.approvedBefore[t], d.approvedAfter[t])} / ${arrow(d.actualBefore[t], d.actualAfter[t])}`,
            })),
            {
              title: '领导职数（正/副科）',
              key: 'posts',
              width: 150,
              render: (_: unknown, d) =>
                `${arrow(d.postsBefore['正科'], d.postsAfter['正科'])} / ${arrow(d.postsBefore['副科'], d.postsAfter['副科'])}`,
            },
            {
              title: '职责任务',
              key: 'duties',
              width: 110,
              render: (_: unknown, d) =>
                d.dutiesBefore !== d.dutiesAfter ? <Tag color="purple">有调整</Tag> : '—',
            },
          ]}
        />
      </div>
      <BeforeAfterCharts
        before={result.chartBefore}
        after={result.chartAfter}
        regionName={regionName}
        labels={['现状', '方案实施后']}
      />
    </Space>
  );
}
