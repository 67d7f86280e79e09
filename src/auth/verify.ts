/**
 * Who is asking: anonymous (a reader), or the editor or admin whose key the request carries.
 * A key that is present but malformed, unknown or revoked is refused (401) even on a read, as
 * GitHub does, rather than silently served as anonymous. Never echoes the key.
 */
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import type { Db } from '../db/client.ts';
import { apiKeys } from '../db/schema.ts';
import type { ApiKeyRole } from '../domain.ts';
import { serialised } from '../ingest/commit.ts';
import { forbidden, unauthenticated } from './errors.ts';
import { credentialsOf, sha256Hex } from './keys.ts';

export interface Editor {
  /** The key's name: public, shown in history. */
  name: string;
  role: ApiKeyRole;
}

const HOUR_MS = 60 * 60 * 1000;

export async function authenticate(db: Db, authorization: string | null, writeDb: Db | null): Promise<Editor | null> {
  const credentials = credentialsOf(authorization);
  if (credentials.kind === 'none') return null;
  if (credentials.kind === 'malformed') {
    throw unauthenticated('The Authorization header must be "Bearer dsk_…" with a Dossier API key.');
  }
  const sha256 = await sha256Hex(credentials.key);
  const [row] = await db
    .select({ name: apiKeys.name, role: apiKeys.role, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.sha256, sha256), isNull(apiKeys.revokedAt)));
  if (!row) throw unauthenticated('This API key is not valid (unknown or revoked).');
  if (writeDb && stale(row.lastUsedAt)) await touch(writeDb, row.name);
  return { name: row.name, role: row.role };
}

function stale(lastUsedAt: string | null): boolean {
  return lastUsedAt === null || Date.now() - Date.parse(lastUsedAt) >= HOUR_MS;
}

/** `last used` at most hourly: a bookkeeping write, not data, so the revision does not move. */
async function touch(db: Db, name: string): Promise<void> {
  const now = new Date();
  const hourAgo = new Date(now.getTime() - HOUR_MS).toISOString();
  await serialised(db, () =>
    db
      .update(apiKeys)
      .set({ lastUsedAt: now.toISOString() })
      .where(and(eq(apiKeys.name, name), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, hourAgo)))),
  );
}

/**
 * The connection a mutation writes through, once its key is verified. A server without one (the
 * edge without DATABASE_WRITE_TOKEN) answers WRITES_DISABLED, HTTP 503.
 */
export function writableDb(ctx: { writeDb: Db | null }): Db {
  if (ctx.writeDb) return ctx.writeDb;
  throw new GraphQLError('Writes are disabled on this server (it has no DATABASE_WRITE_TOKEN); reads work.', {
    extensions: { code: 'WRITES_DISABLED', http: { status: 503 } },
  });
}

/** Editors and admins may write; only admins may do what is marked for admins. */
export function requireRole(editor: Editor | null, role: ApiKeyRole): Editor {
  if (!editor) throw unauthenticated('Writing needs an API key: send it as "Authorization: Bearer dsk_…".');
  if (role === 'ADMIN' && editor.role !== 'ADMIN') throw forbidden('Only an admin key may do this.');
  return editor;
}
