import type { ValidationIssue } from '../errors/ValidationError.js'

function issueFrom(item: unknown): ValidationIssue | undefined {
  if (typeof item === 'string') return { path: '', message: item }
  if (typeof item !== 'object' || item === null) return undefined
  const record = item as Record<string, unknown>
  const location = record['loc'] ?? record['field'] ?? record['path']
  const path = Array.isArray(location)
    ? location.filter((part) => part !== 'body' && part !== 'query').join('/')
    : typeof location === 'string'
      ? location
      : ''
  const message = record['msg'] ?? record['message'] ?? record['reason']
  return { path, message: typeof message === 'string' ? message : JSON.stringify(item) }
}

/**
 * Reads the `detail` of a server error body into issues: a string, an object naming a `field`
 * (or `path`, or `loc`), or a list of those (the shape FastAPI uses).
 */
export function serverIssues(detail: unknown): ValidationIssue[] {
  const items = Array.isArray(detail) ? detail : detail === undefined || detail === null ? [] : [detail]
  return items.map(issueFrom).filter((issue): issue is ValidationIssue => issue !== undefined)
}
