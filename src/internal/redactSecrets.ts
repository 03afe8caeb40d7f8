// No word boundary before `pk_`: a key glued to a letter or `_` (`X_pk_live_…`) is still a key.
const apiKeyPattern = /pk_(?:live|test)_[A-Za-z0-9_-]+/g
const bearerPattern = /\b(Bearer)\s+[^\s"',;]+/gi
const signedParamPattern =
  /([?&](?:signature|sig|token|expires|x-amz-signature|x-amz-credential|x-goog-signature|key)=)[^&#\s"']*/gi

/**
 * Removes what must never reach a message or a log: API keys, bearer tokens, and the signing
 * parameters of signed URLs. Extra secrets (the configured key, whatever its shape) can be passed.
 */
export function redactSecrets(text: string, extraSecrets: readonly string[] = []): string {
  return redactApiKeys(text, extraSecrets).replace(signedParamPattern, '$1[redacted]')
}

/**
 * Removes API keys and bearer tokens (and `extraSecrets`) but keeps signed URLs whole: for data
 * the user asked for, such as a job's output, whose image URLs are useless without their signature.
 */
export function redactApiKeys(text: string, extraSecrets: readonly string[] = []): string {
  let redacted = text
  for (const secret of extraSecrets) {
    if (secret.length > 0) redacted = redacted.split(secret).join('[redacted]')
  }
  return redacted.replace(apiKeyPattern, 'pk_[redacted]').replace(bearerPattern, '$1 [redacted]')
}
