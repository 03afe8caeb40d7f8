import { ScatterChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TitleComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import type { BenchResult } from './BenchResult.js'
import { formatValue } from './formatTable.js'

echarts.use([ScatterChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer])

type Plot = NonNullable<BenchResult['plot']>

const WIDTH = 980
const HEIGHT = 560
/** Points under this share of the highest y also get a panel of their own, where they do not crowd. */
const ZOOM_SHARE = 0.15
const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'roundRect', 'emptyCircle', 'emptyRect', 'emptyDiamond']
const COLOURS = ['#1864ab', '#2b8a3e', '#862e9c', '#c2255c', '#0b7285', '#5c940d', '#495057', '#364fc7']
/** Points whose label names this library stand out, in oranges and larger. */
const OURS = /\b(ours|pixii-rx|adaptive)\b/i
const OUR_STYLES = [
  { symbol: 'circle', color: '#d9480f' },
  { symbol: 'diamond', color: '#f59f00' },
  { symbol: 'rect', color: '#ff8787' },
]

/** The smallest round number at or above `value` with one significant digit (5.89 → 6). */
function roundUp(value: number): number {
  if (value <= 0) return 1
  const step = 10 ** Math.floor(Math.log10(value))
  return Math.ceil(value / step) * step
}

function axis(type: 'log' | 'value', name: string, gridIndex: number, max?: number) {
  return {
    type,
    name,
    gridIndex,
    nameLocation: 'middle' as const,
    nameGap: 36,
    ...(max === undefined ? {} : { max }),
    axisLabel: { formatter: (value: number) => formatValue(value) },
  }
}

/**
 * A scatter plot as an SVG document, rendered by Apache ECharts on the server (its SSR mode: no
 * DOM, no canvas). Each point is a series of its own, so the legend names it; the x axis is
 * logarithmic when the points span more than 20× (requests per job do, from an oracle to a 0.5 s
 * poll). When a few points sit far above the rest, a second panel zooms in on the rest.
 */
export function plotSvg(title: string, plot: Plot): string {
  const xs = plot.points.map((point) => point.x)
  const xType = xs.every((x) => x > 0) && Math.max(...xs) / Math.min(...xs) > 20 ? 'log' : 'value'
  const xName = `${plot.xLabel}${xType === 'log' ? ' (log scale)' : ''}`
  const maxY = Math.max(...plot.points.map((point) => point.y))
  const close = plot.points.filter((point) => point.y <= ZOOM_SHARE * maxY)
  const zoom = close.length >= 2 && close.length < plot.points.length
  const zoomMax = roundUp(Math.max(...close.map((point) => point.y)) * 1.15)
  const grids = zoom
    ? [{ left: 70, width: 380, top: 60, bottom: 120 }, { left: 560, width: 380, top: 60, bottom: 120 }]
    : [{ left: 70, right: 40, top: 60, bottom: 120 }]
  let others = 0
  let ours = 0
  const series = plot.points.flatMap((point) => {
    const our = OURS.test(point.label) ? OUR_STYLES[ours++ % OUR_STYLES.length] : undefined
    const other = others
    if (our === undefined) others += 1
    const style = {
      type: 'scatter' as const,
      name: point.label,
      symbol: our?.symbol ?? SYMBOLS[other % SYMBOLS.length],
      symbolSize: our === undefined ? 11 : 15,
      itemStyle: { color: our?.color ?? COLOURS[other % COLOURS.length], opacity: our === undefined ? 1 : 0.85 },
    }
    const inZoom = zoom && point.y <= ZOOM_SHARE * maxY
    return [
      { ...style, xAxisIndex: 0, yAxisIndex: 0, data: [[point.x, point.y]] },
      ...(inZoom ? [{ ...style, xAxisIndex: 1, yAxisIndex: 1, data: [[point.x, point.y]] }] : []),
    ]
  })
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT })
  chart.setOption({
    animation: false,
    backgroundColor: '#ffffff',
    title: [
      { text: title, left: 'center', textStyle: { fontSize: 15 } },
      ...(zoom ? [{ text: `the same, ${plot.yLabel} ≤ ${formatValue(zoomMax)}`, left: 750, top: 36, textAlign: 'center', textStyle: { fontSize: 12, fontWeight: 'normal' } }] : []),
    ],
    legend: { bottom: 10, left: 'center', itemGap: 16 },
    grid: grids,
    xAxis: grids.map((_, i) => axis(xType, xName, i)),
    yAxis: grids.map((_, i) => ({ ...axis('value', plot.yLabel, i, i === 1 ? zoomMax : undefined), nameGap: 45 })),
    series,
  })
  const svg = chart.renderToSVGString()
  chart.dispose()
  return `${svg}\n`
}
