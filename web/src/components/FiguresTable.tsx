import { Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { QuotaFigure } from '../api/index.ts';
import { figureRows, type FigureRow } from '../lib/figures.ts';
import { formatNumber } from '../lib/format.ts';

function OverCell({ value }: { value: number }) {
  return value > 0 ? (
    <Typography.Text type="danger" strong>
      {formatNumber(value)}
    </Typography.Text>
  ) : (
    <span>{formatNumber(value)}</span>
  );
}

const columns: TableColumnsType<FigureRow> = [
  {
    title: '编制类型',
    dataIndex: 'label',
    render: (label: string, row) =>
      row.isTotal ? (
        <strong>{label}</strong>
      ) : (
        <span className={row.isPart ? 'bz-part-row' : undefined}>{label}</span>
      ),
  },
  { title: '核定', dataIndex: 'approved', align: 'right', render: (v: number) => formatNumber(v) },
  { title: '实有', dataIndex: 'actual', align: 'right', render: (v: number) => formatNumber(v) },
  { title: '空编', dataIndex: 'vacant', align: 'right', render: (v: number) => formatNumber(v) },
  { title: '超编', dataIndex: 'over', align: 'right', render: (v: number) => <OverCell value={v} /> },
  { title: '待入编', dataIndex: 'pending', align: 'right', render: (v: number) => formatNumber(v) },
  {
    title: '实际空编',
    dataIndex: 'realVacant',
    align: 'right',
    render: (v: number) => formatNumber(v),
  },
];

export function FiguresTable({
  figures,
  total = null,
}: {
  figures: readonly QuotaFigure[];
  /** The server's 合计 row, when there is one to show. */
  total?: Omit<QuotaFigure, 'quotaType'> | null;
}) {
  return (
    <Table<FigureRow>
      size="small"
      bordered
      rowKey="key"
      pagination={false}
      columns={columns}
      dataSource={figureRows(figures, total)}
      scroll={{ x: 'max-content' }}
      rowClassName={(row) => (row.isTotal ? 'bz-total-row' : row.over > 0 ? 'bz-over-row' : '')}
      locale={{ emptyText: '暂无编制数据' }}
    />
  );
}
