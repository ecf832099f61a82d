// 全年汇报: the county's yearly report as one living document. The office edits its prose per
// paragraph; the figures sit in the text as tags the user cannot type over (value, hover label and
// source, a click lists the rows behind it), computed by the server for the chosen date. Renders
// the GB/T 9704 .docx and lists the figures changed since the last rendering.
import { EditOutlined, FileWordOutlined, SettingOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { sectionsOf } from '../../../../src/common/full-report.ts';
import { errorMessage } from '../../api/index.ts';
import {
  getFullReport,
  renderFullReport,
  saveFullReport,
  type FullReportChange,
  type FullReportFigure,
  type FullReportResponse,
} from '../../api/full-report.ts';
import { useCurrentUser, useSession } from '../../app/session.tsx';
import { AsOfPicker, useAsOf } from '../../components/AsOfPicker.tsx';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { saveBlob } from '../../lib/download.ts';
import { dateTime } from '../../lib/format.ts';
import { DrillDrawer, type DrillTarget } from '../reports/DrillDrawer.tsx';
import { figureLink, tokensOf } from './fullReport.ts';
import { FigureTag, ParagraphEditor, SettingsModal } from './FullReportParts.tsx';

const changeColumns = [
  { title: '数字', dataIndex: 'label' },
  { title: '上次生成', dataIndex: 'before', width: 120 },
  { title: '现在', dataIndex: 'after', width: 120 },
];

export function FullReportPage() {
  const me = useCurrentUser();
  const { regionCode } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [asOf, setAsOf] = useAsOf();
  const [editing, setEditing] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const [rendering, setRendering] = useState(false);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const [settings, setSettings] = useState(false);
  const state = useAsync(regionCode ? () => getFullReport(regionCode, asOf) : null, [regionCode, asOf]);
  const data = state.data;
  const canWrite = me.permissions.writeFullReport;

  const byKey = useMemo(() => new Map((data?.figures ?? []).map((f) => [f.key, f])), [data]);
  const changed = useMemo(() => new Set((data?.changes ?? []).map((c) => c.key)), [data]);

  const open = (d: FullReportResponse, f: FullReportFigure) => {
    const link = figureLink(f, { asOf: d.asOf, workFrom: d.document.workFrom });
    if (link.kind === 'drill')
      setDrill({ key: link.key, label: f.label, definition: f.definition, value: f.value ?? 0 });
    else void navigate(link.to);
  };

  const save = async (
    d: FullReportResponse,
    change: { paragraphs?: string[]; title?: string; workFrom?: string },
  ): Promise<boolean> => {
    setSaving(true);
    try {
      await saveFullReport({
        region: d.regionCode,
        year: d.year,
        version: d.document.version,
        title: change.title ?? d.document.title,
        workFrom: change.workFrom ?? d.document.workFrom,
        paragraphs: change.paragraphs ?? d.document.paragraphs,
      });
      void message.success('文稿已保存');
      state.reload();
      return true;
    } catch (e) {
      void message.error(errorMessage(e));
      return false;
    } finally {
      setSaving(false);
    }
  };

  const saveParagraph = async (d: FullReportResponse, index: number, text: string) => {
    const paragraphs = d.document.paragraphs.map((p, i) => (i === index ? text : p));
    if (await save(d, { paragraphs })) setEditing(null);
  };

  const saveSettings = async (d: FullReportResponse, title: string, workFrom: string) => {
    if (await save(d, { title, workFrom })) setSettings(false);
  };

  const render = async (d: FullReportResponse) => {
    setRendering(true);
    try {
      const file = await renderFullReport(d.regionCode, d.year, d.asOf);
      saveBlob(file.blob, file.fileName);
      void message.success('已生成 Word 文档');
      state.reload();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setRendering(false);
    }
  };

  let body;
  if (!regionCode) body = <EmptyState text="请选择行政区划" />;
  else if (state.error)
    body = <ErrorAlert title="全年汇报加载失败" error={state.error} onRetry={state.reload} />;
  else if (!data) body = <Loading text="正在统计…" />;
  else {
    const d = data;
    body = (
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Alert
          data-testid="full-report-changes"
          type={d.changes.length > 0 ? 'warning' : 'info'}
          showIcon
          title={
            d.lastRendering === null
              ? '尚未生成过：生成后，这里列出自上次生成以来变化的数字'
              : d.changes.length === 0
                ? `自上次生成（${dateTime(d.lastRendering.renderedAt)}，数据截至 ${d.lastRendering.asOf}）以来数字没有变化`
                : `自上次生成以来变化的数字：${String(d.changes.length)} 个（上次数据截至 ${d.lastRendering.asOf}）`
          }
          description={
            d.changes.length > 0 ? (
              <Table<FullReportChange>
                rowKey="key"
                size="small"
                columns={changeColumns}
                dataSource={d.changes}
                pagination={false}
              />
            ) : null
          }
        />
        <Card size="small">
          <Typography.Title
            level={4}
            style={{ textAlign: 'center', marginTop: 0 }}
            data-testid="full-report-title"
          >
            {d.document.title}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
            数据截至 {d.asOf}；工作统计自 {d.document.workFrom} 起
            {d.document.version === 0 ? '；尚未保存过，显示默认文稿' : ''}
          </Typography.Paragraph>
          {sectionsOf(d.document.paragraphs).map((s) => (
            <section key={s.indexes[0]} data-testid="full-report-section">
              {s.indexes.map((i) => {
                const paragraph = d.document.paragraphs[i] ?? '';
                if (editing === i)
                  return (
                    <ParagraphEditor
                      key={i}
                      initial={paragraph}
                      figures={d.figures}
                      saving={saving}
                      onSave={(text) => void saveParagraph(d, i, text)}
                      onCancel={() => setEditing(null)}
                    />
                  );
                return (
                  <div key={i} className="bz-full-report-paragraph" data-testid={`paragraph-${String(i)}`}>
                    <Typography.Paragraph style={{ textIndent: '2em', marginBottom: 8 }}>
                      {tokensOf(paragraph, byKey, changed).map((t, j) =>
                        t.kind === 'text' ? (
                          <span key={j}>{t.text}</span>
                        ) : t.figure ? (
                          <FigureTag
                            key={j}
                            figure={t.figure}
                            changed={t.changed}
                            onOpen={(f) => open(d, f)}
                          />
                        ) : (
                          <Tag key={j} color="red">
                            未知数字 {t.key}
                          </Tag>
                        ),
                      )}
                      {canWrite && editing === null ? (
                        <Button
                          type="link"
                          size="small"
                          icon={<EditOutlined />}
                          aria-label={`编辑第${String(i + 1)}段`}
                          onClick={() => setEditing(i)}
                        />
                      ) : null}
                    </Typography.Paragraph>
                  </div>
                );
              })}
            </section>
          ))}
        </Card>
        {settings ? (
          <SettingsModal
            data={d}
            saving={saving}
            onSave={(title, workFrom) => void saveSettings(d, title, workFrom)}
            onCancel={() => setSettings(false)}
          />
        ) : null}
        {drill ? (
          <DrillDrawer region={d.regionCode} asOf={d.asOf} target={drill} onClose={() => setDrill(null)} />
        ) : null}
      </Space>
    );
  }

  return (
    <PageContainer
      title="全年汇报"
      subTitle={
        canWrite
          ? '县里的年度汇报：文字在此编辑，数字取自系统'
          : '县里的年度汇报：文字由编办编辑，数字取自系统'
      }
      extra={
        <Space wrap>
          <AsOfPicker value={asOf} onChange={setAsOf} />
          {canWrite && data ? (
            <Button icon={<SettingOutlined />} onClick={() => setSettings(true)}>
              文稿设置
            </Button>
          ) : null}
          {canWrite && data ? (
            <Button
              type="primary"
              icon={<FileWordOutlined />}
              loading={rendering}
              onClick={() => void render(data)}
            >
              生成 Word
            </Button>
          ) : null}
        </Space>
      }
    >
      {body}
    </PageContainer>
  );
}
