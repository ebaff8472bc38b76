import type { Config } from './config-types';
import { maskConfig } from './mask-config';

/** What `kkm config check` prints as the ATOL address in sandbox mode. */
export const SANDBOX_BASE_URL = 'sandbox (built-in emulator)';

/**
 * The configuration as `kkm config check` shows it: secrets masked, and in sandbox mode the
 * ATOL address replaced by where requests really go. The sandbox emulator gets a free port
 * only when the service starts, so the configured host (ATOL's test host) is never called.
 */
export function printableConfig(config: Config): Config {
  const masked = maskConfig(config);
  if (!config.atol.sandbox) return masked;
  return { ...masked, atol: { ...masked.atol, baseUrl: SANDBOX_BASE_URL } };
}
