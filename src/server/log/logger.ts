/**
 * The server's one logger: JSON lines, at most 4 KB each, with secrets masked, written to a sink
 * the platform gives (stdout on Node, `console` on the edge, an array in tests). Platform-neutral.
 *
 * Levels: `debug` adds the lines of /live and /health; `info` (the default) logs every other
 * request and client errors; `warn` and `error` log only failures; `silent` nothing.
 */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LineLevel = Exclude<LogLevel, 'silent'>;

/** Receives each finished line (no newline) and its level. */
export type LogSink = (line: string, level: LineLevel) => void;

export const MAX_LINE_BYTES = 4096;

export interface Logger {
  enabled(level: LineLevel): boolean;
  log(level: LineLevel, fields: Record<string, unknown>): void;
}

export function parseLogLevel(value: string | undefined): LogLevel {
  const level = (value ?? 'info').trim().toLowerCase() || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; got "${value}".`);
  }
  return level as LogLevel;
}

export function createLogger(level: LogLevel, sink: LogSink): Logger {
  const threshold = LOG_LEVELS.indexOf(level);
  const enabled = (at: LineLevel) => LOG_LEVELS.indexOf(at) >= threshold;
  return {
    enabled,
    log(at, fields) {
      if (enabled(at)) sink(toLine({ time: new Date().toISOString(), level: at, ...fields }), at);
    },
  };
}

const encoder = new TextEncoder();
/** Past the limit in UTF-8? A UTF-16 unit is at most 3 bytes, so a short line is not encoded to know. */
const overLimit = (text: string) => text.length * 3 > MAX_LINE_BYTES && encoder.encode(text).length > MAX_LINE_BYTES;

/** JSON of the record with secrets masked, its longest strings cut until it fits in 4 KB. */
export function toLine(record: Record<string, unknown>): string {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value !== undefined) fields[key] = typeof value === 'string' ? redactSecrets(value) : value;
  }
  let line = JSON.stringify(fields);
  while (overLimit(line)) {
    const longest = Object.entries(fields)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
      .sort((a, b) => b[1].length - a[1].length)[0];
    if (!longest || longest[1].length <= 16) {
      // Nothing long left to cut (a huge non-string field): keep what identifies the line.
      const { time, level, msg, requestId } = fields;
      return JSON.stringify({ time, level, msg, requestId, truncated: true });
    }
    fields[longest[0]] = `${longest[1].slice(0, Math.floor(longest[1].length / 2))}…`;
    fields.truncated = true;
    line = JSON.stringify(fields);
  }
  return line;
}

/** What each pattern of redactSecrets needs: a scheme word, a JWT's start, an `@` or an `=`. */
const MAY_HOLD_SECRET = /bearer|basic|eyJ|@|=/i;

/**
 * Masks what must never reach a log even inside an error message: bearer tokens, JWTs (libSQL
 * auth tokens are JWTs), credentials in URLs and `token=`/`key=`-style parameters.
 */
export function redactSecrets(text: string): string {
  // Most fields (IDs, routes, names) hold none of what the patterns below need: skip their four passes.
  if (!MAY_HOLD_SECRET.test(text)) return text;
  return text
    .replace(/\b(Bearer|Basic)\s+[\w.~+/=-]+/gi, '$1 [redacted]')
    .replace(/\beyJ[\w-]*\.[\w-]+\.[\w-]*/g, '[redacted-jwt]')
    .replace(/\/\/[^@/\s]*@/g, '//***@')
    .replace(/\b(auth_?token|authToken|token|api_?key|key|secret|password)=[^&\s"']+/gi, '$1=[redacted]');
}
