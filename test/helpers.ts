/**
 * Test plumbing: a fresh in-memory database built from the real migrations and the real seed
 * (or synthetic data), and a `gql()` that goes through HTTP via `yoga.fetch` — no server, no
 * port, no mocks.
 */
import { createClient } from '@libsql/client';
import type { Logger } from 'drizzle-orm';
import { fillSynthetic } from '../scripts/synth/generate.ts';
import { createApiKey } from '../src/auth/manage.ts';
import { createDb, type Db } from '../src/db/client.ts';
import { migrateDb } from '../src/db/migrate.ts';
import { ingestArticle } from '../src/ingest/ingest-article.ts';
import { seedDb as seed } from '../src/server/seed.ts';
import { createDossierYoga } from '../src/server/yoga.ts';

export const ARTICLE_SLUG = '2017-10-18-eu-police-decryption-plan';

/** A statement that keeps one database thread busy for seconds: counting the rows of a recursive series. */
export const SLOW_STATEMENT =
  'WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n LIMIT 8000000) SELECT count(*) AS c FROM n';

/** Records every SQL statement drizzle sends, so tests can count them. */
export class SqlRecorder implements Logger {
  statements: string[] = [];
  params: unknown[][] = [];
  logQuery(query: string, params: unknown[]) {
    this.statements.push(query);
    this.params.push(params);
  }
  reset() {
    this.statements = [];
    this.params = [];
  }
}

export async function emptyDb(logger?: Logger): Promise<Db> {
  const db = createDb(createClient({ url: ':memory:' }), logger);
  await migrateDb(db);
  return db;
}

/**
 * An in-memory database filled by the synthetic generator (scripts/synth, the one generator the
 * benchmarks use too): made-up articles with realistic shapes, the same for the same seed.
 */
export async function syntheticDb(articles: number, logger?: SqlRecorder): Promise<Db> {
  const db = await emptyDb(logger);
  await fillSynthetic(db.$client, { articles, seed: 'tests' });
  logger?.reset();
  return db;
}

export async function seededDb(logger?: SqlRecorder): Promise<Db> {
  const db = await emptyDb(logger);
  await seed(db);
  logger?.reset();
  return db;
}

export interface GqlResult<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** `key` is sent as `Authorization: Bearer <key>` (an API key from `newApiKey`). */
export function serverFor(db: Db, options: { key?: string; responseCache?: boolean } = {}) {
  const yoga = createDossierYoga({
    getDb: () => db,
    getWriteDb: () => db,
    responseCache: options.responseCache ? () => true : undefined,
    revisionCheckMs: () => 0,
    ingester: ingestArticle,
  });
  return async function gql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    operationName?: string,
  ): Promise<GqlResult<T>> {
    const response = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.key ? { authorization: `Bearer ${options.key}` } : {}),
      },
      body: JSON.stringify({ query, variables, operationName }),
    });
    return { status: response.status, ...((await response.json()) as object) };
  };
}

/** A fresh API key in `db`, as `npm run keys -- create` makes one. */
export async function newApiKey(db: Db, name: string, role: 'EDITOR' | 'ADMIN'): Promise<string> {
  const result = await createApiKey(db, { name, role }, { editor: 'test', operation: 'apiKeyCreate' });
  if (!result.ok) throw new Error(result.message);
  return result.value.key;
}
