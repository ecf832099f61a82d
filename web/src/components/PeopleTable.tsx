import { Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import type { PersonStatus, QuotaType } from '../../../src/common/labels.ts';
import { listPeople } from '../api/index.ts';
import type { PersonSummary } from '../api/index.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { dash } from '../lib/format.ts';
import { ErrorAlert } from './feedback.tsx';
import { PersonDrawer } from './PersonDrawer.tsx';
import { PersonStatusTag } from './tags.tsx';

export interface PeopleFilter {
  region: string;
  unitId?: number;
  includeSubunits?: boolean;
  q?: string;
  status?: PersonStatus;
  quotaType?: QuotaType;
}

function columns(showUnit: boolean): TableColumnsType<PersonSummary> {
  const all: TableColumnsType<PersonSummary> = [
    { title: '姓名', dataIndex: 'name', width: 96, fixed: 'left' },
    {
      title: '身份证号',
      dataIndex: 'idMasked',
      width: 180,
      render: (v: string) => <span className="bz-mono">{v}</span>,
    },
    { title: '性别', dataIndex: 'gender', width: 60 },
    { title: '出生日期', dataIndex: 'birthDate', width: 104 },
    { title: '所在机构', dataIndex: 'unitName', ellipsis: true },
    { title: '编制类型', dataIndex: 'quotaType', width: 116 },
    {
      title: '人员状态',
      dataIndex: 'status',
      width: 88,
      render: (_: unknown, row) => <PersonStatusTag status={row.status} />,
    },
    { title: '入编方式', dataIndex: 'channel', width: 104, render: (v: string | null) => dash(v) },
    { title: '领导职务', dataIndex: 'leadershipLevel', width: 80 },
    { title: '入编日期', dataIndex: 'enteredOn', width: 104, render: (v: string | null) => dash(v) },
    { title: '出编日期', dataIndex: 'leftOn', width: 104, render: (v: string | null) => dash(v) },
  ];
  return showUnit ? all : all.filter((column) => column.title !== '所在机构');
}

/** The people list with server-side paging; a click on a row opens the person's details. */
export function PeopleTable({ filter, showUnit = true }: { filter: PeopleFilter; showUnit?: boolean }) {
  const [pageSize, setPageSize] = useState(20);
  const [personId, setPersonId] = useState<number | null>(null);
  const filterKey = JSON.stringify(filter);
  // The page belongs to the filter it was chosen under: a new filter starts again at page 1.
  const [paging, setPaging] = useState({ filterKey, page: 1 });
  const page = paging.filterKey === filterKey ? paging.page : 1;
  const setPage = (next: number) => setPaging({ filterKey, page: next });

  const people = useAsync(() => listPeople({ ...filter, page, pageSize }), [filterKey, page, pageSize]);

  return (
    <>
      {people.error ? <ErrorAlert error={people.error} onRetry={people.reload} /> : null}
      <Table<PersonSummary>
        size="small"
        bordered
        rowKey="id"
        loading={people.loading}
        columns={columns(showUnit)}
        dataSource={people.data?.items ?? []}
        scroll={{ x: showUnit ? 1200 : 1000 }}
        onRow={(row) => ({ onClick: () => setPersonId(row.id), className: 'bz-clickable-row' })}
        locale={{ emptyText: people.loading ? '正在加载…' : '暂无数据' }}
        pagination={{
          current: page,
          pageSize,
          total: people.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total) => `共 ${String(total)} 人`,
          onChange: (nextPage, nextSize) => {
            if (nextSize !== pageSize) {
              setPageSize(nextSize);
              setPage(1);
            } else {
              setPage(nextPage);
            }
          },
        }}
      />
      <PersonDrawer personId={personId} onClose={() => setPersonId(null)} />
    </>
  );
}
