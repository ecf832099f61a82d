// 统计年报: the year-end 机构编制统计 of a year as of 31 December — the four tables, the checks
// (表内, 表间) with the rows that disagree, export, 上报并锁定, and after the lock every figure a
// back-dated change has altered. Every figure comes from the server.
import { Alert, App, Button, Card, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/index.ts';
import {
  downloadYearend,
  getYearend,
  submitYearend,
  type YearendCheck,
  type YearendDifference,
  type YearendRow,
  type YearendTable,
} from '../../api/yearend.ts';
import { useCurrentUser, useSession } from '../../app/session.tsx';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { saveBlob } from '../../lib/download.ts';
import './yearend.css';

/** Years offered: the last ten finished years (a year is reported once it is over). */
function yearOptions(): number[] {
  const last = new Date().getFullYear() - 1;
  return Array.from({ length: 10 }, (_, i) => last - i);
}

function StatTable({ table }: { table: YearendTable }) {
  const columns: TableColumnsType<YearendRow> = [
    { title: '项目', dataIndex: 'label', fixed: 'left', width: 150 },
    ...table.columns.map((c, i) => ({
      title: c,
      key: c,
      align: 'right' as const,
      render: (_: unknown, row: YearendRow) => row.values[i] ?? 0,
    })),
  ];
  return (
    <Card size="small" title={`${table.key} ${table.title}`} data-testid={`yearend-${table.key}`}>
      <Table<YearendRow>
        rowKey="label"
        size="small"
        columns={columns}
        dataSource={[...table.rows, table.total]}
        pagination={false}
        rowClassName={(r) => (r === table.total ? 'bz-yearend-total' : '')}
        scroll={{ x: true }}
      />
    </Card>
  );
}

const checkColumns: TableColumnsType<YearendCheck> = [
  { title: '类别', dataIndex: 'kind', width: 70 },
  { title: '校验', dataIndex: 'name' },
  {
    title: '结果',
    dataIndex: 'ok',
    width: 90,
    render: (ok: boolean) => (ok ? <Tag color="success">通过</Tag> : <Tag color="error">不通过</Tag>),
  },
  {
    title: '不符之处',
    dataIndex: 'failures',
    render: (failures: string[]) =>
      failures.length === 0 ? (
        '—'
      ) : (
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {failures.map((f) => (
            <li key={f}>{f}</li>
          ))}
        </ul>
      ),
  },
];

const differenceColumns: TableColumnsType<YearendDifference> = [
  { title: '数字', dataIndex: 'label' },
  {
    title: '上报数',
    dataIndex: 'submitted',
    width: 100,
    align: 'right',
    render: (v: number | null) => v ?? '—',
  },
  { title: '现数', dataIndex: 'now', width: 100, align: 'right', render: (v: number | null) => v ?? '—' },
];

export function YearendPage() {
  const me = useCurrentUser();
  const { regionCode } = useSession();
  const { message } = App.useApp();
  const years = yearOptions();
  const [year, setYear] = useState<number>(years[0] ?? 2025);
  const [busy, setBusy] = useState(false);
  const state = useAsync(regionCode ? () => getYearend(regionCode, year) : null, [regionCode, year]);
  const data = state.data;

  const onExport = async () => {
    if (!regionCode) return;
    setBusy(true);
    try {
      const file = await downloadYearend(regionCode, year);
      saveBlob(file.blob, file.fileName);
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const onSubmit = async () => {
    if (!regionCode) return;
    setBusy(true);
    try {
      await submitYearend(regionCode, year);
      void message.success(`${String(year)}年统计年报已上报并锁定`);
      state.reload();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  let body;
  if (!regionCode) body = <EmptyState text="请选择行政区划" />;
  else if (state.error)
    body = <ErrorAlert title="统计年报加载失败" error={state.error} onRetry={state.reload} />;
  else if (!data) body = <Loading text="正在统计…" />;
  else {
    const failed = data.checks.filter((c) => !c.ok);
    body = (
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Alert
          data-testid="yearend-status"
          type={data.passed ? 'success' : 'error'}
          showIcon
          title={
            data.passed
              ? `${data.regionName}${String(data.year)}年（截至 ${data.asOf}）表内、表间校验全部通过（${String(data.checks.length)} 项）`
              : `校验不通过 ${String(failed.length)} 项：不能导出或上报，请先核对下列数据`
          }
        />
        {data.submission ? (
          <Alert
            data-testid="yearend-locked"
            type={data.differences.length > 0 || !data.submission.hashValid ? 'warning' : 'info'}
            showIcon
            title={
              <span>
                已于 {data.submission.submittedAt.slice(0, 19).replace('T', ' ')} 由{' '}
                {data.submission.submittedByName} 上报并锁定。
                {data.submission.hashValid ? '' : '上报数据的指纹不符，可能被绕过系统修改！'}
                {data.differences.length > 0
                  ? `上报后的追溯变更使 ${String(data.differences.length)} 处数字与上报时不同。`
                  : '上报后数字没有变化。'}
              </span>
            }
            description={
              <Typography.Text type="secondary" copyable style={{ fontSize: 12 }}>
                {data.submission.hash}
              </Typography.Text>
            }
          />
        ) : null}
        {data.differences.length > 0 ? (
          <Card size="small" title="上报后的差异">
            <Table<YearendDifference>
              data-testid="yearend-differences"
              rowKey="key"
              size="small"
              columns={differenceColumns}
              dataSource={data.differences}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
            />
          </Card>
        ) : null}
        <Card size="small" title="校验">
          <Table<YearendCheck>
            data-testid="yearend-checks"
            rowKey="name"
            size="small"
            columns={checkColumns}
            dataSource={[...failed, ...data.checks.filter((c) => c.ok)]}
            pagination={false}
          />
        </Card>
        {data.tables.map((t) => (
          <StatTable key={t.key} table={t} />
        ))}
      </Space>
    );
  }

  return (
    <PageContainer
      title="统计年报"
      subTitle="年末机构编制统计：截至当年12月31日，先校验后导出、上报"
      extra={
        <Space>
          <Select<number>
            aria-label="年度"
            value={year}
            onChange={setYear}
            options={years.map((y) => ({ value: y, label: `${String(y)}年` }))}
            style={{ width: 110 }}
          />
          <Button onClick={() => void onExport()} disabled={!data?.passed} loading={busy}>
            导出 Excel
          </Button>
          {me.permissions.submitYearend ? (
            <Popconfirm
              title={`上报${String(year)}年统计年报并锁定？`}
              description="上报后该年度不能再次上报；之后的追溯变更将列为差异。"
              okText="上报"
              cancelText="取消"
              onConfirm={() => void onSubmit()}
              disabled={!data?.passed || data.submission !== null}
            >
              <Button type="primary" disabled={!data?.passed || data.submission !== null} loading={busy}>
                {data?.submission ? '已上报' : '上报并锁定'}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      }
    >
      {body}
    </PageContainer>
  );
}
