/**
 * How every write reaches the database: one at a time per process (libSQL blocks the event loop
 * on lock waits, and a second writer during an open transaction fails at once), as one atomic
 * batch that bumps the data revision only when it changes something, and guarded against other
 * processes: the batch first checks that the revision is still the one the write was planned
 * on, and when it is not, everything rolls back and the write is planned again on fresh data.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { noteLocalWrite } from '../db/local-writes.ts';
import * as t from '../db/schema.ts';
import type { Statement } from './rows.ts';

export interface Prepared<R> {
  /** The revision the plan was made on. */
  revision: number;
  /** The data and history statements; none when there is nothing to write. */
  statements: Statement[];
  result: R;
}

/** How often a write is planned again when other processes keep writing in between. */
const MAX_ATTEMPTS = 20;

const queues = new WeakMap<Db, Promise<unknown>>();

/** Runs `task` after every earlier write on this database in this process has finished. */
export function serialised<T>(db: Db, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(db) ?? Promise.resolve();
  const next = previous.then(task, task);
  queues.set(
    db,
    next.catch(() => undefined),
  );
  return next;
}

/**
 * Plans (with `prepare`, which reads what it needs) and writes. Resolves with the plan's result
 * and the revision after the write (unchanged when nothing was written).
 */
export function commit<R>(
  db: Db,
  prepare: () => Promise<Prepared<R>>,
): Promise<R & { revision: number; written: boolean }> {
  return serialised(db, async () => {
    for (let attempt = 1; ; attempt++) {
      const prepared = await prepare();
      if (prepared.statements.length === 0) {
        return { ...prepared.result, revision: prepared.revision, written: false };
      }
      try {
        await db.batch([guard(db, prepared.revision), ...prepared.statements, bumpRevision(db), clearGuard(db)]);
        return { ...prepared.result, revision: prepared.revision + 1, written: true };
      } catch (error) {
        if (!isGuardFailure(error) || attempt >= MAX_ATTEMPTS) throw error;
      } finally {
        noteLocalWrite(); // this process's caches re-read the revision at once
      }
    }
  });
}

function guard(db: Db, planned: number): Statement {
  return db.run(
    sql`INSERT INTO ${t.writeGuards} (id, planned, current) VALUES (1, ${planned}, coalesce((SELECT revision FROM ${t.dataRevision} WHERE id = 1), 0))`,
  );
}

function clearGuard(db: Db): Statement {
  return db.delete(t.writeGuards);
}

/** Counts the write, atomically with it, so caches keyed on the revision see every change. */
export function bumpRevision(db: Db): Statement {
  return db
    .insert(t.dataRevision)
    .values({ id: 1, revision: 1 })
    .onConflictDoUpdate({ target: t.dataRevision.id, set: { revision: sql`${t.dataRevision.revision} + 1` } });
}

function isGuardFailure(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if (e instanceof Error && e.message.includes('write_guards_revision_unchanged')) return true;
  }
  return false;
}
