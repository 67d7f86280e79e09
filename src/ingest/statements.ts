/**
 * The statements that carry out an import plan, in foreign-key order: actors, then each article
 * that changed (its row and parts, its facts' rows, its reports and evidence), then the facts
 * left with no evidence anywhere. Rows are upserts on natural keys, so IDs never change.
 */
import { eq, type InferInsertModel, inArray } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client.ts';
import * as t from '../db/schema.ts';
import type { EvidenceRole } from '../domain.ts';
import { enclosingSentence, type Range, sentenceRanges } from '../text/sentences.ts';
import { FACT_TYPES, type FactColumn, type FactInput, type FactList, rowFromFields } from './facts.ts';
import type { ActorInput, ArticleInput, MeasureInput } from './format.ts';
import type { ArticleWrite, ImportPlan } from './plan.ts';
import { parentsFirst, type Statement, upsert } from './rows.ts';

export function importStatements(db: Db, plan: ImportPlan): Statement[] {
  return [
    ...actorStatements(db, plan.actors),
    ...plan.articles.flatMap((write) => [
      ...articleRowStatements(db, write.valid.article, write.valid.body),
      ...factRowStatements(db, write),
      ...reportStatements(db, write),
    ]),
    ...deletionStatements(db, plan.deletions),
  ];
}

export function actorStatements(db: Db, actors: readonly ActorInput[]): Statement[] {
  if (actors.length === 0) return [];
  const ids = actors.map((a) => a.id);
  const aliases = actors.flatMap((a) => a.aliases.map((alias) => ({ actorId: a.id, alias })));
  return [
    upsert(
      db,
      t.actors,
      actors.map(({ id, name, kind, description }) => ({ id, name, kind, description })),
    ),
    db.delete(t.actorAliases).where(inArray(t.actorAliases.actorId, ids)),
    ...insertAll(db, t.actorAliases, aliases),
  ];
}

/** The article row and the parts it owns outright (topics, subheadings, mentions): replaced. */
function articleRowStatements(db: Db, a: ArticleInput, body: string): Statement[] {
  const articleId = a.slug;
  return [
    upsert(db, t.articles, [
      {
        id: articleId,
        headline: a.headline,
        headlineProvenance: a.headlineProvenance,
        publishedOn: a.publishedOn,
        publisher: a.publisher,
        url: a.url,
        language: a.language,
        body,
        sourceFile: a.sourceFile,
      },
    ]),
    db.delete(t.articleTopics).where(eq(t.articleTopics.articleId, articleId)),
    db.delete(t.articleSubheadings).where(eq(t.articleSubheadings.articleId, articleId)),
    db.delete(t.mentions).where(eq(t.mentions.articleId, articleId)),
    ...insertAll(
      db,
      t.articleTopics,
      a.topics.map((topic) => ({ articleId, topic })),
    ),
    ...insertAll(
      db,
      t.articleSubheadings,
      a.subheadings.map((s) => ({ articleId, ...s })),
    ),
    ...insertAll(
      db,
      t.mentions,
      a.mentions.map((m) => ({
        articleId,
        actorId: m.actor,
        nameAsWritten: m.nameAsWritten,
        roleAsWritten: m.roleAsWritten,
      })),
    ),
  ];
}

/** The rows of new and changed facts, with what each owns (a measure's actors, an item's flags). */
function factRowStatements(db: Db, write: ArticleWrite): Statement[] {
  const articleId = write.valid.article.slug;
  const statements: Statement[] = [];
  for (const { list, table } of FACT_TYPES) {
    let facts: FactInput[] = write.upsert[list];
    if (facts.length === 0) continue;
    if (list === 'measures') facts = parentsFirst(facts as MeasureInput[]);
    const rows = facts.map(({ evidence, ...fields }) => rowFromFields(list, fields, articleId));
    statements.push(upsert(db, table as typeof t.measures, rows as never));
    const ids = facts.map((f) => f.id);
    if (list === 'measures') {
      statements.push(
        db.delete(t.measureActors).where(inArray(t.measureActors.measureId, ids)),
        ...insertAll(
          db,
          t.measureActors,
          (facts as MeasureInput[]).flatMap((m) =>
            m.actors.map(({ actor, role }) => ({ measureId: m.id, actorId: actor, role })),
          ),
        ),
      );
    }
    if (list === 'fundingItems') {
      statements.push(
        db.delete(t.fundingItemFlags).where(inArray(t.fundingItemFlags.fundingItemId, ids)),
        ...insertAll(
          db,
          t.fundingItemFlags,
          (facts as ArticleInput['fundingItems']).flatMap((f) =>
            f.qualityFlags.map((flag) => ({ fundingItemId: f.id, flag })),
          ),
        ),
      );
    }
  }
  return statements;
}

/** One span of a fact as an evidence row, with the sentence around it (`sentences` of `body`). */
export function evidenceRow(
  article: { articleId: string; body: string; sentences: Range[] },
  column: FactColumn,
  id: string,
  span: { start: number; end: number; exact: string; role: EvidenceRole },
  editorAdded: boolean,
) {
  const sentence = enclosingSentence(article.sentences, span);
  return {
    articleId: article.articleId,
    [column]: id,
    start: span.start,
    end: span.end,
    exact: span.exact,
    role: span.role,
    sentenceStart: sentence.start,
    sentenceEnd: sentence.end,
    sentence: article.body.slice(sentence.start, sentence.end),
    editorAdded,
  };
}

/** "This article reports this fact", and the spans that say so, each with its sentence. */
function reportStatements(db: Db, write: ArticleWrite): Statement[] {
  const { article: a, body } = write.valid;
  const articleId = a.slug;
  const sentences = sentenceRanges(body);
  const columnOf = (list: FactList) => (FACT_TYPES.find((f) => f.list === list) as (typeof FACT_TYPES)[number]).column;
  const listed = FACT_TYPES.flatMap(({ list, column }) =>
    (a[list] as FactInput[]).map((fact) => ({ column, id: fact.id, spans: fact.evidence, editorAdded: false })),
  );
  // Spans editors added, kept by the plan (re-checked against this body): written back as theirs.
  const kept = write.editorSpans.map(({ list, id, spans }) => ({
    column: columnOf(list),
    id,
    spans,
    editorAdded: true,
  }));
  const reported = new Map([...listed, ...kept].map(({ column, id }) => [`${column}:${id}`, { column, id }]));
  return [
    // Cascades to this article's evidence; both are rebuilt from the annotation and the kept spans.
    db.delete(t.reports).where(eq(t.reports.articleId, articleId)),
    ...insertAll(
      db,
      t.reports,
      [...reported.values()].map(({ column, id }) => ({ articleId, [column]: id })),
    ),
    ...insertAll(
      db,
      t.evidence,
      [...listed, ...kept].flatMap(({ column, id, spans, editorAdded }) =>
        spans.map((span) => evidenceRow({ articleId, body, sentences }, column, id, span, editorAdded)),
      ),
    ),
  ];
}

/**
 * Facts no article reports any more. Links to a removed measure from facts that stay (only
 * possible when another article last wrote them) are cleared first, so no foreign key dangles.
 */
export function deletionStatements(db: Db, deletions: Record<FactList, string[]>): Statement[] {
  const statements: Statement[] = [];
  const measures = deletions.measures;
  if (measures.length) {
    statements.push(
      db.update(t.fundingItems).set({ measureId: null }).where(inArray(t.fundingItems.measureId, measures)),
      db.update(t.figures).set({ measureId: null }).where(inArray(t.figures.measureId, measures)),
      db.update(t.measures).set({ parentId: null }).where(inArray(t.measures.parentId, measures)),
    );
  }
  for (const { list, table } of FACT_TYPES) {
    const ids = deletions[list];
    const tbl = table as typeof t.measures;
    if (ids.length) statements.push(db.delete(tbl).where(inArray(tbl.id, ids)));
  }
  return statements;
}

function insertAll<T extends SQLiteTable>(db: Db, table: T, rows: InferInsertModel<T>[]): Statement[] {
  // The generic drizzle types do not narrow inside a helper; callers' rows are type-checked.
  return rows.length ? [db.insert(table).values(rows as never)] : [];
}
