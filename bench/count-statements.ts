/**
 * Counts the SQL statements a server sends, by wrapping its libSQL client: every server under
 * test (Dossier through drizzle, the peers directly) goes through `execute` or `batch`, so the
 * count is the same measure for all four, taken below any framework.
 */
import type { Client } from '@libsql/client';

export interface CountingClient {
  /** Use this client in the server under test. */
  client: Client;
  /** Statements sent since the last reset. */
  count(): number;
  reset(): void;
}

export function countStatements(client: Client): CountingClient {
  let statements = 0;
  const wrapped = new Proxy(client, {
    get(target, property) {
      if (property === 'execute') {
        return (...args: Parameters<Client['execute']>) => {
          statements++;
          return (target.execute as (...a: typeof args) => ReturnType<Client['execute']>)(...args);
        };
      }
      if (property === 'batch') {
        return (...args: Parameters<Client['batch']>) => {
          statements += args[0].length;
          return target.batch(...args);
        };
      }
      // Read-only servers never open transactions or run scripts; those would go uncounted.
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return {
    client: wrapped,
    count: () => statements,
    reset: () => {
      statements = 0;
    },
  };
}
