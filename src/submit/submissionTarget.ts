import type * as t from 'io-ts'
import { APlusRequest } from '../codecs/APlusRequest.js'
import { ListingBuilderRequest } from '../codecs/ListingBuilderRequest.js'
import { ScaleRequest } from '../codecs/ScaleRequest.js'
import type { SubmissionPath } from '../api/submit.js'
import type { Submission } from './Submission.js'

/** Where a kind of submission goes, how its request is checked, and the `job_type` it creates. */
export interface SubmissionTarget {
  readonly path: SubmissionPath
  readonly codec: t.Decoder<unknown, unknown>
  readonly jobType: string
}

const targets: Readonly<Record<Submission['kind'], SubmissionTarget>> = {
  listingBuilder: { path: '/v1/api/listing_builder', codec: ListingBuilderRequest, jobType: 'Listing Builder' },
  scale: { path: '/v1/api/scale', codec: ScaleRequest, jobType: 'Scale' },
  aPlus: { path: '/v1/api/a_plus', codec: APlusRequest, jobType: 'A+ Content' },
}

/** The target of a submission kind. */
export function submissionTarget(kind: Submission['kind']): SubmissionTarget {
  return targets[kind]
}
