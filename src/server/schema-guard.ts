/**
 * Refuses to serve a database whose schema does not fit this version (src/db/schema-version.ts):
 * every request then answers 503 SCHEMA_MISMATCH, and the log line says why, with both versions.
 * The check costs one round trip (two small reads in a batch), so it runs at most once per SCHEMA_RECHECK_MS per
 * database connection (per Node process, per edge isolate) — often enough that a server
 * refusing an unmigrated database recovers within that time once `npm run db:migrate` has run.
 * Platform-neutral: the Node server and the edge function wrap their database with it.
 */
import { GraphQLError } from 'graphql';
import type { Db } from '../db/client.ts';
import { readSchemaState, schemaFit } from '../db/schema-version.ts';

export const SCHEMA_RECHECK_MS = 30_000;
export const SCHEMA_MISMATCH_MESSAGE =
  'The database does not fit this version of the server (a deploy is incomplete). Try again later.';

/** What the log sees: the reason, with the app's version and the database's. */
export class SchemaMismatchError extends Error {
  override name = 'SchemaMismatchError';
}

/** The client's error: no versions or migration names, only the code. */
export function schemaMismatch(at: Pick<GraphQLError, 'nodes' | 'path'>): GraphQLError {
  return new GraphQLError(SCHEMA_MISMATCH_MESSAGE, {
    ...at,
    extensions: { code: 'SCHEMA_MISMATCH', http: { status: 503 } },
  });
}

const checks = new WeakMap<Db, { at: number; result: Promise<string | undefined> }>();

/** The database, once it is known to fit; a SchemaMismatchError when it does not. */
export async function schemaCheckedDb(db: Db, now = Date.now()): Promise<Db> {
  let check = checks.get(db);
  if (!check || now - check.at >= SCHEMA_RECHECK_MS) {
    const result = readSchemaState(db.$client).then((state) => {
      const fit = schemaFit(state);
      return fit.fits ? undefined : fit.reason;
    });
    check = { at: now, result };
    checks.set(db, check);
    // A failed read (the database down) is not remembered: the next request asks again.
    const started = check;
    result.catch(() => {
      if (checks.get(db) === started) checks.delete(db);
    });
  }
  const reason = await check.result;
  if (reason) throw new SchemaMismatchError(reason);
  return db;
}
