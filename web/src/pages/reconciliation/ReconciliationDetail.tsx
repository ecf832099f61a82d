// One comparison: its counts, a tab per kind of difference with the rows a page at a time, and the
// export of every difference.
import { FileExcelOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Table, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/index.ts';
import {
  DIFFERENCE_KINDS,
  downloadReconciliation,
  listReconciliationItems,
  type DifferenceKind,
  type DifferenceView,
  type ReconciliationSummary,
} from '../../api/reconciliation.ts';
import { ErrorAlert } from '../../components/feedback.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { saveBlob } from '../../lib/download.ts';
import { dash, dateTime, formatNumber } from '../../lib/format.ts';
import { DIFFERENCE_HINTS, DIFFERENCE_LABELS } from './labels.ts';

const columns: TableColumnsType<DifferenceView> = [
  {
    title: '名单行号',
    dataIndex: 'rowNumber',
    width: 84,
    align: 'right',
    render: (v: number | null) => (v === null ? '—' : v),
  },
  { title: '姓名', dataIndex: 'name', width: 90 },
  {
    title: '身份证号',
    dataIndex: 'idMasked',
    width: 180,
    render: (v: string) => <span className="bz-mono">{v || '—'}</span>,
  },
  { title: '名单单位', dataIndex: 'listUnit', render: (v: string | null) => dash(v) },
  { title: '实名库单位', dataIndex: 'ledgerUnitName', render: (v: string | null) => dash(v) },
  { title: '名单编制类型', dataIndex: 'listQuotaType', width: 110, render: (v: string | null) => dash(v) },
  {
    title: '实名库编制类型',
    dataIndex: 'ledgerQuotaType',
    width: 120,
    render: (v: string | null) => dash(v),
  },
  { title: '说明', dataIndex: 'note', render: (v: string | null) => dash(v) },
];

function firstWithRows(summary: ReconciliationSummary): DifferenceKind {
  return DIFFERENCE_KINDS.find((k) => summary.counts[k] > 0) ?? 'not_on_establishment';
}

function Items({ id, kind, total }: { id: number; kind: DifferenceKind; total: number }) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const items = useAsync(() => listReconciliationItems(id, kind, page, pageSize), [id, kind, page, pageSize]);
  return (
    <div>
      <Typography.Paragraph type="secondary" className="bz-rec-hint">
        {DIFFERENCE_HINTS[kind]}
      </Typography.Paragraph>
      {items.error ? <ErrorAlert error={items.error} onRetry={items.reload} /> : null}
      <Table<DifferenceView>
        size="small"
        bordered
        rowKey={(row) => `${String(row.rowNumber ?? 'x')}-${row.idMasked}-${row.name}-${row.kind}`}
        columns={columns}
        dataSource={items.data?.items ?? []}
        loading={items.loading}
        scroll={{ x: 'max-content' }}
        data-testid="reconcile-items"
        locale={{ emptyText: `没有“${DIFFERENCE_LABELS[kind]}”的差异` }}
        pagination={{
          current: page,
          pageSize,
          total: items.data?.total ?? total,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (n) => `共 ${formatNumber(n)} 条`,
          onChange: (p, size) => {
            setPage(size === pageSize ? p : 1);
            setPageSize(size);
          },
        }}
      />
    </div>
  );
}

export function ReconciliationDetail({ summary }: { summary: ReconciliationSummary }) {
  const { message } = App.useApp();
  const [kind, setKind] = useState<DifferenceKind>(() => firstWithRows(summary));
  const [downloading, setDownloading] = useState(false);
  const c = summary.counts;
  const differences = DIFFERENCE_KINDS.reduce((s, k) => s + c[k], 0);

  const download = async () => {
    setDownloading(true);
    try {
      const file = await downloadReconciliation(summary.id);
      saveBlob(file.blob, file.fileName);
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Card
      size="small"
      className="bz-section"
      data-testid="reconcile-detail"
      title={`比对结果：${summary.sourceLabel} · ${summary.comparedOn}`}
      extra={
        <Button
          size="small"
          icon={<FileExcelOutlined />}
          loading={downloading}
          onClick={() => void download()}
          data-testid="reconcile-export"
        >
          导出差异
        </Button>
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        className="bz-section"
        items={[
          { key: 'file', label: '名单文件', children: summary.fileName },
          { key: 'on', label: '比对日期', children: summary.comparedOn },
          { key: 'by', label: '比对人', children: summary.createdByName || '—' },
          { key: 'at', label: '比对时间', children: dateTime(summary.createdAt) },
          { key: 'rows', label: '名单人数（行）', children: formatNumber(c.listRows) },
          { key: 'ledger', label: '比对日在编人数', children: formatNumber(c.ledgerPeople) },
          { key: 'matched', label: '完全一致', children: formatNumber(c.matched) },
          {
            key: 'diff',
            label: '差异合计',
            children: (
              <span className={differences > 0 ? 'bz-rec-bad' : undefined}>{formatNumber(differences)}</span>
            ),
          },
        ]}
      />
      <Tabs
        activeKey={kind}
        onChange={(k) => {
          const found = DIFFERENCE_KINDS.find((d) => d === k);
          if (found) setKind(found);
        }}
        items={DIFFERENCE_KINDS.map((k) => ({
          key: k,
          label: (
            <span data-testid={`reconcile-tab-${k}`}>
              {DIFFERENCE_LABELS[k]}
              <span className={c[k] > 0 ? 'bz-rec-count bz-rec-count-bad' : 'bz-rec-count'}>
                {formatNumber(c[k])}
              </span>
            </span>
          ),
        }))}
      />
      <Items key={`${String(summary.id)}-${kind}`} id={summary.id} kind={kind} total={c[kind]} />
    </Card>
  );
}
