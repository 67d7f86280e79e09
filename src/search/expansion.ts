/**
 * How many index terms a search reads: each word counts one, and a prefix (word*) counts every
 * term of the index it expands to, looked up in search_fts_vocab (an fts5vocab table over the
 * index) before the search runs. The search is priced by this (the cost model) and refused above
 * MAX_INDEX_TERMS, since a MATCH reads every expanded term's postings.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { type Term, words } from './query.ts';

/** Index terms one search may read, prefixes expanded. */
export const MAX_INDEX_TERMS = 100;

/** Above every code point: `term <= prefix || TOP` is every term starting with the prefix. */
const TOP = '\u{10FFFF}';

/** As the index folds it (unicode61 remove_diacritics 2): lower case, without combining marks. */
function folded(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Index terms the search reads, counting at most `max + 1` (enough to refuse); one look-up per
 * distinct prefix.
 */
export async function countIndexTerms(db: Db, terms: readonly Term[], max = MAX_INDEX_TERMS): Promise<number> {
  let total = 0;
  const expansions = new Map<string, number>();
  for (const term of terms) {
    const parts = words(term.text);
    if (!term.prefix) {
      total += parts.length;
      continue;
    }
    const prefix = folded(parts.at(-1) ?? '');
    total += parts.length - 1;
    let count = expansions.get(prefix);
    if (count === undefined) {
      const [row] = (await db.all(sql`SELECT count(*) AS n FROM (
        SELECT term FROM search_fts_vocab WHERE term >= ${prefix} AND term <= ${prefix + TOP} LIMIT ${max + 1}
      )`)) as { n: number }[];
      count = Number(row?.n ?? 0);
      expansions.set(prefix, count);
    }
    total += count;
    if (total > max) return total;
  }
  return total;
}
