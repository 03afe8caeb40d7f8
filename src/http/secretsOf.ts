import type { TransportConfig } from './TransportConfig.js'

/**
 * What a transport must keep out of every message: its API key, whatever its shape (the
 * patterns of `redactSecrets` know only the `pk_live_`/`pk_test_` shape).
 */
export function secretsOf(config: Pick<TransportConfig, 'apiKey'>): readonly string[] {
  return config.apiKey === undefined ? [] : [config.apiKey]
}
