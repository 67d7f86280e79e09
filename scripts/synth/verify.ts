/**
 * Checks a loaded synthetic database the way a reviewer would: foreign keys (PRAGMA
 * foreign_key_check) and the file (PRAGMA integrity_check), every FTS index holding exactly one
 * entry per document and one document per source row, and a random sample of evidence spans
 * exact against their article bodies, with the sentences ingest would give them.
 */
import type { Client } from '@libsql/client';
import { enclosingSentence, sentenceRanges } from '../../src/text/sentences.ts';
import type { Prng } from './prng.ts';
import { expectedDocuments, type SearchSync } from './search-index.ts';

export interface Verification {
  foreignKeyViolations: number;
  integrity: string;
  fts: { table: string; documents: number; indexed: number; expected: number }[];
  spansChecked: number;
}

export class VerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VerificationError';
  }
}

const count = async (client: Client, sql: string) => Number((await client.execute(sql)).rows[0]?.[0] ?? Number.NaN);

export async function verify(client: Client, sync: SearchSync, rng: Prng, sample = 1000): Promise<Verification> {
  const problems: string[] = [];

  const fk = await client.execute('PRAGMA foreign_key_check');
  if (fk.rows.length) {
    const first = fk.rows.slice(0, 5).map((r) => `${r.table} row ${r.rowid} → ${r.parent}`);
    problems.push(`${fk.rows.length} foreign key violation(s), e.g. ${first.join('; ')}`);
  }

  const integrity = (await client.execute('PRAGMA integrity_check')).rows.map((r) => String(r[0])).join('; ');
  if (integrity !== 'ok') problems.push(`integrity_check: ${integrity.slice(0, 500)}`);

  const expected = await expectedDocuments(client, sync);
  const fts = [];
  for (const table of sync.tables) {
    const documents = await count(client, `SELECT count(*) FROM "${table.content}"`);
    // FTS5 keeps one _docsize row per indexed document: the index's own row count.
    const indexed = await count(client, `SELECT count(*) FROM "${table.name}_docsize"`);
    const want = expected.get(table.content) ?? Number.NaN;
    fts.push({ table: table.name, documents, indexed, expected: want });
    if (documents !== want || indexed !== want) {
      problems.push(`${table.name}: ${indexed} indexed, ${documents} documents, ${want} expected from the sources`);
    }
  }

  const maxId = await count(client, 'SELECT max(id) FROM evidence');
  const ids = [...rng.sample(maxId, Math.min(sample, maxId))].map((i) => i + 1);
  const rows = ids.length
    ? (
        await client.execute({
          sql: `SELECT e.id, e.start, e."end", e.exact, e.sentence_start, e.sentence_end, e.sentence, a.body
                FROM evidence e JOIN articles a ON a.id = e.article_id WHERE e.id IN (${ids.map(() => '?').join(',')})`,
          args: ids,
        })
      ).rows
    : [];
  for (const r of rows) {
    const body = String(r.body);
    const span = { start: Number(r.start), end: Number(r.end) };
    const sentence = enclosingSentence(sentenceRanges(body), span);
    if (body.slice(span.start, span.end) !== r.exact) problems.push(`evidence ${r.id}: exact is not body[start, end)`);
    if (Number(r.sentence_start) !== sentence.start || Number(r.sentence_end) !== sentence.end) {
      problems.push(`evidence ${r.id}: sentence offsets differ from the body's sentences`);
    }
    if (body.slice(sentence.start, sentence.end) !== r.sentence) problems.push(`evidence ${r.id}: sentence text`);
  }
  if (rows.length !== ids.length) problems.push(`evidence sample: ${ids.length - rows.length} id(s) missing`);

  if (problems.length)
    throw new VerificationError(`The synthetic database failed its checks:\n- ${problems.join('\n- ')}`);
  return { foreignKeyViolations: 0, integrity, fts, spansChecked: rows.length };
}
