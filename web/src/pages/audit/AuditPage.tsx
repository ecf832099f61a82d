import { DownloadOutlined, ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, AutoComplete, Button, Card, Form, Input, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { downloadAuditExport, listAuditEvents } from '../../api/audit.ts';
import type { AuditEvent, AuditFilters } from '../../api/audit.ts';
import { ApiError, errorMessage } from '../../api/index.ts';
import { useCurrentUser, useSession } from '../../app/session.tsx';
import { EmptyState, ErrorAlert } from '../../components/feedback.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { saveBlob } from '../../lib/download.ts';
import { EMPTY } from '../../lib/format.ts';
import { regionPath } from '../../lib/regions.ts';
import { auditDetailRows } from '../../../../src/common/audit-labels.ts';
import './audit.css';
import {
  AUDIT_ACTION_GROUPS,
  AUDIT_ENTITY_TYPES,
  actionColor,
  actionLabel,
  chinaDateTime,
  entityTypeLabel,
  parsePayload,
} from './auditLabels.ts';

const ACTION_OPTIONS = AUDIT_ACTION_GROUPS.map((group) => ({
  label: group.label,
  options: group.actions.map((value) => ({ value, label: actionLabel(value) })),
}));
const ENTITY_OPTIONS = Object.entries(AUDIT_ENTITY_TYPES).map(([value, label]) => ({ value, label }));

/** The URL's filters: ?action=&entityType=&entityId=&actor= (empty ones left out). */
type FilterKey = 'action' | 'entityType' | 'entityId' | 'actor';
const FILTER_KEYS: readonly FilterKey[] = ['action', 'entityType', 'entityId', 'actor'];

function useAuditFilters(): [Partial<Record<FilterKey, string>>, (key: FilterKey, value: string) => void] {
  const [params, setParams] = useSearchParams();
  const filters: Partial<Record<FilterKey, string>> = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  const set = (key: FilterKey, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value.trim()) next.set(key, value.trim());
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  return [filters, set];
}

/** The event's payload as Chinese key/value rows, before and after, the changed ones marked. */
function EventDetail({ event }: { event: AuditEvent }) {
  const parsed = parsePayload(event.payload);
  const rows = parsed ? auditDetailRows(parsed.before, parsed.after) : [];
  const changed = rows.filter((r) => r.changed).map((r) => r.label);
  const hasBefore = parsed !== null && parsed.before !== null;
  const hasAfter = parsed !== null && parsed.after !== null;
  return (
    <div className="bz-audit-detail" data-testid={`audit-detail-${String(event.id)}`}>
      <div className="bz-audit-meta">
        <span>
          对象：{entityTypeLabel(event.entityType)}
          {event.entityId ? ` ${event.entityId}` : ''}
        </span>
        <span>操作：{actionLabel(event.action)}</span>
        {changed.length > 0 ? <span>变动项：{changed.join('、')}</span> : null}
        <span className="bz-audit-hash" title="本事件的哈希（含前一事件的哈希）">
          哈希：<span className="bz-mono">{event.hash}</span>
        </span>
      </div>
      {parsed && rows.length > 0 ? (
        <table className="bz-audit-kv" data-testid="audit-detail-table">
          <thead>
            <tr>
              <th>项目</th>
              {hasBefore ? <th>变更前</th> : null}
              {hasAfter ? <th>{hasBefore ? '变更后' : '内容'}</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.field} className={row.changed ? 'bz-audit-changed' : undefined}>
                <th scope="row">{row.label}</th>
                {hasBefore ? <td>{row.before}</td> : null}
                {hasAfter ? <td>{row.after}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : parsed ? (
        <div className="bz-audit-none">（无内容）</div>
      ) : (
        <pre className="bz-audit-json">{event.payload}</pre>
      )}
    </div>
  );
}

const columns: TableColumnsType<AuditEvent> = [
  {
    title: '序号',
    dataIndex: 'id',
    width: 80,
    align: 'right',
    render: (id: number) => <span className="bz-mono">{id}</span>,
  },
  {
    title: '时间',
    dataIndex: 'at',
    width: 164,
    render: (at: string) => (
      <span className="bz-nowrap" title={`${at}（北京时间显示）`}>
        {chinaDateTime(at)}
      </span>
    ),
  },
  { title: '操作人', dataIndex: 'actorName', width: 130, ellipsis: true },
  {
    title: '操作',
    dataIndex: 'action',
    width: 130,
    render: (action: string) => (
      <Tag color={actionColor(action)} title={action}>
        {actionLabel(action)}
      </Tag>
    ),
  },
  {
    title: '对象',
    dataIndex: 'entityType',
    width: 120,
    render: (_: unknown, row) => (
      <span className="bz-nowrap">
        {entityTypeLabel(row.entityType)}
        {row.entityId ? <span className="bz-muted"> {row.entityId}</span> : null}
      </span>
    ),
  },
  { title: '摘要', dataIndex: 'summary', render: (v: string) => v || EMPTY },
];

export function AuditPage() {
  const me = useCurrentUser();
  const { message } = App.useApp();
  const { regionCode, regionById } = useSession();
  const [filters, setFilter] = useAuditFilters();
  const [pageSize, setPageSize] = useState(20);
  const filterKey = [regionCode ?? '', ...FILTER_KEYS.map((k) => filters[k] ?? '')].join('|');
  // A page belongs to the filters it was chosen under.
  const [paging, setPaging] = useState({ filterKey, page: 1 });
  const page = paging.filterKey === filterKey ? paging.page : 1;
  const [exporting, setExporting] = useState(false);
  // Typed text is applied on Enter or when the field is left, not on every keystroke.
  const [entityIdDraft, setEntityIdDraft] = useState<string | null>(null);
  const [actorDraft, setActorDraft] = useState<string | null>(null);
  const allowed = me.permissions.readAudit;

  const query: AuditFilters | null = regionCode && allowed ? { region: regionCode, ...filters } : null;
  const events = useAsync(query ? () => listAuditEvents(query, page, pageSize) : null, [
    filterKey,
    page,
    pageSize,
    allowed,
  ]);
  const data = events.data;

  const [knownActors, setKnownActors] = useState<readonly string[]>([]);
  const actorNames = useMemo(() => {
    const names = new Set(knownActors);
    for (const item of data?.items ?? []) names.add(item.actorName);
    return [...names].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  }, [knownActors, data]);
  if (data && data.items.some((item) => !knownActors.includes(item.actorName))) {
    setKnownActors(actorNames);
  }

  if (regionCode === null) return null;

  if (!allowed) {
    return (
      <PageContainer title="审计日志">
        <EmptyState text="只有审计管理员或编办管理员可以查看审计日志。" />
      </PageContainer>
    );
  }

  const exportEvents = async () => {
    if (query === null) return;
    setExporting(true);
    try {
      const file = await downloadAuditExport(query);
      saveBlob(file.blob, file.fileName);
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setExporting(false);
    }
  };

  const applyEntityId = () => {
    if (entityIdDraft !== null) setFilter('entityId', entityIdDraft);
    setEntityIdDraft(null);
  };
  const applyActor = (value?: string) => {
    const next = value ?? actorDraft;
    if (next !== null) setFilter('actor', next);
    setActorDraft(null);
  };
  const anyFilter = FILTER_KEYS.some((k) => filters[k] !== undefined);
  const forbidden = events.error instanceof ApiError && events.error.status === 403;

  return (
    <PageContainer
      title="审计日志"
      subTitle={`${regionPath(regionById, regionCode)} · 只读，任何人都不能修改或删除`}
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={events.reload} data-testid="audit-reload">
            刷新
          </Button>
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            disabled={!data || data.total === 0}
            onClick={() => void exportEvents()}
            data-testid="audit-export"
          >
            导出
          </Button>
        </Space>
      }
    >
      <div data-testid="audit-chain" data-ok={data ? String(data.chain.ok) : undefined}>
        {data ? (
          <Alert
            className="bz-section"
            type={data.chain.ok ? 'success' : 'error'}
            showIcon
            icon={data.chain.ok ? <SafetyCertificateOutlined /> : undefined}
            title={<span className="bz-audit-chain-title">{data.chain.message}</span>}
            description={
              data.chain.ok
                ? '已逐条重新计算全部审计事件的哈希：没有事件被修改、删除或重排。'
                : '审计日志在写入后被改动过。请保留现状，立即报告编办负责人和信息安全部门，不要自行修复。'
            }
          />
        ) : null}
      </div>

      <Card size="small" className="bz-section">
        <Form layout="inline" className="bz-audit-filters">
          <Form.Item label="操作类型">
            <Select<string>
              aria-label="操作类型"
              placeholder="全部操作"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              value={filters.action}
              onChange={(value: string | undefined) => setFilter('action', value ?? '')}
              options={ACTION_OPTIONS}
              style={{ width: 170 }}
              data-testid="audit-filter-action"
            />
          </Form.Item>
          <Form.Item label="对象类型">
            <Select<string>
              aria-label="对象类型"
              placeholder="全部对象"
              allowClear
              value={filters.entityType}
              onChange={(value: string | undefined) => setFilter('entityType', value ?? '')}
              options={ENTITY_OPTIONS}
              style={{ width: 130 }}
              data-testid="audit-filter-entity-type"
            />
          </Form.Item>
          <Form.Item label="对象编号">
            <Input
              aria-label="对象编号"
              placeholder="如 12"
              allowClear
              value={entityIdDraft ?? filters.entityId ?? ''}
              onChange={(e) => {
                setEntityIdDraft(e.target.value);
                if (e.target.value === '') setFilter('entityId', '');
              }}
              onPressEnter={applyEntityId}
              onBlur={applyEntityId}
              style={{ width: 110 }}
              data-testid="audit-filter-entity-id"
            />
          </Form.Item>
          <Form.Item label="操作人">
            <AutoComplete
              aria-label="操作人"
              placeholder="姓名或用户名"
              allowClear
              value={actorDraft ?? filters.actor ?? ''}
              options={actorNames.map((name) => ({ value: name }))}
              showSearch={{
                filterOption: (input, option) => (option?.value ?? '').includes(input.trim()),
              }}
              onChange={(value: string) => {
                setActorDraft(value);
                if (value === '') applyActor('');
              }}
              onSelect={(value: string) => applyActor(value)}
              onBlur={() => applyActor()}
              onKeyDown={(e) => {
                if (e.key === 'Enter') applyActor();
              }}
              style={{ width: 170 }}
              data-testid="audit-filter-actor"
            />
          </Form.Item>
          {anyFilter ? (
            <Form.Item>
              <Button
                type="link"
                onClick={() => {
                  setEntityIdDraft(null);
                  setActorDraft(null);
                  for (const key of FILTER_KEYS) setFilter(key, '');
                }}
                data-testid="audit-filter-clear"
              >
                清除筛选
              </Button>
            </Form.Item>
          ) : null}
        </Form>
      </Card>

      <Card size="small">
        {events.error ? (
          <ErrorAlert
            title={forbidden ? '无权查看审计日志' : '审计日志加载失败'}
            error={events.error}
            onRetry={forbidden ? undefined : events.reload}
          />
        ) : null}
        <div data-testid="audit-table">
          <Table<AuditEvent>
            size="small"
            bordered
            rowKey="id"
            loading={events.loading}
            columns={columns}
            dataSource={data?.items ?? []}
            scroll={{ x: 960 }}
            expandable={{
              expandedRowRender: (row) => <EventDetail event={row} />,
              expandRowByClick: true,
            }}
            rowClassName={() => 'bz-clickable-row'}
            locale={{
              emptyText: events.loading ? '正在加载…' : anyFilter ? '没有符合条件的事件' : '暂无审计事件',
            }}
            pagination={{
              current: page,
              pageSize,
              total: data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (total) => `共 ${String(total)} 条`,
              onChange: (nextPage, nextSize) => {
                if (nextSize !== pageSize) {
                  setPageSize(nextSize);
                  setPaging({ filterKey, page: 1 });
                } else {
                  setPaging({ filterKey, page: nextPage });
                }
              },
            }}
          />
        </div>
      </Card>
    </PageContainer>
  );
}
