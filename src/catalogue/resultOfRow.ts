import type { CatalogueRow } from './CatalogueRow.js'
import type { RowRecord } from './JournalState.js'
import type { RowResult } from './RowResult.js'

/** The result line of `row`, from what the journal knows of it. */
export function resultOfRow(row: CatalogueRow, record: RowRecord | undefined, deferred: boolean): RowResult {
  const output = record?.output
  const finished = record?.finished
  const status: RowResult['status'] =
    finished !== undefined
      ? finished.status
      : record?.jobId !== undefined
        ? 'running'
        : record !== undefined && record.intents.length > 0
          ? 'unresolved'
          : deferred
            ? 'deferred'
            : 'pending'
  const error = finished?.error ?? record?.problem?.error ?? null
  return {
    row: row.key,
    line: row.line,
    asin: row.submission.request.asin,
    kind: row.submission.kind,
    jobId: record?.jobId ?? null,
    status,
    ads: {
      ok: output?.ads.filter((ad) => ad.ok).length ?? 0,
      failed: output?.ads.flatMap((ad) => (ad.ok ? [] : [{ adIndex: ad.adIndex, code: ad.code ?? 'UNKNOWN' }])) ?? [],
    },
    files: [...(record?.images.values() ?? [])].sort((a, b) => a.adIndex - b.adIndex).map((image) => image.file),
    credits: output?.credits ?? { charged: 0, refunded: 0 },
    error: status === 'completed' ? null : error,
  }
}
