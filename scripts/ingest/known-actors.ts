/**
 * The known actors the extractor matches names against. From the database when it is there
 * (DATABASE_URL, default file:data/dossier.db — the actors and actor_aliases tables), else from
 * seeds/actors.json; a missing database file is never created just to read it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openClient } from '../../src/db/node-client.ts';
import type { ActorKind } from '../../src/domain.ts';
import type { KnownActor } from '../../src/extract/types.ts';
import { readConfig } from '../../src/server/config.ts';

export interface KnownActorSource {
  actors: KnownActor[];
  /** Where they came from, for the log line on stderr. */
  from: string;
}

export async function loadKnownActors(): Promise<KnownActorSource> {
  const config = readConfig();
  const url = config.databaseUrl;
  const file = url.startsWith('file:') ? url.slice('file:'.length) : null;
  if (url !== ':memory:' && (file === null || existsSync(file))) {
    const client = openClient({ url, authToken: config.authToken });
    try {
      const actors = await client.execute('SELECT id, name, kind FROM actors ORDER BY id');
      const aliases = await client.execute('SELECT actor_id, alias FROM actor_aliases');
      const byActor = new Map<string, string[]>();
      for (const row of aliases.rows) {
        const list = byActor.get(String(row.actor_id)) ?? [];
        list.push(String(row.alias));
        byActor.set(String(row.actor_id), list);
      }
      return {
        from: `the database (${file ?? 'DATABASE_URL'})`,
        actors: actors.rows.map((row) => ({
          id: String(row.id),
          name: String(row.name),
          kind: String(row.kind) as ActorKind,
          aliases: byActor.get(String(row.id)) ?? [],
        })),
      };
    } catch {
      // Not migrated yet (no actors table): fall back to the seed's actors, as for a missing file.
    } finally {
      client.close();
    }
  }
  const seedFile = fileURLToPath(new URL('../../seeds/actors.json', import.meta.url));
  const seed = JSON.parse(readFileSync(seedFile, 'utf8')) as KnownActor[];
  return {
    from: 'seeds/actors.json',
    actors: seed.map((a) => ({ id: a.id, name: a.name, kind: a.kind, aliases: a.aliases })),
  };
}
