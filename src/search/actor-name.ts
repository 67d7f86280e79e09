/**
 * "The actor's name or one of its aliases contains this text, ignoring case": a substring filter
 * served by an index. A B-tree index cannot serve `%text%`; the trigram FTS5 table
 * actor_name_fts (see the search_fts migration) can, for text of at least three characters.
 * Shorter text cannot make a trigram, so it falls back to instr() over names and aliases, a scan
 * of two small tables. Either way the text is matched literally: %, _, \, quotes and SQL are
 * plain characters (it is a bound parameter, and a quoted FTS5 string for the trigram table).
 */
import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';

/** The trigram tokenizer's unit: shorter text cannot use the index. */
export const TRIGRAM_LENGTH = 3;

/** Condition on an actor id column (`actors.id`, `quotes.speaker_id`, …). Empty text matches every actor. */
export function actorNameContains(actorId: SQLWrapper, text: string): SQL {
  // A NUL would end the MATCH string early inside SQLite; no name holds one.
  const usable = !text.includes('\u0000');
  if (usable && [...text].length >= TRIGRAM_LENGTH) {
    const phrase = `"${text.replaceAll('"', '""')}"`;
    return sql`${actorId} IN (SELECT d.actor_id FROM actor_name_fts CROSS JOIN actor_name_fts_docs AS d ON d.id = actor_name_fts.rowid WHERE actor_name_fts MATCH ${phrase})`;
  }
  if (!usable) return sql`0`;
  // lower() folds ASCII only, while the trigram index folds all of Unicode: short non-ASCII text is case-sensitive.
  return sql`${actorId} IN (SELECT id FROM actors WHERE instr(lower(name), lower(${text})) > 0 UNION SELECT actor_id FROM actor_aliases WHERE instr(lower(alias), lower(${text})) > 0)`;
}
