import { ScatterChart } from 'echarts/charts'
import { GridComponent, TitleComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import type { BenchResult } from './BenchResult.js'
import { formatValue } from './formatTable.js'

echarts.use([ScatterChart, GridComponent, TitleComponent, SVGRenderer])

type Plot = NonNullable<BenchResult['plot']>

const WIDTH = 860
const HEIGHT = 520
/** Points whose label names this library stand out. */
const OURS = /\b(ours|pixii-rx|adaptive)\b/i

/**
 * A labelled scatter plot as an SVG document, rendered by Apache ECharts on the server (its SSR
 * mode: no DOM, no canvas). The x axis is logarithmic when the points span more than 20×, as
 * requests per job do between a 0.5 s poll and an oracle.
 */
export function plotSvg(title: string, plot: Plot): string {
  const xs = plot.points.map((point) => point.x)
  const logX = xs.every((x) => x > 0) && Math.max(...xs) / Math.min(...xs) > 20
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT })
  chart.setOption({
    animation: false,
    backgroundColor: '#ffffff',
    title: { text: title, left: 'center', textStyle: { fontSize: 15 } },
    grid: { left: 80, right: 40, top: 60, bottom: 70 },
    xAxis: {
      type: logX ? 'log' : 'value',
      name: `${plot.xLabel}${logX ? ' (log scale)' : ''}`,
      nameLocation: 'middle',
      nameGap: 35,
      axisLabel: { formatter: (value: number) => formatValue(value) },
    },
    yAxis: {
      type: 'value',
      name: plot.yLabel,
      nameLocation: 'middle',
      nameGap: 55,
      axisLabel: { formatter: (value: number) => formatValue(value) },
    },
    series: [
      {
        type: 'scatter',
        symbolSize: 11,
        data: plot.points.map((point) => ({
          name: point.label,
          value: [point.x, point.y],
          ...(OURS.test(point.label) ? { itemStyle: { color: '#d9480f' }, label: { fontWeight: 'bold' as const } } : {}),
        })),
        label: { show: true, position: 'right', formatter: '{b}', fontSize: 12 },
        labelLayout: { hideOverlap: false, moveOverlap: 'shiftY' },
      },
    ],
  })
  const svg = chart.renderToSVGString()
  chart.dispose()
  return `${svg}\n`
}
