/**
 * The edge's logger: lines through `console`, where Cloudflare's logs (and `wrangler tail`) find
 * them, at the level of its `LOG_LEVEL` variable. A bad value cannot stop a function from
 * starting, so it falls back to `info` and says so once.
 */
import { createLogger, type LineLevel, type Logger, parseLogLevel } from './logger.ts';

const loggers = new Map<string, Logger>();

const sink = (line: string, level: LineLevel) => {
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
};

export function consoleLogger(setting: string | undefined): Logger {
  const key = setting ?? '';
  let logger = loggers.get(key);
  if (!logger) {
    try {
      logger = createLogger(parseLogLevel(setting), sink);
    } catch (error) {
      logger = createLogger('info', sink);
      logger.log('warn', { msg: `${(error as Error).message} Using info.` });
    }
    loggers.set(key, logger);
  }
  return logger;
}
