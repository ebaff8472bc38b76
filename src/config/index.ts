export { loadConfig, readEnvironment } from './load-config';
export { maskConfig, secretValues } from './mask-config';
export { ConfigError } from './config-error';
export { DEV_DEFAULTS } from './build-config';
export { ATOL_TEST_ACCOUNTS, ATOL_TEST_INN, ATOL_HOSTS } from './atol-sandbox';
export * from './config-types';
