import { BarChart, FunnelChart, LineChart, ScatterChart } from 'echarts/charts';
import { GraphicComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { LabelLayout } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the four charts use, so the bundle carries a fraction of ECharts.
echarts.use([BarChart, FunnelChart, LineChart, ScatterChart, GraphicComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, CanvasRenderer, LabelLayout]);
// LabelLayout: value labels that would overlap (seven scenarios side by side) are hidden, the tooltip and table keep them.

/** ECharts core with the charts and components shopplan draws registered. */
export { echarts };
