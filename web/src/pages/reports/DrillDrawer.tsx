import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { downloadDrillExport, errorMessage, getBasicDrill } from '../../api/index.ts';
import type { DrillUnitRow, PersonSummary } from '../../api/index.ts';
import { ErrorAlert } from '../../components/feedback.tsx';
import { PersonDrawer } from '../../components/PersonDrawer.tsx';
import { CategoryTag, PersonStatusTag } from '../../components/tags.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { saveBlob } from '../../lib/download.ts';
import { dash, formatNumber } from '../../lib/format.ts';

const PAGE_SIZE = 20;

/** The figure whose rows the drawer lists. */
export interface DrillTarget {
  key: string;
  label: string;
  definition: string;
  value: number;
}

const personColumns: TableColumnsType<PersonSummary> = [
  { title: '姓名', dataIndex: 'name', width: 88, fixed: 'left' },
  {
    title: '身份证号',
    dataIndex: 'idMasked',
    width: 176,
    render: (v: string) => <span className="bz-mono">{v}</span>,
  },
  { title: '单位', dataIndex: 'unitName', ellipsis: true, width: 200 },
  { title: '编制类型', dataIndex: 'quotaType', width: 104 },
  {
    title: '人员状态',
    dataIndex: 'status',
    width: 88,
    render: (_: unknown, row) => <PersonStatusTag status={row.status} />,
  },
  { title: '入编方式', dataIndex: 'channel', width: 104, render: (v: string | null) => dash(v) },
  { title: '领导职务', dataIndex: 'leadershipLevel', width: 80 },
  { title: '入编日期', dataIndex: 'enteredOn', width: 100, render: (v: string | null) => dash(v) },
  { title: '出编日期', dataIndex: 'leftOn', width: 100, render: (v: string | null) => dash(v) },
];

const unitColumns = (onNavigate: () => void): TableColumnsType<DrillUnitRow> => [
  {
    title: '机构编码',
    dataIndex: 'unitCode',
    width: 120,
    render: (v: string) => <span className="bz-mono">{v}</span>,
  },
  {
    title: '机构名称',
    dataIndex: 'unitName',
    render: (name: string, row) => (
      <Link to={`/units/${String(row.unitId)}`} onClick={onNavigate}>
        {name}
      </Link>
    ),
  },
  {
    title: '机构类别',
    dataIndex: 'category',
    width: 120,
    render: (v: string) => <CategoryTag category={v} small />,
  },
  { title: '计入数', dataIndex: 'value', width: 80, align: 'right', render: (v: number) => formatNumber(v) },
  { title: '说明', dataIndex: 'detail', render: (v: string) => dash(v) },
];

function DrillBody({
  region,
  asOf,
  target,
  onNavigate,
}: {
  region: string;
  asOf: string | undefined;
  target: DrillTarget;
  onNavigate: () => void;
}) {
  const [page, setPage] = useState(1);
  const [personId, setPersonId] = useState<number | null>(null);
  const drill = useAsync(
    () => getBasicDrill({ region, asOf, key: target.key, page, pageSize: PAGE_SIZE }),
    [region, asOf, target.key, page],
  );
  const data = drill.data;
  const pagination = {
    current: page,
    pageSize: PAGE_SIZE,
    total: data?.total ?? 0,
    showSizeChanger: false,
    showTotal: (total: number) => `共 ${String(total)} 条`,
    onChange: (next: number) => setPage(next),
  };
  const emptyText = drill.loading ? '正在加载…' : '没有计入此数字的记录';

  return (
    <div data-testid="drill-table">
      {drill.error ? <ErrorAlert error={drill.error} onRetry={drill.reload} /> : null}
      {data?.kind === 'people' ? (
        <Table<PersonSummary>
          size="small"
          bordered
          rowKey="id"
          loading={drill.loading}
          columns={personColumns}
          dataSource={data.rows}
          scroll={{ x: 1040 }}
          pagination={pagination}
          onRow={(row) => ({ onClick: () => setPersonId(row.id), className: 'bz-clickable-row' })}
          locale={{ emptyText }}
        />
      ) : (
        <Table<DrillUnitRow>
          scroll={{ x: 'max-content' }}
          size="small"
          bordered
          rowKey="unitId"
          loading={drill.loading}
          columns={unitColumns(onNavigate)}
          dataSource={data?.kind === 'units' ? data.rows : []}
          pagination={pagination}
          locale={{ emptyText }}
        />
      )}
      <PersonDrawer personId={personId} onClose={() => setPersonId(null)} />
    </div>
  );
}

/** The rows behind one figure of the report: people or units, paged on the server, exportable. */
export function DrillDrawer({
  region,
  asOf,
  target,
  onClose,
}: {
  region: string;
  asOf: string | undefined;
  target: DrillTarget | null;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);

  const exportRows = async () => {
    if (target === null) return;
    setExporting(true);
    try {
      const file = await downloadDrillExport(region, target.key, asOf);
      saveBlob(file.blob, file.fileName);
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      size="min(1100px, 96vw)"
      destroyOnHidden
      rootClassName="bz-drill-drawer"
      title={
        target ? (
          <span data-testid="drill-title">
            {target.label}：{formatNumber(target.value)}
          </span>
        ) : null
      }
      extra={
        <Button
          icon={<DownloadOutlined />}
          loading={exporting}
          disabled={target === null}
          onClick={() => void exportRows()}
          data-testid="drill-export"
        >
          导出
        </Button>
      }
      data-testid="drill-drawer"
    >
      {target ? (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }} data-testid="drill-definition">
            口径：{target.definition}
          </Typography.Paragraph>
          <DrillBody
            key={`${region}|${asOf ?? ''}|${target.key}`}
            region={region}
            asOf={asOf}
            target={target}
            onNavigate={onClose}
          />
        </Space>
      ) : null}
    </Drawer>
  );
}
