import { Alert, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { TABLE_NAMES } from '../../../../src/common/exchange.ts';
import type { ImportResult, RowErrorDto, TableCounts } from '../../api/index.ts';
import { formatNumber } from '../../lib/format.ts';

interface CountRow extends TableCounts {
  table: string;
}

function tableOrder(name: string): number {
  const at = (TABLE_NAMES as readonly string[]).indexOf(name);
  return at < 0 ? TABLE_NAMES.length : at;
}

const countColumns: TableColumnsType<CountRow> = [
  { title: '表名', dataIndex: 'table' },
  { title: '新增', dataIndex: 'inserted', align: 'right', render: (v: number) => formatNumber(v) },
  { title: '更新', dataIndex: 'updated', align: 'right', render: (v: number) => formatNumber(v) },
  { title: '未变', dataIndex: 'unchanged', align: 'right', render: (v: number) => formatNumber(v) },
];

function errorColumns(errors: readonly RowErrorDto[]): TableColumnsType<RowErrorDto> {
  const tables = [...new Set(errors.map((e) => e.table))].sort((a, b) => tableOrder(a) - tableOrder(b));
  return [
    {
      title: '表名',
      dataIndex: 'table',
      width: 120,
      filters: tables.map((t) => ({ text: t, value: t })),
      onFilter: (value, row) => row.table === value,
    },
    {
      title: '行号',
      dataIndex: 'row',
      width: 80,
      align: 'right',
      sorter: (a, b) => a.row - b.row,
      // row 0: the error concerns the whole table (a missing column, an empty sheet)
      render: (row: number) => (row > 0 ? row : '—'),
    },
    { title: '列名', dataIndex: 'column', width: 160, render: (v: string) => v || '—' },
    { title: '原因', dataIndex: 'reason' },
  ];
}

export function ImportErrors({ result }: { result: ImportResult }) {
  const shown = result.errors.length;
  return (
    <div data-testid="import-errors">
      <Alert
        type="error"
        showIcon
        title={`共 ${formatNumber(result.errorCount)} 处错误，未写入任何数据`}
        description={
          <>
            请按下表逐条修改文件后重新导入。行号为表格中的行号（表头为第1行）。
            {shown < result.errorCount ? `下表仅列出前 ${formatNumber(shown)} 处错误。` : null}
          </>
        }
        style={{ marginBottom: 12 }}
      />
      <Table<RowErrorDto>
        size="small"
        bordered
        rowKey={(row) => `${row.table}-${String(row.row)}-${row.column}-${row.reason}`}
        columns={errorColumns(result.errors)}
        dataSource={result.errors}
        pagination={{
          defaultPageSize: 50,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (t) => `共 ${String(t)} 条`,
        }}
        locale={{ emptyText: '暂无数据' }}
      />
    </div>
  );
}

/** Rows imported but worth a look (e.g. a 身份证号 of someone over 120 years old). */
function ImportWarnings({ result }: { result: ImportResult }) {
  const shown = result.warnings.length;
  return (
    <div data-testid="import-warnings" style={{ marginBottom: 12 }}>
      <Alert
        type="warning"
        showIcon
        title={`共 ${formatNumber(result.warningCount)} 处需要核对（不影响导入）`}
        description={shown < result.warningCount ? `下表仅列出前 ${formatNumber(shown)} 处。` : undefined}
        style={{ marginBottom: 8 }}
      />
      <Table<RowErrorDto>
        size="small"
        bordered
        rowKey={(row) => `${row.table}-${String(row.row)}-${row.column}-${row.reason}`}
        columns={errorColumns(result.warnings)}
        dataSource={result.warnings}
        pagination={{ defaultPageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '暂无数据' }}
      />
    </div>
  );
}

export function ImportSuccess({ result }: { result: ImportResult }) {
  const rows: CountRow[] = Object.entries(result.counts)
    .map(([table, counts]) => ({ table, ...counts }))
    .sort((a, b) => tableOrder(a.table) - tableOrder(b.table));
  const total = rows.reduce(
    (sum, row) => ({
      inserted: sum.inserted + row.inserted,
      updated: sum.updated + row.updated,
      unchanged: sum.unchanged + row.unchanged,
    }),
    { inserted: 0, updated: 0, unchanged: 0 },
  );
  return (
    <div data-testid="import-success">
      <Alert
        type="success"
        showIcon
        title={result.dryRun ? '检查通过（未写入）' : '导入成功'}
        description={
          result.dryRun
            ? `文件中的数据全部有效。取消勾选“仅检查（不写入）”后再次提交即可正式导入。若正式导入，将新增 ${formatNumber(total.inserted)} 条、更新 ${formatNumber(total.updated)} 条。`
            : `已在一个事务中写入：新增 ${formatNumber(total.inserted)} 条，更新 ${formatNumber(total.updated)} 条，未变 ${formatNumber(total.unchanged)} 条。`
        }
        style={{ marginBottom: 12 }}
      />
      {result.warningCount > 0 ? <ImportWarnings result={result} /> : null}
      <Typography.Text type="secondary">各表记录数{result.dryRun ? '（预计）' : ''}</Typography.Text>
      <Table<CountRow>
        size="small"
        bordered
        rowKey="table"
        columns={countColumns}
        dataSource={rows}
        pagination={false}
        style={{ marginTop: 6 }}
        locale={{ emptyText: '暂无数据' }}
        summary={() =>
          rows.length > 1 ? (
            <Table.Summary.Row className="bz-total-row">
              <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {formatNumber(total.inserted)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {formatNumber(total.updated)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {formatNumber(total.unchanged)}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </div>
  );
}
