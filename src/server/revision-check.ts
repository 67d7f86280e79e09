/**
 * The data revision a request is answered at, for the response caches (cache.ts in memory,
 * edge-cache.ts on Cloudflare's Cache API). Reading it is a database round trip, so it is read at
 * most once per request (a saved query's inner request shares its outer one's) and at most once
 * per REVISION_CHECK_MS per process or isolate: another process's write is seen at most that late
 * (README → Caching), while this process's own writes (src/db/local-writes.ts) are seen at once.
 * Tests set the interval to 0: every request reads it.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { localWriteCount } from '../db/local-writes.ts';
import { dataRevision } from '../db/schema.ts';

export const DEFAULT_REVISION_CHECK_MS = 1000;

export async function readRevision(db: Db): Promise<number> {
  const [row] = await db.select({ revision: dataRevision.revision }).from(dataRevision).where(eq(dataRevision.id, 1));
  return row?.revision ?? 0;
}

export interface RevisionCheck {
  /**
   * The revision for the request `key` stands for (its log record, shared by inner requests):
   * the last one read when it is younger than `intervalMs` and no local write came since,
   * else read through `db`. Rejects when the database cannot be asked.
   */
  revisionFor(key: object, db: () => Db | Promise<Db>, intervalMs: number): Promise<number>;
}

/** One per server (per Yoga): `now` in milliseconds, the server's clock. */
export function revisionCheck(now: () => number): RevisionCheck {
  let last: { revision: number; at: number; writes: number } | undefined;
  const perRequest = new WeakMap<object, Promise<number>>();
  const fresh = (intervalMs: number) => {
    if (!last || last.writes !== localWriteCount()) return false;
    const age = now() - last.at;
    return age >= 0 && age < intervalMs; // a clock set back counts as stale
  };
  return {
    revisionFor(key, db, intervalMs) {
      let revision = perRequest.get(key);
      if (!revision) {
        revision = fresh(intervalMs) ? Promise.resolve((last as { revision: number }).revision) : read(db);
        perRequest.set(key, revision);
      }
      return revision;
    },
  };

  async function read(db: () => Db | Promise<Db>): Promise<number> {
    const writes = localWriteCount(); // before the read: a write during it makes the next request read again
    const at = now();
    const revision = await readRevision(await db());
    last = { revision, at, writes };
    return revision;
  }
}

/** REVISION_CHECK_MS: a whole number of milliseconds, 0 or more (0: every request reads it). */
export function parseRevisionCheckMs(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_REVISION_CHECK_MS;
  const ms = Number(value);
  if (!Number.isFinite(ms) || ms < 0) {
    throw new Error(`REVISION_CHECK_MS must be a number of milliseconds, 0 or more; got "${value}".`);
  }
  return ms;
}
