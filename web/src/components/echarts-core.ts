// ECharts built from the tree-shakable core: only the chart types the pages use (bar, line, pie,
// tree), their components and the canvas and SVG renderers. Loaded by EChart.tsx on demand, after
// the page has rendered and asked for its data, so evaluating the library does not delay either;
// a page opened on a chart starts it once its data has been asked for (app/page-data-ahead.ts).
import { BarChart, LineChart, PieChart, TreeChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

use([
  BarChart,
  LineChart,
  PieChart,
  TreeChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
  SVGRenderer,
]);

export { init };
