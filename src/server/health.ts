/**
 * `GET /health`: answers 200 when the database answers a trivial query, 503 when it does not,
 * so a load balancer or `wrangler dev` script can tell a live server from a stuck one.
 */
import { sql } from 'drizzle-orm';
import type { Plugin } from 'graphql-yoga';
import type { Db } from '../db/client.ts';
import { recordError, recordOf } from './log/request-record.ts';

export function useHealth<TServerContext extends Record<string, unknown>>(
  getDb: (serverContext: TServerContext) => Db | Promise<Db>,
): Plugin<Record<string, unknown>, TServerContext> {
  return {
    async onRequest({ url, serverContext, fetchAPI, endResponse }) {
      if (url.pathname !== '/health') return;
      const json = (status: number, body: object) =>
        new fetchAPI.Response(JSON.stringify(body), {
          status,
          headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
        });
      try {
        const db = await getDb(serverContext as TServerContext);
        await db.run(sql`SELECT 1`);
        endResponse(json(200, { status: 'ok' }));
      } catch (error) {
        // The client gets no detail; the log gets the cause.
        const record = recordOf(serverContext);
        if (record) recordError(record, error, 'SERVICE_UNAVAILABLE');
        endResponse(json(503, { status: 'unavailable', message: 'The database did not answer.' }));
      }
    },
  };
}
