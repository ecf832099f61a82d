// The mapping step of 数据导入: an office's own workbook (实名制 export, 花名册) is matched to the
// exchange format — each sheet to a table, each header to a field, each value to a label —
// from the server's suggestions; the first rows are previewed as the server reads them; the
// mapping can be saved for the office, or downloaded for the command line.
import { DeleteOutlined, DownloadOutlined, EyeOutlined, SaveOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { TABLE_COLUMNS, TABLE_NAMES } from '../../../../src/common/exchange.ts';
import { isOneOf } from '../../../../src/common/labels.ts';
import {
  FIELD_LABELS,
  mappingFields,
  mappingToFile,
  type ImportMapping,
  type SheetMapping,
} from '../../../../src/common/exchange-mapping.ts';
import {
  deleteMapping,
  errorMessage,
  listMappings,
  previewMapping,
  saveMapping,
  type MappingPreview,
  type SavedMapping,
  type SheetPreview,
} from '../../api/index.ts';

const NOT_IMPORTED = '';

interface Props {
  files: readonly File[];
  disabled: boolean;
  /** The mapping the import is to use (null until a preview has been made). */
  onChange: (mapping: ImportMapping | null) => void;
}

interface HeaderRow {
  header: string;
  field: string;
  samples: string[];
}

function download(mapping: ImportMapping): void {
  const blob = new Blob([JSON.stringify(mappingToFile(mapping), null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${mapping.name || '导入映射'}.json`;
  a.click();
  URL.revokeObjectURL(url);
}

export function MappingStep({ files, disabled, onChange }: Props) {
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [preview, setPreview] = useState<MappingPreview | null>(null);
  const [saved, setSaved] = useState<SavedMapping[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    listMappings().then(setSaved, (cause: unknown) =>
      setError(`读取已保存的映射失败：${errorMessage(cause)}`),
    );
  }, []);

  const run = async (next: ImportMapping | null) => {
    if (files.length === 0) {
      setError('请先选择要导入的文件');
      return;
    }
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const result = await previewMapping(files, next);
      const merged: ImportMapping = { ...result.mapping, name: next?.name ?? mapping?.name ?? '' };
      setPreview(result);
      setMapping(merged);
      onChange(merged);
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setBusy(false);
    }
  };

  const update = (sheet: string, change: (s: SheetMapping) => SheetMapping) => {
    if (mapping === null) return;
    const next = { ...mapping, sheets: mapping.sheets.map((s) => (s.sheet === sheet ? change(s) : s)) };
    setMapping(next);
    onChange(next);
  };

  const save = async () => {
    if (mapping === null) return;
    if (mapping.name.trim() === '') {
      setError('请填写映射名称');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await saveMapping(mapping);
      setSaved(await listMappings());
      setNotice(`已保存映射“${result.name}”`);
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (id: number) => {
    try {
      await deleteMapping(id);
      setSaved(await listMappings());
    } catch (cause) {
      setError(errorMessage(cause));
    }
  };

  return (
    <Card
      size="small"
      title="表头映射（单位自己格式的工作簿）"
      className="bz-section"
      data-testid="mapping-step"
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Button
          data-testid="mapping-suggest"
          icon={<EyeOutlined />}
          loading={busy}
          disabled={disabled || files.length === 0}
          onClick={() => void run(null)}
        >
          识别表头并建议映射
        </Button>
        <Select<number>
          data-testid="mapping-saved"
          placeholder="使用已保存的映射"
          style={{ minWidth: 220 }}
          disabled={disabled || files.length === 0 || saved.length === 0}
          options={saved.map((m) => ({ value: m.id, label: m.name }))}
          onChange={(id) => {
            const chosen = saved.find((m) => m.id === id);
            if (chosen) void run(chosen.mapping);
          }}
          value={null}
        />
        {mapping ? (
          <Button
            data-testid="mapping-refresh"
            loading={busy}
            disabled={disabled}
            onClick={() => void run(mapping)}
          >
            按当前映射更新预览
          </Button>
        ) : null}
      </Space>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      {notice ? <Alert type="success" showIcon title={notice} style={{ marginBottom: 12 }} /> : null}
      {preview && preview.problems.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title="映射还不完整"
          description={
            <ul className="bz-mapping-problems" data-testid="mapping-problems">
              {preview.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {mapping && preview
        ? mapping.sheets.map((s) => {
            const sheetPreview = preview.sheets.find((p) => p.sheet === s.sheet);
            return (
              <SheetEditor
                key={s.sheet}
                mapping={s}
                preview={sheetPreview}
                disabled={disabled}
                onChange={(change) => update(s.sheet, change)}
              />
            );
          })
        : null}
      {mapping ? (
        <Space wrap style={{ marginTop: 12 }}>
          <Input
            data-testid="mapping-name"
            placeholder="映射名称，如“实名制花名册”"
            value={mapping.name}
            style={{ width: 240 }}
            onChange={(e) => {
              const next = { ...mapping, name: e.target.value };
              setMapping(next);
              onChange(next);
            }}
          />
          <Button
            data-testid="mapping-save"
            icon={<SaveOutlined />}
            disabled={disabled}
            loading={busy}
            onClick={() => void save()}
          >
            保存映射
          </Button>
          <Button icon={<DownloadOutlined />} onClick={() => download(mapping)}>
            下载映射文件（命令行用）
          </Button>
        </Space>
      ) : null}
      {saved.length > 0 ? (
        <div style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">已保存的映射：</Typography.Text>
          <Space size={[4, 4]} wrap>
            {saved.map((m) => (
              <Tag key={m.id}>
                {m.name}
                <Popconfirm title={`删除映射“${m.name}”？`} onConfirm={() => void remove(m.id)}>
                  <DeleteOutlined style={{ marginLeft: 4 }} aria-label={`删除映射${m.name}`} />
                </Popconfirm>
              </Tag>
            ))}
          </Space>
        </div>
      ) : null}
    </Card>
  );
}

function SheetEditor({
  mapping,
  preview,
  disabled,
  onChange,
}: {
  mapping: SheetMapping;
  preview: SheetPreview | undefined;
  disabled: boolean;
  onChange: (change: (s: SheetMapping) => SheetMapping) => void;
}) {
  const table = mapping.table;
  const fields = table === null ? [] : mappingFields(table);
  const fieldOf = (header: string) => mapping.columns[header] ?? NOT_IMPORTED;
  const headerRows: HeaderRow[] = (preview?.headers ?? []).map((header) => ({
    header,
    field: fieldOf(header),
    samples: (preview?.values[header] ?? []).slice(0, 5),
  }));
  const headerColumns: TableColumnsType<HeaderRow> = [
    { title: '本单位表头', dataIndex: 'header', width: 160 },
    {
      title: '示例值',
      dataIndex: 'samples',
      render: (samples: string[]) => <span className="bz-muted">{samples.join('、')}</span>,
    },
    {
      title: '对应字段',
      dataIndex: 'field',
      width: 220,
      render: (field: string, row) => (
        <Select<string>
          data-testid={`mapping-field-${row.header}`}
          value={field}
          disabled={disabled || table === null}
          style={{ width: 200 }}
          options={[{ value: NOT_IMPORTED, label: '不导入' }, ...fields.map((f) => ({ value: f, label: f }))]}
          onChange={(next) =>
            onChange((s) => {
              const columns = { ...s.columns };
              delete columns[row.header];
              if (next !== NOT_IMPORTED) columns[row.header] = next;
              return { ...s, columns };
            })
          }
        />
      ),
    },
  ];
  // Values of labelled fields that are not labels already: each needs a value mapping.
  const valueRows = Object.entries(mapping.columns).flatMap(([header, field]) => {
    const labels = FIELD_LABELS[field];
    if (labels === undefined) return [];
    return (preview?.values[header] ?? [])
      .filter((v) => !labels.includes(v))
      .map((value) => ({ key: `${field}|${value}`, header, field, value, labels }));
  });
  const rows = preview?.rows ?? [];
  const previewColumns =
    table === null
      ? []
      : [
          { title: '行', dataIndex: 'rowNumber', width: 56, fixed: 'left' as const },
          ...TABLE_COLUMNS[table].map((c) => ({
            title: c,
            key: c,
            render: (_: unknown, r: (typeof rows)[number]) => r.cells[c] ?? '',
          })),
          {
            title: '问题',
            key: 'errors',
            render: (_: unknown, r: (typeof rows)[number]) =>
              r.errors.length === 0 ? (
                <Tag color="green">可导入</Tag>
              ) : (
                <Typography.Text type="danger">
                  {r.errors.map((e) => `${e.column}：${e.reason}`).join('；')}
                </Typography.Text>
              ),
          },
        ];
  return (
    <Card
      size="small"
      type="inner"
      className="bz-section"
      data-testid={`mapping-sheet-${mapping.sheet}`}
      title={
        <Space wrap>
          <span>工作表“{mapping.sheet}”</span>
          <span className="bz-muted">导入为</span>
          <Select<string>
            data-testid={`mapping-table-${mapping.sheet}`}
            value={table ?? NOT_IMPORTED}
            disabled={disabled}
            style={{ width: 120 }}
            options={[
              { value: NOT_IMPORTED, label: '不导入' },
              ...TABLE_NAMES.map((t) => ({ value: t, label: t })),
            ]}
            onChange={(next) => onChange((s) => ({ ...s, table: isOneOf(TABLE_NAMES, next) ? next : null }))}
          />
          <span className="bz-muted">表头在第</span>
          <InputNumber
            min={1}
            max={100}
            value={mapping.headerRow}
            disabled={disabled}
            style={{ width: 64 }}
            onChange={(v) => {
              if (typeof v === 'number') onChange((s) => ({ ...s, headerRow: v }));
            }}
          />
          <span className="bz-muted">行</span>
        </Space>
      }
    >
      {table === null ? (
        <Typography.Text type="secondary">该工作表不导入。</Typography.Text>
      ) : (
        <>
          <Table<HeaderRow>
            size="small"
            rowKey="header"
            columns={headerColumns}
            dataSource={headerRows}
            pagination={false}
          />
          {TABLE_COLUMNS[table].includes('行政区划代码') ? (
            <Space style={{ marginTop: 8 }}>
              <span>行政区划代码（表中无此列时每行填入）：</span>
              <Input
                data-testid={`mapping-region-${mapping.sheet}`}
                style={{ width: 120 }}
                value={mapping.constants['行政区划代码'] ?? ''}
                disabled={disabled}
                onChange={(e) =>
                  onChange((s) => {
                    const constants = { ...s.constants };
                    if (e.target.value === '') delete constants['行政区划代码'];
                    else constants['行政区划代码'] = e.target.value;
                    return { ...s, constants };
                  })
                }
              />
            </Space>
          ) : null}
          {valueRows.length > 0 ? (
            <>
              <Typography.Title level={5} style={{ marginTop: 12 }}>
                取值映射
              </Typography.Title>
              <Table
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={valueRows}
                columns={[
                  { title: '本单位表头', dataIndex: 'header', width: 160 },
                  { title: '本单位取值', dataIndex: 'value', width: 200 },
                  {
                    title: '对应为',
                    key: 'to',
                    render: (_: unknown, r: (typeof valueRows)[number]) => (
                      <Select<string>
                        data-testid={`mapping-value-${r.field}-${r.value}`}
                        style={{ width: 200 }}
                        allowClear
                        placeholder="请选择"
                        disabled={disabled}
                        value={mapping.values[r.field]?.[r.value]}
                        options={r.labels.map((l) => ({ value: l, label: l }))}
                        onChange={(next: string | undefined) =>
                          onChange((s) => {
                            const forField = { ...(s.values[r.field] ?? {}) };
                            if (next === undefined) delete forField[r.value];
                            else forField[r.value] = next;
                            return { ...s, values: { ...s.values, [r.field]: forField } };
                          })
                        }
                      />
                    ),
                  },
                ]}
              />
            </>
          ) : null}
          <Typography.Title level={5} style={{ marginTop: 12 }}>
            预览（前 {rows.length} 行，按导入时的读法）
          </Typography.Title>
          <Table
            data-testid={`mapping-preview-${mapping.sheet}`}
            size="small"
            rowKey="rowNumber"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={rows}
            columns={previewColumns}
          />
        </>
      )}
    </Card>
  );
}
