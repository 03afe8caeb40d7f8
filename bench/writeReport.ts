import type { BenchOutcome } from './BenchOutcome.js'
import { markdownTable, ratioLines } from './formatTable.js'
import type { Machine } from './machine.js'

function section(outcome: BenchOutcome, plotFile: string | undefined): string[] {
  if (outcome.kind === 'missing') return [`## ${outcome.title}`, '', `Not run: ${outcome.reason}.`, '']
  if (outcome.kind === 'failed') return [`## ${outcome.title}`, '', `Failed in this run: ${outcome.error}`, '']
  const { result } = outcome
  return [
    `## ${result.title}`,
    '',
    markdownTable(result),
    '',
    ...(result.ratios.length === 0 ? [] : ['Ratios, against baselines measured in the same run:', '', ...ratioLines(result).map((line) => `- ${line}`), '']),
    ...(result.plot !== undefined && plotFile !== undefined ? [`![${result.plot.yLabel} against ${result.plot.xLabel}](${plotFile})`, ''] : []),
    ...(result.notes.length === 0 ? [] : ['How it was measured:', '', ...result.notes.map((note) => `- ${note}`), '']),
    `(${outcome.seconds.toFixed(0)} s)`,
    '',
  ]
}

/**
 * `docs/benchmarks.md`: the machine, then each benchmark's table, ratios, plot and notes, exactly
 * as measured in one run of `npm run bench`.
 */
export function renderReport(machine: Machine, outcomes: readonly BenchOutcome[], plotFile: string | undefined, loadAtEnd: number): string {
  return [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (see `bench/run.ts`); do not edit by hand. Every number on this page was measured in the one run',
    'described below, and every ratio compares with a baseline measured in that same run.',
    '',
    '## Machine',
    '',
    '| CPU | cores | memory | Node | platform | date | load average (1 min) at start / end |',
    '| --- | ---: | ---: | --- | --- | --- | --- |',
    `| ${machine.cpu} | ${machine.cores} | ${machine.memoryGiB} GiB | ${machine.node} | ${machine.platform} | ${machine.date} | ${machine.loadAtStart.toFixed(2)} / ${loadAtEnd.toFixed(2)} |`,
    '',
    'A load average above the number of cores means other processes were competing for the CPU during the run: wall-clock',
    'figures (benchmarks 2 and 3) move with it; benchmark 1 runs in virtual time and does not.',
    '',
    ...outcomes.flatMap((outcome) => section(outcome, plotFile)),
    '## Running them',
    '',
    '```sh',
    'npm run bench                      # all four; rewrites this page and its plot',
    'npm run bench -- overhead decoding # some of them (requests, overhead, decoding, robustness); prints only',
    '```',
    '',
  ].join('\n')
}
