import winston from 'winston';
import { currentLogContext } from './log-context';
import { redact, redactText, RedactOptions } from './redact';

export type Logger = winston.Logger;
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
export type LogFormat = 'json' | 'pretty';

export interface LoggerOptions {
  level: LogLevel;
  format: LogFormat;
  /** Known secret values (API keys, callback secret) masked wherever they appear. */
  secrets?: readonly string[];
  /** Where lines go; defaults to standard output. Tests pass a stream to read them back. */
  stream?: NodeJS.WritableStream;
  /** Write every level to standard error, keeping standard output for a command's result. */
  toStderr?: boolean;
}

/**
 * The one redaction step: every log line passes through it before any transport sees it.
 * Winston keeps its own bookkeeping under symbols, which `Object.keys` leaves alone.
 */
function redactFormat(options: RedactOptions): winston.Logform.Format {
  return winston.format((info) => {
    const context = currentLogContext();
    if (context) {
      for (const [key, value] of Object.entries(context)) if (!(key in info)) info[key] = value;
    }
    const { level: _level, message, ...fields } = info;
    Object.assign(info, redact(fields, options));
    info.message = redactText(String(message), options);
    return info;
  })();
}

function prettyLine(info: winston.Logform.TransformableInfo): string {
  const { level, message, timestamp, module, stack, ...rest } = info;
  const where = typeof module === 'string' ? ` [${module}]` : '';
  const fields = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
  const trace = typeof stack === 'string' ? `\n${stack}` : '';
  return `${String(timestamp)} ${level}${where} ${String(message)}${fields}${trace}`;
}

/** Creates the root logger; modules take `logger.child({ module: 'queue' })`. */
export function createLogger(options: LoggerOptions): Logger {
  const redactOptions: RedactOptions = { secrets: options.secrets ?? [] };
  const shape =
    options.format === 'json'
      ? winston.format.json()
      : winston.format.combine(
          winston.format.colorize(),
          winston.format.printf((info) => prettyLine(info)),
        );
  const transport = options.stream
    ? new winston.transports.Stream({ stream: options.stream })
    : new winston.transports.Console(
        options.toStderr ? { stderrLevels: ['error', 'warn', 'info', 'debug'] } : {},
      );

  return winston.createLogger({
    level: options.level,
    format: winston.format.combine(
      winston.format.errors({ stack: true }),
      redactFormat(redactOptions),
      winston.format.timestamp(),
      shape,
    ),
    transports: [transport],
  });
}

/** A logger that writes nothing, for unit tests and CLI commands that must stay quiet. */
export function createSilentLogger(): Logger {
  return winston.createLogger({ silent: true, transports: [new winston.transports.Console()] });
}
