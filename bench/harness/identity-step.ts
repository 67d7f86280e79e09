/**
 * Step one on each dataset, before any timing: Dossier, L, N and N+DL answer every operation in
 * this process (bench/identity.ts), their data must be identical, and the SQL statements each
 * sends per request are counted (bench/count-statements.ts). An operation that fails the check
 * is reported and left out of the timing; the run goes on with the others and fails at the end. For the cache comparison, Dossier
 * with its response cache on answers each cached operation twice: the second answer (a hit)
 * must carry the same data, and its statements are counted too.
 */
import { isDeepStrictEqual } from 'node:util';
import { createDb } from '../../src/db/client.ts';
import { openClient } from '../../src/db/node-client.ts';
import { createDossierYoga } from '../../src/server/yoga.ts';
import { countStatements } from '../count-statements.ts';
import { checkIdentity, firstDifference, type IdentityRow, startServers } from '../identity.ts';
import type { Operation } from '../operations.ts';

export interface IdentityOutcome {
  rows: Map<string, IdentityRow>;
  /** Per operation that failed the check: why (errors, or the first differing path), shortened. */
  problems: Map<string, string[]>;
}

export async function identityStep(url: string, operations: Operation[]): Promise<IdentityOutcome> {
  const servers = startServers(url);
  try {
    const rows = await checkIdentity(servers, operations);
    const problems = new Map(
      rows.filter((row) => row.problems.length).map((row) => [row.label, row.problems.map((p) => p.slice(0, 400))]),
    );
    return { rows: new Map(rows.map((row) => [row.label, row])), problems };
  } finally {
    for (const server of servers) server.close();
  }
}

/**
 * Statements of a cache hit (the second identical request) with the response cache on, and the
 * operations whose cached answer differs from the reference (with why).
 */
export async function cacheHitStatements(
  url: string,
  operations: Operation[],
  reference: Map<string, IdentityRow>,
): Promise<{ counts: Map<string, number>; problems: Map<string, string[]> }> {
  const underlying = openClient({ url });
  const counting = countStatements(underlying);
  const db = createDb(counting.client);
  // The cost limit off, as in bench/servers.ts: some sweep operations cost more than it admits.
  const yoga = createDossierYoga({ getDb: () => db, responseCache: () => true, maxCost: Number.POSITIVE_INFINITY });
  const counts = new Map<string, number>();
  const problems = new Map<string, string[]>();
  try {
    for (const operation of operations) {
      const { operationName, query, variables } = operation;
      const send = async () => {
        const response = await yoga.fetch('http://bench/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ operationName, query, variables }),
        });
        return (await response.json()) as { data?: unknown; errors?: unknown };
      };
      await send(); // the miss, which fills the cache
      counting.reset();
      const hit = await send();
      const expected = reference.get(operation.label)?.data;
      if (hit.errors || !isDeepStrictEqual(hit.data, expected)) {
        const why = hit.errors ? `errors ${JSON.stringify(hit.errors)}` : firstDifference(expected, hit.data);
        problems.set(operation.label, [`Dossier+cache: ${why.slice(0, 400)}`]);
      } else {
        counts.set(operation.label, counting.count());
      }
    }
  } finally {
    underlying.close();
  }
  return { counts, problems };
}
