/**
 * The one way Node code (the server, every script, the benchmarks) opens a libSQL client: with a
 * busy timeout, so a database another process is writing makes it wait up to this long instead
 * of failing at once with SQLITE_BUSY. `timeout` is per pooled connection (a PRAGMA would reach
 * only one of them); libSQL servers over HTTP ignore it.
 */
import { type Client, type Config, createClient } from '@libsql/client';

export const BUSY_TIMEOUT_MS = 5000;

export function openClient(config: Config): Client {
  return createClient(withBusyTimeout(config));
}

export function withBusyTimeout(config: Config): Config {
  return { timeout: BUSY_TIMEOUT_MS, ...config };
}
