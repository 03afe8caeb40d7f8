import { expect } from 'chai'
import fc from 'fast-check'
import * as t from 'io-ts'
import { ApiErrorBody, IsoDateTime, JobOutput } from '../../src/advanced/index.js'
import { isApiErrorBody } from '../../src/codecs/ApiErrorBody.js'
import { nullable } from '../../src/codecs/nullable.js'
import { validationIssues } from '../../src/errors/validationIssues.js'
import { nearMissJob, validJob } from './arbitraries.js'

// Two pieces written out so that a watch-only bundle leaves parts of io-ts out (nullable for
// t.union([codec, t.null]), isApiErrorBody for ApiErrorBody.is): they must not be told apart from
// what they replace, on anything JSON can hold and on the near misses of a job.
const values = fc.oneof(
  fc.jsonValue(),
  fc.anything(),
  nearMissJob.map(({ job }) => job),
  validJob().map((job) => job.output),
  nearMissJob.map(({ job }) => job['output']),
  fc.record({ code: fc.oneof(fc.string(), fc.integer()), message: fc.oneof(fc.string(), fc.constant(null)) }, { requiredKeys: [] }),
  fc.record(
    { code: fc.string(), message: fc.string(), detail: fc.jsonValue(), retry_after: fc.oneof(fc.double(), fc.string(), fc.constant(undefined), fc.constant(null)) },
    { requiredKeys: ['code', 'message'] },
  ),
  fc.constantFrom<unknown>(null, undefined, '2026-01-01T00:00:00Z', 'not a date', [], new Date(0), Object.create(null), { ads: [] }),
)

/** Errors with their root codec replaced by a marker, so that two codecs' errors can be compared. */
function comparable(errors: t.Errors, root: t.Mixed): unknown {
  return errors.map((error) => ({
    value: error.value,
    message: error.message,
    context: error.context.map((entry) => ({ key: entry.key, type: entry.type === root ? 'the root codec' : entry.type, actual: entry.actual })),
  }))
}

describe('property: the written-out codec pieces are their io-ts originals', () => {
  it('nullable(codec) is t.union([codec, t.null]): name, is, decode, error contexts, issues, encode', () => {
    const pairs = [IsoDateTime, JobOutput, t.string].map((codec) => [nullable(codec), t.union([codec, t.null])] as const)
    for (const [lean, original] of pairs) {
      expect(lean).to.be.instanceOf(t.UnionType)
      expect(lean.name).to.equal(original.name)
      expect(lean.types).to.deep.equal(original.types)
    }
    fc.assert(
      fc.property(values, (value) => {
        for (const [lean, original] of pairs) {
          expect(lean.is(value), `${original.name}.is`).to.equal(original.is(value))
          const [mine, theirs] = [lean.decode(value), original.decode(value)]
          expect(mine._tag, `${original.name}.decode`).to.equal(theirs._tag)
          if (mine._tag === 'Right' && theirs._tag === 'Right') expect(mine.right).to.equal(theirs.right)
          if (mine._tag === 'Left' && theirs._tag === 'Left') {
            // The same errors, in the same order, whose contexts differ only by the root codec itself.
            expect(comparable(mine.left, lean)).to.deep.equal(comparable(theirs.left, original))
            expect(validationIssues(mine.left)).to.deep.equal(validationIssues(theirs.left))
          }
          if (original.is(value)) expect(lean.encode(value)).to.equal(original.encode(value))
        }
      }),
      { numRuns: 300 },
    )
  })

  it('isApiErrorBody is ApiErrorBody.is', () => {
    fc.assert(
      fc.property(values, (value) => {
        expect(isApiErrorBody(value), JSON.stringify(value) ?? String(value)).to.equal(ApiErrorBody.is(value))
      }),
      { numRuns: 500 },
    )
    expect(isApiErrorBody({ code: 'X', message: 'y', retry_after: 3 })).to.equal(true)
    expect(isApiErrorBody({ code: 'X', message: 'y', retry_after: '3' })).to.equal(false)
    expect(isApiErrorBody({ code: 'X' })).to.equal(false)
  })
})
