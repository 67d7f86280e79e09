/**
 * Creating, listing and revoking API keys (the `keys` CLI and the admin mutations). A new key is
 * returned once and never stored; its creation and revocation are recorded in history under the
 * key's name, never with the key or its hash.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { apiKeys } from '../db/schema.ts';
import type { ApiKeyRole } from '../domain.ts';
import { commit } from '../ingest/commit.ts';
import { historyStatements, type WriteContext } from '../ingest/history.ts';
import { readRevisionOf } from '../ingest/stored.ts';
import { newKey, sha256Hex } from './keys.ts';

export const KEY_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._@-]{0,63}$/;

export interface ApiKeyInfo {
  name: string;
  role: ApiKeyRole;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export type KeyOutcome<T> = { ok: true; value: T } | { ok: false; field: string; code: string; message: string };

export async function createApiKey(
  db: Db,
  input: { name: string; role: ApiKeyRole },
  context: WriteContext,
): Promise<KeyOutcome<{ key: string; info: ApiKeyInfo }>> {
  if (!KEY_NAME.test(input.name)) {
    return {
      ok: false,
      field: 'name',
      code: 'INVALID',
      message: 'A key name is 1 to 64 letters, digits, spaces or ._@- and starts with a letter or digit.',
    };
  }
  const key = newKey();
  const sha256 = await sha256Hex(key);
  const info: ApiKeyInfo = {
    name: input.name,
    role: input.role,
    createdAt: new Date().toISOString(),
    lastUsedAt: null,
    revokedAt: null,
  };
  const result = await commit(db, async () => {
    const revision = await readRevisionOf(db);
    const [taken] = await db.select({ name: apiKeys.name }).from(apiKeys).where(eq(apiKeys.name, input.name));
    if (taken) return { revision, statements: [], result: { taken: true } };
    return {
      revision,
      statements: [
        db.insert(apiKeys).values({ name: info.name, role: info.role, sha256, createdAt: info.createdAt }),
        ...historyStatements(db, context, [
          {
            subjectType: 'ApiKey',
            subjectKey: info.name,
            change: 'CREATED',
            articleId: null,
            changedFields: [],
            before: null,
            after: { name: info.name, role: info.role },
          },
        ]),
      ],
      result: { taken: false },
    };
  });
  if (result.taken) {
    return { ok: false, field: 'name', code: 'TAKEN', message: `A key named "${input.name}" exists already.` };
  }
  return { ok: true, value: { key, info } };
}

export async function revokeApiKey(db: Db, name: string, context: WriteContext): Promise<KeyOutcome<ApiKeyInfo>> {
  const result = await commit(db, async () => {
    const revision = await readRevisionOf(db);
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.name, name));
    if (!row || row.revokedAt) return { revision, statements: [], result: { row: row ?? null } };
    const revokedAt = new Date().toISOString();
    return {
      revision,
      statements: [
        db.update(apiKeys).set({ revokedAt }).where(eq(apiKeys.name, name)),
        ...historyStatements(db, context, [
          {
            subjectType: 'ApiKey',
            subjectKey: name,
            change: 'REMOVED',
            articleId: null,
            changedFields: ['revokedAt'],
            before: { revokedAt: null },
            after: { revokedAt },
          },
        ]),
      ],
      result: { row: { ...row, revokedAt } },
    };
  });
  if (!result.row) return { ok: false, field: 'name', code: 'NOT_FOUND', message: `No key is named "${name}".` };
  if (!result.written) {
    return { ok: false, field: 'name', code: 'ALREADY_REVOKED', message: `The key "${name}" is revoked already.` };
  }
  return { ok: true, value: infoOf(result.row) };
}

export async function listApiKeys(db: Db): Promise<ApiKeyInfo[]> {
  return (await db.select().from(apiKeys).orderBy(apiKeys.name)).map(infoOf);
}

function infoOf(row: typeof apiKeys.$inferSelect): ApiKeyInfo {
  return {
    name: row.name,
    role: row.role,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}
