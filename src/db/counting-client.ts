/**
 * A libSQL client that reports every statement it sends, for the per-request count in the log.
 * Drizzle sends reads through `execute` (or `executeArrays`, src/db/array-rows.ts) and
 * multi-statement writes through `batch`.
 */
import type { Client, InStatement } from '@libsql/client';
import { answersArrays } from './array-rows.ts';

export function countingClient(client: Client, count: (statements: number) => void): Client {
  return new Proxy(client, {
    get(target, property) {
      if (property === 'execute') {
        return (...args: Parameters<Client['execute']>) => {
          count(1);
          return (target.execute as (...a: typeof args) => ReturnType<Client['execute']>)(...args);
        };
      }
      if (property === 'executeArrays' && answersArrays(target)) {
        return (statement: InStatement) => {
          count(1);
          return target.executeArrays(statement);
        };
      }
      if (property === 'batch') {
        return (...args: Parameters<Client['batch']>) => {
          count(args[0].length);
          return target.batch(...args);
        };
      }
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
