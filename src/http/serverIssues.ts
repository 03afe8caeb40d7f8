import type { ValidationIssue } from '../errors/ValidationError.js'

const fieldName = /^[A-Za-z_][\w.[\]/-]*$/

function issueFrom(item: unknown, message: string): ValidationIssue | undefined {
  // Pixii's `detail` "says which" parameter: a bare name is the field, a sentence is the reason.
  if (typeof item === 'string') return fieldName.test(item) ? { path: item, message } : { path: '', message: item }
  if (typeof item !== 'object' || item === null) return undefined
  const record = item as Record<string, unknown>
  const location = record['loc'] ?? record['field'] ?? record['path']
  const path = Array.isArray(location)
    ? location.filter((part) => part !== 'body' && part !== 'query').join('/')
    : typeof location === 'string'
      ? location
      : ''
  const reason = record['msg'] ?? record['message'] ?? record['reason']
  return { path, message: typeof reason === 'string' ? reason : message }
}

/**
 * Reads the `detail` of a server error body into issues: a field name or a sentence, an object
 * naming a `field` (or `path`, or `loc`), or a list of those (the shape FastAPI uses). `message`
 * (the body's) stands for the reason where the detail gives none.
 */
export function serverIssues(detail: unknown, message: string): ValidationIssue[] {
  const items = Array.isArray(detail) ? detail : detail === undefined || detail === null ? [] : [detail]
  return items.map((item) => issueFrom(item, message)).filter((issue): issue is ValidationIssue => issue !== undefined)
}
