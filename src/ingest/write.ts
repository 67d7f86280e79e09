/**
 * Writes validated actors and an article with all its facts in one atomic batch. Every row is
 * an upsert on its natural key, so writing the same data twice changes nothing and a corrected
 * annotation replaces the old one in place: IDs (and every link to them) stay the same.
 * An article owns its topics, subheadings, mentions, reports and evidence: those are replaced.
 */
import { eq, type InferInsertModel, inArray, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client.ts';
import * as t from '../db/schema.ts';
import { decimalToMinor } from '../money.ts';
import { enclosingSentence, sentenceRanges } from '../text/sentences.ts';
import type { ActorInput, ArticleInput } from './format.ts';
import { fuzzy, parentsFirst, review, type Statement, upsert } from './rows.ts';

export async function writeArticle(db: Db, actors: ActorInput[], article: ArticleInput, body: string) {
  await writeArticles(db, actors, [{ article, body }]);
}

/** Several articles in one atomic batch (bulk imports: one round trip instead of one each). */
export async function writeArticles(db: Db, actors: ActorInput[], items: { article: ArticleInput; body: string }[]) {
  const statements: Statement[] = [
    ...actorStatements(db, actors),
    ...items.flatMap(({ article, body }) => articleStatements(db, article, body)),
  ];
  if (statements.length === 0) return;
  statements.push(bumpRevision(db));
  await db.batch(statements as [Statement, ...Statement[]]);
}

/** Counts the write, atomically with it, so caches keyed on the revision see every change. */
export function bumpRevision(db: Db): Statement {
  return db
    .insert(t.dataRevision)
    .values({ id: 1, revision: 1 })
    .onConflictDoUpdate({ target: t.dataRevision.id, set: { revision: sql`${t.dataRevision.revision} + 1` } });
}

function actorStatements(db: Db, actors: ActorInput[]): Statement[] {
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
    ...(aliases.length ? [db.insert(t.actorAliases).values(aliases)] : []),
  ];
}

function articleStatements(db: Db, a: ArticleInput, body: string): Statement[] {
  const articleId = a.slug;
  const sentences = sentenceRanges(body);
  const statements: Statement[] = [
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
    // Cascades to this article's evidence; both are rebuilt below.
    db.delete(t.reports).where(eq(t.reports.articleId, articleId)),
  ];
  const insertAll = <T extends SQLiteTable>(table: T, rows: InferInsertModel<T>[]) => {
    // The generic drizzle types do not narrow inside a helper; callers' rows are type-checked.
    if (rows.length) statements.push(db.insert(table).values(rows as never));
  };
  insertAll(
    t.articleTopics,
    a.topics.map((topic) => ({ articleId, topic })),
  );
  insertAll(
    t.articleSubheadings,
    a.subheadings.map((s) => ({ articleId, ...s })),
  );
  insertAll(
    t.mentions,
    a.mentions.map((m) => ({
      articleId,
      actorId: m.actor,
      nameAsWritten: m.nameAsWritten,
      roleAsWritten: m.roleAsWritten,
    })),
  );

  const measures = parentsFirst(a.measures);
  if (measures.length) {
    statements.push(
      upsert(
        db,
        t.measures,
        measures.map((m) => ({
          ...review(m),
          title: m.title,
          summary: m.summary,
          type: m.type,
          status: m.status,
          proposerId: m.proposer,
          parentId: m.parent,
          ...fuzzy('announced', m.announced),
          ...fuzzy('expected', m.expected),
          ...fuzzy('deadline', m.deadline),
        })),
      ),
      db.delete(t.measureActors).where(
        inArray(
          t.measureActors.measureId,
          measures.map((m) => m.id),
        ),
      ),
    );
  }
  insertAll(
    t.measureActors,
    measures.flatMap((m) => m.actors.map(({ actor, role }) => ({ measureId: m.id, actorId: actor, role }))),
  );
  if (a.positions.length) {
    statements.push(
      upsert(
        db,
        t.positions,
        a.positions.map((p) => ({
          ...review(p),
          actorId: p.actor,
          question: p.question,
          stance: p.stance,
          summary: p.summary,
          ...fuzzy('stated', p.stated),
        })),
      ),
    );
  }
  if (a.fundingItems.length) {
    statements.push(
      upsert(
        db,
        t.fundingItems,
        a.fundingItems.map((f) => {
          return {
            ...review(f),
            purpose: f.purpose,
            funderId: f.funder,
            stage: f.stage,
            programme: f.programme,
            ...fuzzy('period', f.period),
            reportedText: f.reportedText,
            approximate: f.approximate,
            amountMinor: decimalToMinor(f.amount, f.currencyCode),
            currencyCode: f.currencyCode,
            qualityNote: f.qualityNote,
            measureId: f.measure,
          };
        }),
      ),
      db.delete(t.fundingItemFlags).where(
        inArray(
          t.fundingItemFlags.fundingItemId,
          a.fundingItems.map((f) => f.id),
        ),
      ),
    );
  }
  insertAll(
    t.fundingItemFlags,
    a.fundingItems.flatMap((f) => f.qualityFlags.map((flag) => ({ fundingItemId: f.id, flag }))),
  );
  if (a.quotes.length) {
    statements.push(
      upsert(
        db,
        t.quotes,
        a.quotes.map((q) => ({
          ...review(q),
          articleId,
          speakerId: q.speaker,
          speakerAsWritten: q.speakerAsWritten,
          roleAsWritten: q.roleAsWritten,
          text: q.text,
          kind: q.kind,
        })),
      ),
    );
  }
  if (a.figures.length) {
    statements.push(
      upsert(
        db,
        t.figures,
        a.figures.map((f) => ({
          ...review(f),
          value: f.value,
          unit: f.unit,
          reportedText: f.reportedText,
          approximate: f.approximate,
          measures: f.measures,
          reporterId: f.reportedBy,
          measureId: f.measure,
        })),
      ),
    );
  }
  if (a.events.length) {
    statements.push(
      upsert(
        db,
        t.events,
        a.events.map((e) => ({
          ...review(e),
          name: e.name,
          place: e.place,
          dateEarliest: e.date.earliest,
          dateLatest: e.date.latest,
          datePrecision: e.date.precision,
          dateText: e.date.reportedText,
          dateDerivation: e.date.derivation,
        })),
      ),
    );
  }

  // Reports and evidence, keyed by the fact column each fact type uses.
  const factLists = [
    ['measureId', a.measures],
    ['positionId', a.positions],
    ['fundingItemId', a.fundingItems],
    ['quoteId', a.quotes],
    ['figureId', a.figures],
    ['eventId', a.events],
  ] as const;
  insertAll(
    t.reports,
    factLists.flatMap(([column, facts]) => facts.map((f) => ({ articleId, [column]: f.id }))),
  );
  insertAll(
    t.evidence,
    factLists.flatMap(([column, facts]) =>
      facts.flatMap((f) =>
        f.evidence.map((span) => {
          const sentence = enclosingSentence(sentences, span);
          return {
            articleId,
            [column]: f.id,
            start: span.start,
            end: span.end,
            exact: span.exact,
            role: span.role,
            sentenceStart: sentence.start,
            sentenceEnd: sentence.end,
            sentence: body.slice(sentence.start, sentence.end),
          };
        }),
      ),
    ),
  );
  return statements;
}
