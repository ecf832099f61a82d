// 标准版本: the region's own versions of each standard and the shipped national ones, with the
// version the shown year uses marked.
import { Collapse, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Standard, StandardsResult, StandardVersions } from '../../api/standards.ts';
import { ErrorAlert, Loading } from '../../components/feedback.tsx';
import { dateTime } from '../../lib/format.ts';
import { describeRule, STANDARD_KEYS, STANDARD_LABELS, validity } from './labels.ts';

interface VersionRow {
  rowKey: string;
  standard: Standard;
  origin: 'region' | 'default';
  id: number | null;
  recordedAt: string | null;
  inUse: boolean;
}

function rowsOf(versions: StandardVersions, result: StandardsResult): VersionRow[] {
  const inUse = (s: Standard, id: number | null): boolean =>
    result.kinds.some((k) => {
      const a = k.applied;
      if (!a || k.key !== s.key) return false;
      if (a.origin === 'region') return id !== null && a.id === id;
      return id === null && a.standard.validFrom === s.validFrom && a.standard.name === s.name;
    });
  const order = (s: Standard) => STANDARD_KEYS.indexOf(s.key);
  const own: VersionRow[] = [...versions.region]
    .sort((a, b) => order(a) - order(b) || b.version - a.version)
    .map((s) => ({
      rowKey: `r${String(s.id)}`,
      standard: s,
      origin: 'region',
      id: s.id,
      recordedAt: s.recordedAt,
      inUse: inUse(s, s.id),
    }));
  const defaults: VersionRow[] = [...versions.defaults]
    .sort((a, b) => order(a) - order(b) || b.validFrom.localeCompare(a.validFrom))
    .map((s, i) => ({
      rowKey: `d${String(i)}`,
      standard: s,
      origin: 'default',
      id: null,
      recordedAt: null,
      inUse: inUse(s, null),
    }));
  return [...own, ...defaults];
}

export function VersionsPanel({
  versions,
  error,
  loading,
  onRetry,
  result,
}: {
  versions: StandardVersions | undefined;
  error: unknown;
  loading: boolean;
  onRetry: () => void;
  result: StandardsResult;
}) {
  const columns: TableColumnsType<VersionRow> = [
    {
      title: '类别',
      key: 'kind',
      width: 96,
      render: (_: unknown, row) => STANDARD_LABELS[row.standard.key],
    },
    {
      title: '版本',
      key: 'version',
      width: 120,
      render: (_: unknown, row) => (
        <span>
          {row.origin === 'region' ? `本县第${String(row.standard.version)}版` : '默认'}
          {row.inUse ? (
            <Tag color="green" className="bz-std-tag">
              {result.year}年度采用
            </Tag>
          ) : null}
        </span>
      ),
    },
    { title: '名称', key: 'name', render: (_: unknown, row) => row.standard.name },
    { title: '配备标准', key: 'rule', render: (_: unknown, row) => describeRule(row.standard) },
    {
      title: '依据文件',
      key: 'doc',
      render: (_: unknown, row) => <span className="bz-std-doc">{row.standard.sourceDocument}</span>,
    },
    { title: '有效期', key: 'valid', width: 190, render: (_: unknown, row) => validity(row.standard) },
    {
      title: '录入时间',
      key: 'recordedAt',
      width: 130,
      render: (_: unknown, row) => (row.recordedAt ? dateTime(row.recordedAt) : '系统内置'),
    },
  ];
  const count = versions ? versions.region.length : null;
  return (
    <Collapse
      className="bz-section"
      data-testid="standards-versions"
      items={[
        {
          key: 'versions',
          label: `标准版本记录${count === null ? '' : `（本县 ${String(count)} 个版本，另有国家默认标准 ${String(versions?.defaults.length ?? 0)} 个）`}`,
          children: error ? (
            <ErrorAlert title="标准版本加载失败" error={error} onRetry={onRetry} />
          ) : versions ? (
            <Table<VersionRow>
              scroll={{ x: 'max-content' }}
              size="small"
              bordered
              rowKey="rowKey"
              columns={columns}
              dataSource={rowsOf(versions, result)}
              pagination={false}
              loading={loading}
            />
          ) : (
            <Loading />
          ),
        },
      ]}
    />
  );
}
