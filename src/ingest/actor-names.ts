/**
 * Lets an import name actors the way an editor (or the extractor) knows them: by ID, or by a name
 * or alias that fits exactly one actor (ignoring case), in the database or among the import's own
 * new actors. Runs on the raw input, before validation; a name that fits none or several actors
 * is left as it is, so validation or the writer reports it with its path.
 */
import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import * as t from '../db/schema.ts';
import type { RawImport } from './validate.ts';

type Json = Record<string, unknown>;

/** [list, field] pairs that hold one actor reference, and the nested measure-actor links. */
const SINGLE: [string, string][] = [
  ['mentions', 'actor'],
  ['measures', 'proposer'],
  ['positions', 'actor'],
  ['fundingItems', 'funder'],
  ['quotes', 'speaker'],
  ['figures', 'reportedBy'],
];
const KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export async function resolveActorNames(db: Db, raw: RawImport): Promise<RawImport> {
  const refs: { holder: Json; field: string; value: string }[] = [];
  for (const { json } of raw.articles) {
    if (!json || typeof json !== 'object') continue;
    const article = json as Json;
    for (const [list, field] of SINGLE) {
      for (const item of asObjects(article[list])) {
        if (typeof item[field] === 'string') refs.push({ holder: item, field, value: item[field] as string });
      }
    }
    for (const measure of asObjects(article.measures)) {
      for (const link of asObjects(measure.actors)) {
        if (typeof link.actor === 'string') refs.push({ holder: link, field: 'actor', value: link.actor });
      }
    }
  }
  const names = [...new Set(refs.filter((r) => !KEY.test(r.value)).map((r) => r.value.toLowerCase()))];
  if (names.length === 0) return raw;

  const candidates = new Map<string, Set<string>>(); // lower-case name → actor ids
  const add = (name: string, id: string) => {
    const ids = candidates.get(name.toLowerCase()) ?? new Set<string>();
    candidates.set(name.toLowerCase(), ids.add(id));
  };
  for (const actor of asObjects(raw.actors)) {
    if (typeof actor.id !== 'string') continue;
    if (typeof actor.name === 'string') add(actor.name, actor.id);
    for (const alias of Array.isArray(actor.aliases) ? actor.aliases : [])
      if (typeof alias === 'string') add(alias, actor.id);
  }
  const byName = await db
    .select({ id: t.actors.id, name: t.actors.name })
    .from(t.actors)
    .where(inArray(sql`lower(${t.actors.name})`, names));
  for (const row of byName) add(row.name, row.id);
  const byAlias = await db
    .select({ id: t.actorAliases.actorId, name: t.actorAliases.alias })
    .from(t.actorAliases)
    .where(inArray(sql`lower(${t.actorAliases.alias})`, names));
  for (const row of byAlias) add(row.name, row.id);

  for (const ref of refs) {
    const ids = candidates.get(ref.value.toLowerCase());
    if (!KEY.test(ref.value) && ids?.size === 1) ref.holder[ref.field] = [...ids][0];
  }
  return raw;
}

function asObjects(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter((v): v is Json => v !== null && typeof v === 'object') : [];
}
