import { ExpandAltOutlined, FileImageOutlined, ShrinkOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Spin, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorMessage, getOverview, listUnits } from '../../api/index.ts';
import { useSession } from '../../app/session.tsx';
import { AsOfPicker, useAsOf } from '../../components/AsOfPicker.tsx';
import { EChart, renderSvg, type ECharts } from '../../components/EChart.tsx';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { saveBlob, saveUrl } from '../../lib/download.ts';
import { todayInChina } from '../../lib/format.ts';
import {
  allExpanded,
  buildOrgTree,
  chartSize,
  indexTree,
  initialExpanded,
  orgChartOption,
  visibleExtent,
  type OrgBranch,
} from './orgTree.ts';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${String(c.charCodeAt(0))};`);
}

function tooltipFor(index: Map<string, OrgBranch>): (key: string) => string {
  return (key) => {
    const branch = index.get(key);
    if (!branch) return '';
    const lines = [`<strong>${escapeHtml(branch.name)}</strong>`];
    if (branch.unit) {
      lines.push(
        `机构编码：${escapeHtml(branch.unit.code)}`,
        `机构类别：${escapeHtml(branch.unit.category)}`,
      );
      if (branch.size > 1) lines.push(`下属机构：${String(branch.size - 1)} 个`);
      lines.push('<span style="color:#8c8c8c">单击展开或收起，双击打开机构详情</span>');
    } else {
      lines.push(`机构：${String(branch.size)} 个`);
    }
    return lines.join('<br/>');
  };
}

/** Which nodes are open: the chart's own state, mirrored from clicks so the SVG export matches it. */
interface ExpandState {
  root: OrgBranch;
  /** null: the chart opens to initialTreeDepth; a set: the nodes forced open by 全部展开. */
  preset: ReadonlySet<string> | null;
  expanded: ReadonlySet<string>;
  /** Bumped to redraw the chart from the option (restores zoom and position too). */
  version: number;
}

function OrgChart({
  root,
  regionName,
  asOf,
  counted,
}: {
  root: OrgBranch;
  regionName: string;
  asOf: string;
  /** The server's unit count and its basis (the same as the 首页 and the report). */
  counted: { count: number; basis: string } | null;
}) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const chartRef = useRef<ECharts | null>(null);
  const frameRef = useRef<HTMLDivElement | null>(null);
  const index = useMemo(() => indexTree(root), [root]);
  const fresh = (version: number): ExpandState => ({
    root,
    preset: null,
    expanded: initialExpanded(root),
    version,
  });
  const [state, setState] = useState<ExpandState>(() => fresh(0));
  // New data (another date): the chart opens afresh.
  if (state.root !== root) setState(fresh(state.version + 1));
  const asOfRef = useRef(asOf);
  useEffect(() => {
    asOfRef.current = asOf;
  }, [asOf]);

  const option = useMemo(
    () => orgChartOption(root, state.preset, { roam: true, tooltip: tooltipFor(index) }),
    // a new version redraws even with the same preset
    [root, index, state.preset, state.version],
  );
  const size = chartSize(visibleExtent(root, state.expanded));

  // Clicks toggle a node in the chart; mirror them here to size the drawing and for the SVG export.
  const onChart = useCallback(
    (chart: ECharts | null) => {
      chartRef.current = chart;
      if (chart === null) return;
      chart.on('click', (params) => {
        const key = params.value;
        if (typeof key !== 'string') return;
        setState((current) => {
          const expanded = new Set(current.expanded);
          if (expanded.has(key)) expanded.delete(key);
          else expanded.add(key);
          return { ...current, expanded };
        });
      });
      chart.on('dblclick', (params) => {
        const key = params.value;
        if (typeof key === 'string' && /^u\d+$/.test(key)) {
          navigate(`/units/${key.slice(1)}?asOf=${asOfRef.current}`);
        }
      });
    },
    [navigate],
  );

  // Ctrl + wheel zooms the drawing; the plain wheel scrolls the frame as usual.
  useEffect(() => {
    const frame = frameRef.current;
    if (frame === null) return undefined;
    const onWheel = (event: WheelEvent) => {
      if (!event.ctrlKey && !event.metaKey) event.stopPropagation();
    };
    frame.addEventListener('wheel', onWheel, { capture: true });
    return () => frame.removeEventListener('wheel', onWheel, { capture: true });
  }, []);

  const fileBase = `${regionName}基本框架图_${asOf}`;

  const exportPng = () => {
    const chart = chartRef.current;
    if (chart === null) return;
    try {
      saveUrl(
        chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' }),
        `${fileBase}.png`,
      );
    } catch (error) {
      void message.error(errorMessage(error));
    }
  };

  const exportSvg = () => {
    try {
      // The whole tree as it is open on screen, drawn again off screen with the SVG renderer.
      const extent = visibleExtent(root, state.expanded);
      const { width, height } = chartSize(extent);
      const svg = renderSvg(orgChartOption(root, state.expanded, { roam: false }), width, height);
      saveBlob(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }), `${fileBase}.svg`);
    } catch (error) {
      void message.error(errorMessage(error));
    }
  };

  const expandAll = () => {
    const expanded = allExpanded(root);
    setState((current) => ({ ...current, preset: expanded, expanded, version: current.version + 1 }));
  };
  const restore = () => {
    setState((current) => fresh(current.version + 1));
  };

  return (
    <Card
      size="small"
      title={
        <span>
          {regionName}{' '}
          <span className="bz-muted">
            （截至 {asOf}
            {counted ? (
              <Tooltip title={counted.basis}>
                <span data-testid="org-unit-count">，机构 {counted.count} 个</span>
              </Tooltip>
            ) : null}
            ）
          </span>
        </span>
      }
      extra={
        <Space wrap size={8}>
          <Button size="small" icon={<ExpandAltOutlined />} onClick={expandAll} data-testid="org-expand-all">
            全部展开
          </Button>
          <Button size="small" icon={<ShrinkOutlined />} onClick={restore} data-testid="org-restore">
            恢复初始
          </Button>
          <Button size="small" icon={<FileImageOutlined />} onClick={exportPng} data-testid="org-export-png">
            导出 PNG
          </Button>
          <Button size="small" icon={<FileImageOutlined />} onClick={exportSvg} data-testid="org-export-svg">
            导出 SVG
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8, fontSize: 12 }}>
        单击机构展开或收起下级，双击打开机构详情；拖动可平移，按住 Ctrl
        滚动鼠标滚轮可缩放，直接滚动可上下翻看。
      </Typography.Paragraph>
      <div className="bz-org-frame" ref={frameRef}>
        <EChart
          option={option}
          onChart={onChart}
          ariaLabel={`${regionName}基本框架图`}
          testId="org-chart"
          style={{
            width: `max(100%, ${String(size.width)}px)`,
            height: `max(100%, ${String(size.height)}px)`,
          }}
        />
      </div>
    </Card>
  );
}

/** /org-chart: the region's units as a tree (基本框架图), exportable as PNG and SVG. */
export function OrgChartPage() {
  const { regionCode, regionById } = useSession();
  const [asOf, setAsOf] = useAsOf();
  const units = useAsync(regionCode ? () => listUnits(regionCode, asOf) : null, [regionCode, asOf]);
  const overview = useAsync(regionCode ? () => getOverview(regionCode, asOf) : null, [regionCode, asOf]);
  const regionName = (regionCode ? regionById.get(regionCode)?.name : undefined) ?? '本县';
  const root = useMemo(
    () => (units.data ? buildOrgTree(units.data, regionName) : null),
    [units.data, regionName],
  );
  const date = asOf ?? todayInChina();

  return (
    <PageContainer
      title="基本框架图"
      subTitle={`${regionName} · 截至 ${date}`}
      extra={<AsOfPicker value={asOf} onChange={setAsOf} />}
    >
      {units.error ? <ErrorAlert error={units.error} onRetry={units.reload} /> : null}
      {root ? (
        <Spin spinning={units.loading}>
          {root.size > 0 ? (
            <OrgChart
              root={root}
              regionName={regionName}
              asOf={date}
              counted={
                overview.data ? { count: overview.data.unitCount, basis: overview.data.unitBasis } : null
              }
            />
          ) : (
            <Card size="small">
              <EmptyState text="统计日期没有存续的机构" />
            </Card>
          )}
        </Spin>
      ) : units.loading ? (
        <Loading />
      ) : null}
    </PageContainer>
  );
}
