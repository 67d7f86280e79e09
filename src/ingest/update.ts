/**
 * A partial correction of one fact's editable fields (`measureUpdate`, `fundingItemUpdate`, …):
 * the patch is merged into the stored fact, the result is checked with the same zod schema as an
 * import (and its references against the database), and the fact becomes CORRECTED. Evidence
 * and provenance do not change here; history keeps the previous values.
 */
import { count, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import * as t from '../db/schema.ts';
import { decimalToMinor, minorToDecimal } from '../money.ts';
import { commit } from './commit.ts';
import {
  canonicalFact,
  changedFields,
  type FactFields,
  type FactInput,
  type FactType,
  rowFromFields,
} from './facts.ts';
import {
  eventSchema,
  type FundingItemInput,
  figureSchema,
  fundingItemSchema,
  type MeasureInput,
  measureSchema,
  positionSchema,
  quoteSchema,
} from './format.ts';
import { historyStatements, type WriteContext } from './history.ts';
import { linkOf, MEASURE_LISTS, overCapMessage } from './measure-lists.ts';
import { type Statement, upsert } from './rows.ts';
import { loadActors, loadState } from './stored.ts';
import { inputProblems, type Problem, problem } from './validate.ts';

const SCHEMAS = {
  measures: measureSchema,
  positions: positionSchema,
  fundingItems: fundingItemSchema,
  quotes: quoteSchema,
  figures: figureSchema,
  events: eventSchema,
};

const NOT_EDITABLE = new Set(['id', 'reviewStatus', 'provenance', 'evidence']);
const ACTOR_FIELDS = ['proposer', 'actor', 'funder', 'speaker', 'reportedBy'];
const MEASURE_FIELDS = ['parent', 'measure'];

export async function updateFact(
  db: Db,
  fact: { type: FactType; id: string },
  patch: Record<string, unknown>,
  context: WriteContext & { note?: string | null },
): Promise<{ problems: Problem[]; written: boolean }> {
  const { list } = fact.type;
  return commit(db, async () => {
    const state = await loadState(db, { slugs: [], factIds: { [list]: [fact.id] }, actorIds: [] });
    const refuse = (problems: Problem[]) => ({ revision: state.revision, statements: [], result: { problems } });
    const stored = state.facts[list].get(fact.id);
    if (!stored) return refuse([problem(['input', 'id'], 'NOT_FOUND', `No ${fact.type.type} has this ID.`)]);
    for (const key of Object.keys(patch)) {
      if (NOT_EDITABLE.has(key)) return refuse([problem(['input', key], 'INVALID', `${key} is not editable here.`)]);
    }

    const placeholder = [{ start: 0, end: 1, exact: 'x', role: 'MAIN_STATEMENT' }];
    const merged = { ...stored.fields, ...patch, reviewStatus: 'CORRECTED', evidence: placeholder };
    const parsed = SCHEMAS[list].safeParse(merged);
    if (!parsed.success) {
      return refuse(inputProblems(parsed.error));
    }
    const { evidence: _placeholder, ...fields } = canonicalFact(parsed.data as FactInput);
    const problems = await referenceProblems(db, fields as FactFields, fact.id);
    problems.push(...(await capProblems(db, list, stored.fields, fields as FactFields)));
    if ('amount' in fields) {
      const currency = fields.currencyCode;
      try {
        fields.amount = minorToDecimal(decimalToMinor(fields.amount, currency), currency);
      } catch (error) {
        problems.push(problem(['input', 'amount'], 'INVALID', (error as Error).message));
      }
    }
    if (problems.length) return refuse(problems);

    const diff = changedFields(stored.fields, fields).filter((f) => f !== 'reviewStatus');
    if (diff.length === 0) return refuse([]);
    const statements: Statement[] = [
      ...rowStatements(db, list, fields as FactFields, await quoteArticle(db, list, fact.id)),
    ];
    statements.push(
      ...historyStatements(db, context, [
        {
          subjectType: fact.type.type,
          subjectKey: fact.id,
          change: 'UPDATED',
          articleId: null,
          changedFields: [...diff, ...(stored.fields.reviewStatus === 'CORRECTED' ? [] : ['reviewStatus'])].sort(),
          before: pick(stored.fields, [...diff, 'reviewStatus']),
          after: pick(fields, [...diff, 'reviewStatus']),
          note: context.note ?? null,
        },
      ]),
    );
    return { revision: state.revision, statements, result: { problems: [] } };
  });
}

/** Actors named must exist; measures named must exist and not be the fact itself. */
async function referenceProblems(db: Db, fields: FactFields, selfId: string): Promise<Problem[]> {
  const record = fields as unknown as Record<string, unknown>;
  const problems: Problem[] = [];
  const actorRefs: { field: string[]; id: string }[] = ACTOR_FIELDS.filter((f) => typeof record[f] === 'string').map(
    (f) => ({ field: ['input', f], id: record[f] as string }),
  );
  if (Array.isArray(record.actors)) {
    (record.actors as { actor: string }[]).forEach((a, i) => {
      actorRefs.push({ field: ['input', 'actors', String(i), 'actor'], id: a.actor });
    });
  }
  const known = await loadActors(
    db,
    actorRefs.map((r) => r.id),
  );
  for (const ref of actorRefs) {
    if (!known.has(ref.id))
      problems.push(problem(ref.field, 'UNKNOWN_ACTOR', `names actor "${ref.id}", which does not exist`));
  }
  for (const field of MEASURE_FIELDS) {
    const id = record[field];
    if (typeof id !== 'string') continue;
    if (id === selfId) {
      problems.push(problem(['input', field], 'SELF_REFERENCE', 'a measure cannot be its own part'));
      continue;
    }
    const [row] = await db.select({ id: t.measures.id }).from(t.measures).where(eq(t.measures.id, id));
    if (!row)
      problems.push(problem(['input', field], 'UNKNOWN_MEASURE', `names measure "${id}", which does not exist`));
  }
  return problems;
}

/** Moving a fact to another measure must not give that measure more than its cap (measure-lists.ts). */
async function capProblems(db: Db, list: FactType['list'], before: FactFields, after: FactFields): Promise<Problem[]> {
  const of = MEASURE_LISTS.find((m) => m.list === list);
  if (!of) return [];
  const measure = linkOf(after, of.link);
  if (measure === null || measure === linkOf(before, of.link)) return [];
  const [row] = await db.select({ n: count() }).from(of.table).where(eq(of.column, measure));
  const n = (row?.n ?? 0) + 1;
  if (n <= of.max) return [];
  return [problem(['input', of.link], 'LIMIT_EXCEEDED', `measure "${measure}" ${overCapMessage(n, of)}`)];
}

async function quoteArticle(db: Db, list: string, id: string): Promise<string> {
  if (list !== 'quotes') return '';
  const [row] = await db.select({ articleId: t.quotes.articleId }).from(t.quotes).where(eq(t.quotes.id, id));
  return row?.articleId ?? '';
}

function rowStatements(db: Db, list: FactType['list'], fields: FactFields, articleId: string): Statement[] {
  const table = {
    measures: t.measures,
    positions: t.positions,
    fundingItems: t.fundingItems,
    quotes: t.quotes,
    figures: t.figures,
    events: t.events,
  }[list];
  const statements: Statement[] = [
    upsert(db, table as typeof t.measures, [rowFromFields(list, fields, articleId) as never]),
  ];
  const id = fields.id;
  if (list === 'measures') {
    const links = (fields as MeasureInput).actors;
    statements.push(db.delete(t.measureActors).where(inArray(t.measureActors.measureId, [id])));
    if (links.length) {
      statements.push(
        db.insert(t.measureActors).values(links.map((l) => ({ measureId: id, actorId: l.actor, role: l.role }))),
      );
    }
  }
  if (list === 'fundingItems') {
    const flags = [...new Set((fields as FundingItemInput).qualityFlags)];
    statements.push(db.delete(t.fundingItemFlags).where(eq(t.fundingItemFlags.fundingItemId, id)));
    if (flags.length)
      statements.push(db.insert(t.fundingItemFlags).values(flags.map((flag) => ({ fundingItemId: id, flag }))));
  }
  return statements;
}

function pick(value: object, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, (value as Record<string, unknown>)[k] ?? null]));
}
