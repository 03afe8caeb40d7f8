import type { either } from 'fp-ts'

// fp-ts's own `left` and `right`, written out: fp-ts's root re-exports each module as a namespace
// object, and esbuild keeps a whole namespace (all of Either, 12 kB minified) for one call on it.
// The values are fp-ts's, to the tag: `{ _tag: 'Left', left }` and `{ _tag: 'Right', right }`.

export const left = <E, A = never>(e: E): either.Either<E, A> => ({ _tag: 'Left', left: e })

export const right = <A, E = never>(a: A): either.Either<E, A> => ({ _tag: 'Right', right: a })
