import { Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { BASIC_PLACES } from '../../../../src/common/report-basic.ts';
import type { CountiesResponse } from '../../api/index.ts';
import { formatNumber } from '../../lib/format.ts';

/** The rows of 各县对比, in the order of the report. */
export const COMPARED_KEYS = [
  'partyGovernmentOrgans',
  'partyOrgans',
  'governmentOrgans',
  'townships',
  'streets',
  'dispatchedOrgans',
  'institutions',
  'quotaTotal',
  'adminQuota',
  'politicalLegalQuota',
  'institutionQuota',
  'contractQuota',
  'totalActual',
  'totalVacant',
  'totalPending',
  'totalRealVacant',
  'adminActual',
  'institutionActual',
  'contractActual',
  'schoolQuota',
  'schoolActual',
  'healthQuota',
  'healthActual',
] as const;

/** 政法专项编制 is part of 行政编制: shown as "其中". */
const PART_KEYS = new Set<string>(['politicalLegalQuota']);

interface Row {
  key: string;
  label: string;
  definition: string;
  values: Record<string, number | undefined>;
  total: number;
}

const TOTAL = '__total';

function labelOf(key: string): { label: string; definition: string } {
  const place = BASIC_PLACES.find((p) => p.key === key);
  return { label: place?.label ?? key, definition: place?.definition ?? '' };
}

/** For a city or province: each county's main figures side by side, with the server's sum. */
export function CountiesTable({ data }: { data: CountiesResponse }) {
  const shown = data.counties.filter((county) => county.hasData);
  const rows: Row[] = COMPARED_KEYS.map((key) => {
    const values: Record<string, number | undefined> = {};
    for (const county of shown) values[county.code] = county.figures[key];
    return { key, ...labelOf(key), values, total: data.total[key] ?? 0 };
  });

  const columns: TableColumnsType<Row> = [
    {
      title: '指标',
      dataIndex: 'label',
      fixed: 'left',
      width: 150,
      render: (label: string, row) => (
        <span title={row.definition} className={PART_KEYS.has(row.key) ? 'bz-part-row' : undefined}>
          {PART_KEYS.has(row.key) ? `其中：${label}` : label}
        </span>
      ),
    },
    ...shown.map((county) => ({
      title: county.name,
      key: county.code,
      align: 'right' as const,
      width: 96,
      render: (_: unknown, row: Row) => {
        const value = row.values[county.code];
        return value === undefined ? '—' : formatNumber(value);
      },
    })),
    {
      title: '合计（有数据的县）',
      key: TOTAL,
      align: 'right',
      fixed: 'right',
      width: 96,
      render: (_: unknown, row) => <strong>{formatNumber(row.total)}</strong>,
    },
  ];

  return (
    <Table<Row>
      size="small"
      bordered
      rowKey="key"
      pagination={false}
      columns={columns}
      dataSource={rows}
      scroll={{ x: 150 + 96 * (shown.length + 1) }}
      style={{ maxWidth: Math.max(520, 190 + 120 * (shown.length + 1)) }}
      locale={{ emptyText: '暂无下辖县（市、区）的数据' }}
      data-testid="counties-table"
    />
  );
}
