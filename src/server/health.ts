/**
 * `GET /health`: answers 200 when the database answers a trivial query, 503 when it does not,
 * so a load balancer or `wrangler dev` script can tell a live server from a stuck one. An
 * embedded replica also reports its last successful sync, and answers 503 `stale` once that is
 * older than its bound: its reads still work, but a load balancer should prefer a fresh replica.
 */
import { sql } from 'drizzle-orm';
import type { Plugin } from 'graphql-yoga';
import type { Db } from '../db/client.ts';
import { abortOf, DeadlineExceeded } from '../db/request-signal.ts';
import { refusedTokenStatus } from './database-auth.ts';
import { recordError, recordOf } from './log/request-record.ts';
import type { ReplicaHealth } from './replica-sync.ts';
import { onRequestWhere } from './route-hook.ts';
import { SchemaMismatchError } from './schema-guard.ts';
import { RETRY_AFTER_SECONDS } from './unavailable.ts';

export function useHealth<TServerContext extends Record<string, unknown>>(
  getDb: (serverContext: TServerContext) => Db | Promise<Db>,
  replicaHealth?: () => ReplicaHealth,
): Plugin<Record<string, unknown>, TServerContext> {
  return {
    onRequest: onRequestWhere(
      ({ url }) => url.pathname === '/health',
      async ({ serverContext, fetchAPI, endResponse }) => {
        const json = (status: number, body: object) =>
          new fetchAPI.Response(JSON.stringify(body), {
            status,
            headers: {
              'content-type': 'application/json',
              'cache-control': 'no-store',
              ...(status === 503 ? { 'retry-after': String(RETRY_AFTER_SECONDS) } : {}),
            },
          });
        try {
          const db = await getDb(serverContext as TServerContext);
          await db.run(sql`SELECT 1`);
          const replica = replicaHealth?.();
          if (replica?.stale) endResponse(json(503, staleBody(replica)));
          else endResponse(json(200, replica ? { status: 'ok', replica: replicaFields(replica) } : { status: 'ok' }));
        } catch (error) {
          // The client gets no detail; the log gets the cause.
          const [code, body] = unhealthy(error);
          const record = recordOf(serverContext);
          if (record) recordError(record, error, code);
          endResponse(json(503, body));
        }
      },
    ),
  };
}

function replicaFields({ lastSyncAt, ageMs, maxStalenessMs, failures }: ReplicaHealth) {
  return { lastSyncAt, ageMs, maxStalenessMs, failures };
}

function staleBody(replica: ReplicaHealth) {
  const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
  return {
    status: 'stale',
    message: `The replica last synced ${seconds(replica.ageMs)} ago (bound ${seconds(replica.maxStalenessMs)}): its syncs fail (see the server's log).`,
    replica: replicaFields(replica),
  };
}

/** Why /health fails, in the codes GraphQL errors use; a wrong token or schema is not an outage. */
function unhealthy(error: unknown): [string, { status: string; message: string }] {
  if (error instanceof SchemaMismatchError) {
    return ['SCHEMA_MISMATCH', { status: 'schema_mismatch', message: 'The database does not fit this version.' }];
  }
  if (refusedTokenStatus(error) !== undefined) {
    return ['DATABASE_AUTH_FAILED', { status: 'auth_failed', message: 'The database refused the credentials.' }];
  }
  const code = abortOf(error) instanceof DeadlineExceeded ? 'TIMEOUT' : 'SERVICE_UNAVAILABLE';
  return [code, { status: 'unavailable', message: 'The database did not answer.' }];
}
