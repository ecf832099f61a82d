import {
  CompressOutlined,
  ExpandAltOutlined,
  FileImageOutlined,
  ShrinkOutlined,
  ZoomInOutlined,
  ZoomOutOutlined,
} from '@ant-design/icons';
import { App, Button, Card, Select, Space, Spin, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorMessage, getOverview, listUnits } from '../../api/index.ts';
import { useSession } from '../../app/session.tsx';
import { AsOfPicker, useAsOf } from '../../components/AsOfPicker.tsx';
import { EChart, renderSvg, type ECharts } from '../../components/EChart.tsx';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { saveBlob, svgToPng } from '../../lib/download.ts';
import { todayInChina } from '../../lib/format.ts';
import {
  allExpanded,
  buildOrgTree,
  chartSize,
  departments,
  fitView,
  indexTree,
  initialExpanded,
  orgChartOption,
  subtree,
  visibleExtent,
  zoomView,
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

/** Which nodes are open, and the view of the drawing in its frame. */
interface ExpandState {
  root: OrgBranch;
  expanded: ReadonlySet<string>;
}

interface View {
  scale: number;
  x: number;
  y: number;
}

function OrgChart({
  root,
  title,
  asOf,
  counted,
}: {
  root: OrgBranch;
  title: string;
  asOf: string;
  /** The server's unit count and its basis (the same as the 首页 and the report); null for a department. */
  counted: { count: number; basis: string } | null;
}) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const frameRef = useRef<HTMLDivElement | null>(null);
  const index = useMemo(() => indexTree(root), [root]);
  const fresh = (): ExpandState => ({ root, expanded: initialExpanded(root) });
  const [state, setState] = useState<ExpandState>(fresh);
  // New data (another date or department): the chart opens afresh.
  if (state.root !== root) setState(fresh());
  const asOfRef = useRef(asOf);
  useEffect(() => {
    asOfRef.current = asOf;
  }, [asOf]);

  const option = useMemo(
    () => orgChartOption(root, state.expanded, { tooltip: tooltipFor(index) }),
    [root, index, state.expanded],
  );
  const size = chartSize(visibleExtent(root, state.expanded));

  // The view: fitted to the frame whenever the drawing changes size, zoomed and panned by hand.
  const [view, setView] = useState<View>({ scale: 1, x: 0, y: 0 });
  const { width, height } = size;
  const fit = useCallback(() => {
    const frame = frameRef.current;
    if (frame === null) return;
    setView(fitView({ width, height }, { width: frame.clientWidth, height: frame.clientHeight }));
  }, [width, height]);
  useLayoutEffect(fit, [fit]);

  const onChart = useCallback(
    (chart: ECharts | null) => {
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

  // The wheel zooms about the pointer; dragging pans.
  useEffect(() => {
    const frame = frameRef.current;
    if (frame === null) return undefined;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const box = frame.getBoundingClientRect();
      const at = { x: event.clientX - box.left, y: event.clientY - box.top };
      setView((v) => zoomView(v, event.deltaY < 0 ? 1.15 : 1 / 1.15, at));
    };
    frame.addEventListener('wheel', onWheel, { passive: false });
    return () => frame.removeEventListener('wheel', onWheel);
  }, []);
  const drag = useRef<{ x: number; y: number } | null>(null);
  const onPointerDown = (event: React.PointerEvent<HTMLDivElement>) => {
    drag.current = { x: event.clientX, y: event.clientY };
  };
  const onPointerMove = (event: React.PointerEvent<HTMLDivElement>) => {
    const from = drag.current;
    if (from === null || event.buttons === 0) return;
    drag.current = { x: event.clientX, y: event.clientY };
    setView((v) => ({ ...v, x: v.x + event.clientX - from.x, y: v.y + event.clientY - from.y }));
  };
  const endDrag = () => {
    drag.current = null;
  };
  const zoomBy = (factor: number) => {
    const frame = frameRef.current;
    if (frame === null) return;
    setView((v) => zoomView(v, factor, { x: frame.clientWidth / 2, y: frame.clientHeight / 2 }));
  };

  const fileBase = `${title}基本框架图_${asOf}`;
  // Exports draw the tree as it is open on screen, whole and unscaled, with every full name.
  const exportSvgText = () =>
    renderSvg(orgChartOption(root, state.expanded, { animation: false }), size.width, size.height);

  const exportPng = () => {
    exportSvgText()
      .then((svg) => svgToPng(svg, size.width, size.height, 2))
      .then((blob) => saveBlob(blob, `${fileBase}.png`))
      .catch((error: unknown) => void message.error(errorMessage(error)));
  };

  const exportSvg = () => {
    exportSvgText()
      .then((svg) => saveBlob(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }), `${fileBase}.svg`))
      .catch((error: unknown) => void message.error(errorMessage(error)));
  };

  const expandAll = () => setState((current) => ({ ...current, expanded: allExpanded(root) }));
  const restore = () => setState(fresh());

  return (
    <Card
      size="small"
      title={
        <span>
          {title}{' '}
          <span className="bz-muted">
            （截至 {asOf}
            {counted ? (
              <Tooltip title={counted.basis}>
                <span data-testid="org-unit-count">，机构 {counted.count} 个</span>
              </Tooltip>
            ) : (
              <>，图中 {root.size} 个机构</>
            )}
            ）
          </span>
        </span>
      }
      extra={
        <Space wrap size={8}>
          <Button
            size="small"
            icon={<ZoomInOutlined />}
            onClick={() => zoomBy(1.25)}
            data-testid="org-zoom-in"
          >
            放大
          </Button>
          <Button
            size="small"
            icon={<ZoomOutOutlined />}
            onClick={() => zoomBy(0.8)}
            data-testid="org-zoom-out"
          >
            缩小
          </Button>
          <Button size="small" icon={<CompressOutlined />} onClick={fit} data-testid="org-fit">
            适应屏幕
          </Button>
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
        单击机构展开或收起下级，双击打开机构详情；拖动可平移，滚动鼠标滚轮可缩放；鼠标停在机构上显示全称和编码。
      </Typography.Paragraph>
      <div
        className="bz-org-frame"
        ref={frameRef}
        data-testid="org-frame"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={endDrag}
        onPointerLeave={endDrag}
      >
        <div
          className="bz-org-drawing"
          style={{
            transform: `translate(${String(view.x)}px, ${String(view.y)}px) scale(${String(view.scale)})`,
          }}
        >
          <EChart
            option={option}
            onChart={onChart}
            renderer="svg"
            ariaLabel={`${title}基本框架图`}
            testId="org-chart"
            style={{ width: size.width, height: size.height }}
          />
        </div>
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
  const county = useMemo(
    () => (units.data ? buildOrgTree(units.data, regionName) : null),
    [units.data, regionName],
  );
  // One department's chart: its branch of the same tree.
  const [department, setDepartment] = useState<string | null>(null);
  const root = useMemo(() => {
    if (county === null || department === null) return county;
    return subtree(county, department) ?? county;
  }, [county, department]);
  const departmentOptions = useMemo(
    () =>
      county
        ? departments(county).map((d) => ({ value: d.key, label: `${d.name}（${String(d.size)}）` }))
        : [],
    [county],
  );
  const date = asOf ?? todayInChina();
  const title = root && root.kind === 'unit' ? root.name : regionName;

  return (
    <PageContainer
      title="基本框架图"
      subTitle={`${regionName} · 截至 ${date}`}
      extra={
        <Space wrap>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="全县（选择部门查看其框架）"
            style={{ width: 300 }}
            value={department ?? undefined}
            onChange={(value: string | undefined) => setDepartment(value ?? null)}
            options={departmentOptions}
            data-testid="org-department"
          />
          <AsOfPicker value={asOf} onChange={setAsOf} />
        </Space>
      }
    >
      {units.error ? <ErrorAlert error={units.error} onRetry={units.reload} /> : null}
      {root ? (
        <Spin spinning={units.loading}>
          {root.size > 0 ? (
            <OrgChart
              root={root}
              title={title}
              asOf={date}
              counted={
                department === null && overview.data
                  ? { count: overview.data.unitCount, basis: overview.data.unitBasis }
                  : null
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
