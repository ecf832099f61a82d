// One kind of unit (中小学 / 幼儿园 / 基层卫生院): the standard in force, a chart of 应配 against 核定
// and the per-unit table whose student numbers (or service population) can be changed for a what-if.
import { Alert, Card, Descriptions, InputNumber, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, type ReactNode } from 'react';
import type { KindResult, StandardKey, UnitStandardRow } from '../../api/standards.ts';
import { EChart } from '../../components/EChart.tsx';
import { formatNumber } from '../../lib/format.ts';
import { CHART_TOP, chartHeight, chartRows, requirementBarOption } from './charts.ts';
import { describeRule, ROUNDING_LABELS, validity, versionLabel, wholeRegion } from './labels.ts';
import { Delta } from './Delta.tsx';
import { withPopulation, withStudent, type StudentField, type WhatIfDraft } from './whatIf.ts';

interface Column {
  key: string;
  title: ReactNode;
  width?: number;
  align?: 'left' | 'right' | 'center';
  render: (row: UnitStandardRow) => ReactNode;
  /** The 合计 cell. */
  total?: ReactNode;
  sorter?: (a: UnitStandardRow, b: UnitStandardRow) => number;
  fixed?: 'left';
}

const INPUT_FIELDS: Record<StandardKey, { field: StudentField | 'population'; label: string }[]> = {
  school: [
    { field: 'senior', label: '高中学生' },
    { field: 'junior', label: '初中学生' },
    { field: 'primary', label: '小学学生' },
  ],
  kindergarten: [{ field: 'children', label: '在园幼儿' }],
  healthCentre: [{ field: 'population', label: '服务人口' }],
};

function recordedInput(row: UnitStandardRow, field: StudentField | 'population'): number | null {
  return field === 'population' ? row.inputs.servicePopulation : row.inputs[field];
}

function draftInput(
  draft: WhatIfDraft,
  code: string,
  field: StudentField | 'population',
): number | undefined {
  return field === 'population' ? draft.population[code] : draft.students[code]?.[field];
}

const num = (n: number) => formatNumber(n);

function sum(rows: readonly UnitStandardRow[], pick: (r: UnitStandardRow) => number | null): number {
  return rows.reduce((s, r) => s + (pick(r) ?? 0), 0);
}

export function KindSection({
  kind,
  regionName,
  year,
  draft,
  onDraft,
  whatIf,
}: {
  kind: KindResult;
  regionName: string;
  year: number;
  draft: WhatIfDraft;
  onDraft: (next: WhatIfDraft) => void;
  /** The same kind in the what-if result, when one was run. */
  whatIf: KindResult | null;
}) {
  const whatIfRows = useMemo(() => (whatIf ? new Map(whatIf.rows.map((r) => [r.code, r])) : null), [whatIf]);
  const option = useMemo(
    () => requirementBarOption(kind.rows, regionName, whatIfRows),
    [kind.rows, regionName, whatIfRows],
  );
  const applied = kind.applied;
  const t = kind.totals;
  const shownInChart = chartRows(kind.rows).length;

  const inputColumns: Column[] = INPUT_FIELDS[kind.key].map(({ field, label }) => ({
    key: field,
    title: label,
    width: field === 'population' ? 120 : 104,
    align: 'right',
    total: num(sum(kind.rows, (r) => draftInput(draft, r.code, field) ?? recordedInput(r, field))),
    render: (row) => {
      const recorded = recordedInput(row, field);
      const changed = draftInput(draft, row.code, field);
      return (
        <InputNumber<number>
          size="small"
          min={0}
          max={10_000_000}
          precision={0}
          controls={false}
          value={changed ?? recorded}
          placeholder="—"
          className={changed === undefined ? 'bz-std-input' : 'bz-std-input bz-std-changed'}
          aria-label={`${row.name}${label}`}
          title={
            changed === undefined
              ? `${label}：${recorded === null ? '无数据' : num(recorded)}${row.inputs.year !== null && row.inputs.year !== year ? `（${String(row.inputs.year)}年数）` : ''}；可修改后测算`
              : `假设值，原为 ${recorded === null ? '无数据' : num(recorded)}`
          }
          data-testid={`whatif-input-${row.code}-${field}`}
          onChange={(value) =>
            onDraft(
              field === 'population'
                ? withPopulation(draft, row.code, value, recorded)
                : withStudent(draft, row.code, field, value, recorded),
            )
          }
        />
      );
    },
  }));

  const columns: Column[] = [
    {
      key: 'name',
      title: '机构',
      width: 200,
      fixed: 'left',
      total: `合计（${String(t.units)}个）`,
      render: (row) => (
        <div>
          <div>{row.name}</div>
          <div className="bz-muted">
            {row.code}
            {row.unitType && kind.unitTypes.length > 1 ? ` · ${row.unitType}` : ''}
          </div>
        </div>
      ),
    },
    ...inputColumns,
    {
      key: 'formula',
      title: '计算公式',
      width: 250,
      render: (row) => <span className="bz-std-formula">{row.formula}</span>,
    },
    {
      key: 'requirement',
      title: '应配',
      width: 72,
      align: 'right',
      total: num(t.requirement),
      sorter: (a, b) => a.requirement - b.requirement,
      render: (row) => num(row.requirement),
    },
    {
      key: 'approved',
      title: '核定',
      width: 90,
      align: 'right',
      total: num(t.approved),
      sorter: (a, b) => a.approved - b.approved,
      render: (row) => (
        <span title={row.approvedPool > 0 ? `含周转池编制 ${num(row.approvedPool)} 名` : undefined}>
          {num(row.approved)}
          {row.approvedPool > 0 ? <span className="bz-muted">（池{num(row.approvedPool)}）</span> : null}
        </span>
      ),
    },
    {
      key: 'actual',
      title: '实有',
      width: 72,
      align: 'right',
      total: num(t.actual),
      sorter: (a, b) => a.actual - b.actual,
      render: (row) => num(row.actual),
    },
    {
      key: 'shortfall',
      title: '缺配',
      width: 72,
      align: 'right',
      total: <span className={t.unitShortfall > 0 ? 'bz-std-short' : undefined}>{num(t.unitShortfall)}</span>,
      sorter: (a, b) => a.shortfall - b.shortfall,
      render: (row) => (row.shortfall > 0 ? <span className="bz-std-short">{num(row.shortfall)}</span> : '0'),
    },
    {
      key: 'surplus',
      title: '超配',
      width: 72,
      align: 'right',
      total: num(t.unitSurplus),
      sorter: (a, b) => a.surplus - b.surplus,
      render: (row) => num(row.surplus),
    },
  ];
  if (whatIf && whatIfRows) {
    columns.push(
      {
        key: 'whatIfRequirement',
        title: <span className="bz-std-whatif-title">测算应配</span>,
        width: 120,
        align: 'right',
        total: <Delta before={t.requirement} after={whatIf.totals.requirement} />,
        render: (row) => {
          const w = whatIfRows.get(row.code);
          return w ? <Delta before={row.requirement} after={w.requirement} /> : '—';
        },
      },
      {
        key: 'whatIfShortfall',
        title: <span className="bz-std-whatif-title">测算缺配</span>,
        width: 120,
        align: 'right',
        total: <Delta before={t.unitShortfall} after={whatIf.totals.unitShortfall} bad="up" />,
        render: (row) => {
          const w = whatIfRows.get(row.code);
          return w ? <Delta before={row.shortfall} after={w.shortfall} bad="up" /> : '—';
        },
      },
    );
  }

  const tableColumns: TableColumnsType<UnitStandardRow> = columns.map((c) => ({
    key: c.key,
    title: c.title,
    width: c.width,
    align: c.align,
    fixed: c.fixed,
    sorter: c.sorter,
    render: (_: unknown, row: UnitStandardRow) => c.render(row),
  }));

  const region = wholeRegion(regionName);
  const covered = t.unitShortfall - t.shortfall;

  return (
    <div data-testid={`standards-kind-${kind.key}`}>
      {applied ? (
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          className="bz-section"
          items={[
            {
              key: 'name',
              label: '标准名称',
              children: (
                <span>
                  {applied.standard.name}{' '}
                  <Tag color={applied.origin === 'region' ? 'blue' : 'default'}>
                    {versionLabel(applied.origin, applied.standard.version)}
                  </Tag>
                </span>
              ),
            },
            { key: 'valid', label: '有效期', children: validity(applied.standard) },
            { key: 'doc', label: '依据文件', span: 'filled', children: applied.standard.sourceDocument },
            { key: 'rule', label: '配备标准', children: describeRule(applied.standard) },
            { key: 'rounding', label: '取整方式', children: ROUNDING_LABELS[applied.standard.rounding] },
            { key: 'types', label: '测算机构', children: kind.unitTypes.join('、') },
            {
              key: 'count',
              label: '机构数',
              children: `${String(t.units)} 个`,
            },
          ]}
        />
      ) : (
        <Alert
          type="warning"
          showIcon
          className="bz-section"
          title={`${String(year)}年12月31日没有有效的${kind.label}编制标准，未测算`}
        />
      )}
      {kind.rows.length > 0 ? (
        <Card
          size="small"
          className="bz-section"
          title={
            kind.rows.length > CHART_TOP
              ? `应配与核定对比（缺配最多的 ${String(shownInChart)} 个）`
              : '应配与核定对比'
          }
        >
          <EChart
            option={option}
            style={{ height: chartHeight(shownInChart) }}
            ariaLabel={`${kind.label}应配与核定对比图`}
            testId={`standards-chart-${kind.key}`}
          />
        </Card>
      ) : null}
      <Card
        size="small"
        className="bz-section"
        title="各单位测算明细"
        extra={<span className="bz-muted">学生数、服务人口可直接修改，用于假设测算（不保存）</span>}
      >
        <Table<UnitStandardRow>
          size="small"
          bordered
          rowKey="code"
          columns={tableColumns}
          dataSource={kind.rows}
          scroll={{ x: 'max-content' }}
          pagination={
            kind.rows.length > 20
              ? { defaultPageSize: 20, showSizeChanger: true, showTotal: (n) => `共 ${String(n)} 个` }
              : false
          }
          locale={{ emptyText: `本县没有${kind.unitTypes.join('、')}` }}
          data-testid={`standards-table-${kind.key}`}
          summary={() =>
            kind.rows.length > 0 ? (
              <Table.Summary fixed>
                <Table.Summary.Row className="bz-total-row">
                  {columns.map((c, index) => (
                    <Table.Summary.Cell key={c.key} index={index} align={c.align}>
                      {c.total ?? null}
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
        />
        {kind.rows.length > 0 ? (
          <Typography.Paragraph type="secondary" className="bz-std-footnote">
            {region}
            {kind.label}缺配 = max(0, 应配合计 {num(t.requirement)} − 核定合计 {num(t.approved)}) ={' '}
            <strong className={t.shortfall > 0 ? 'bz-std-short' : undefined}>{num(t.shortfall)}</strong> 名
            {t.surplus > 0 ? `；超配 ${num(t.surplus)} 名` : ''}。
            {covered > 0
              ? `各单位缺配之和为 ${num(t.unitShortfall)} 名，其中 ${num(covered)} 名由其他单位的超配在${region}范围内调剂（县管校聘），不计入${region}缺配。`
              : ''}
          </Typography.Paragraph>
        ) : null}
      </Card>
    </div>
  );
}
