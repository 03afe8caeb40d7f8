import type { BenchResult } from './BenchResult.js'

/** A measured number as a person reads it: grouped thousands, about three significant digits. */
export function formatValue(value: string | number | undefined): string {
  if (value === undefined) return ''
  if (typeof value === 'string') return value
  if (!Number.isFinite(value)) return String(value)
  const abs = Math.abs(value)
  const digits = Number.isInteger(value) || abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 })
}

function cells(result: BenchResult): string[][] {
  return result.rows.map((row) => result.columns.map((column) => formatValue(row[column])))
}

/** The table for a terminal: columns padded, numbers aligned right. */
export function textTable(result: BenchResult): string {
  const body = cells(result)
  const widths = result.columns.map((column, i) => Math.max(column.length, ...body.map((row) => (row[i] ?? '').length)))
  const numeric = result.columns.map((column) => result.rows.every((row) => typeof row[column] !== 'string'))
  const line = (row: readonly string[]): string =>
    row.map((cell, i) => (numeric[i] === true ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd()
  return [line(result.columns), widths.map((width) => '-'.repeat(width)).join('  '), ...body.map(line)].join('\n')
}

/** The same table in Markdown. */
export function markdownTable(result: BenchResult): string {
  const numeric = result.columns.map((column) => result.rows.every((row) => typeof row[column] !== 'string'))
  const escape = (cell: string): string => cell.replaceAll('|', '\\|')
  return [
    `| ${result.columns.map(escape).join(' | ')} |`,
    `| ${numeric.map((isNumber) => (isNumber ? '---:' : '---')).join(' | ')} |`,
    ...cells(result).map((row) => `| ${row.map(escape).join(' | ')} |`),
  ].join('\n')
}

/** One line per ratio: its value, and its target with whether it is met. */
export function ratioLines(result: BenchResult): string[] {
  return result.ratios.map(({ label, value, target, met }) => {
    const verdict = target === undefined ? '' : `  (target ${target}: ${met === true ? 'met' : met === false ? 'MISSED' : 'not judged'})`
    return `${label}: ${formatValue(value)}${verdict}`
  })
}
