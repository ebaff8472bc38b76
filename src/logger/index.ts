export { createLogger, createSilentLogger } from './logger';
export type { Logger, LogLevel, LogFormat, LoggerOptions } from './logger';
export { redact, redactText, registerSecretValues, isSecretKey, MASK } from './redact';
export type { RedactOptions } from './redact';
export { runWithLogContext, currentLogContext } from './log-context';
export type { LogContext } from './log-context';
