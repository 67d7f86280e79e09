/**
 * One span more or less for one fact (`evidenceAdd`, `evidenceRemove`). A new span is checked
 * against the article body like every span; a fact keeps at least one span and has at most
 * MAX_EVIDENCE_PER_FACT. The article starts or stops reporting the fact with its first or last span.
 */
import { and, count, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import * as t from '../db/schema.ts';
import type { EvidenceRole } from '../domain.ts';
import { sentenceRanges } from '../text/sentences.ts';
import { MAX_EVIDENCE_PER_FACT } from './caps.ts';
import { commit } from './commit.ts';
import { type FactType, sortSpans } from './facts.ts';
import { evidenceChanged, historyStatements, type WriteContext } from './history.ts';
import type { Statement } from './rows.ts';
import { checkSpan } from './spans.ts';
import { evidenceRow } from './statements.ts';
import { readRevisionOf } from './stored.ts';
import { type Problem, problem } from './validate.ts';

export interface SpanRef {
  article: string;
  start: number;
  end: number;
  exact: string;
  role: EvidenceRole;
}

type Outcome = { problems: Problem[]; written: boolean };

export function addEvidence(
  db: Db,
  fact: { type: FactType; id: string },
  span: SpanRef,
  context: WriteContext,
): Promise<Outcome> {
  const column = t.evidence[fact.type.column];
  return commit(db, async () => {
    const revision = await readRevisionOf(db);
    const refuse = (p: Problem) => ({ revision, statements: [], result: { problems: [p] } });
    if (!(await factExists(db, fact)))
      return refuse(problem(['input', 'fact'], 'NOT_FOUND', `No ${fact.type.type} has this ID.`));
    const [article] = await db
      .select({ body: t.articles.body })
      .from(t.articles)
      .where(eq(t.articles.id, span.article));
    if (!article)
      return refuse(problem(['input', 'article'], 'NOT_FOUND', `No article has the slug "${span.article}".`));
    const mismatch = checkSpan(article.body, span);
    if (mismatch) return refuse(problem(['input', 'exact'], 'SPAN_MISMATCH', mismatch));
    const [{ n }] = (await db.select({ n: count() }).from(t.evidence).where(eq(column, fact.id))) as [{ n: number }];
    if (n >= MAX_EVIDENCE_PER_FACT) {
      return refuse(
        problem(['input', 'fact'], 'LIMIT_EXCEEDED', `A fact has at most ${MAX_EVIDENCE_PER_FACT} evidence spans.`),
      );
    }
    const before = await spansIn(db, fact, span.article);
    if (before.some((s) => s.start === span.start && s.end === span.end && s.role === span.role)) {
      return refuse(problem(['input'], 'INVALID', 'The fact already has this span with this role.'));
    }
    const statements: Statement[] = [
      db
        .insert(t.reports)
        .values({ articleId: span.article, [fact.type.column]: fact.id })
        .onConflictDoNothing(),
      db
        .insert(t.evidence)
        .values(
          evidenceRow(
            { articleId: span.article, body: article.body, sentences: sentenceRanges(article.body) },
            fact.type.column,
            fact.id,
            span,
            true,
          ),
        ),
      ...historyStatements(db, context, [
        evidenceChanged(
          fact.type.type,
          fact.id,
          span.article,
          before,
          sortSpans([...before, { start: span.start, end: span.end, exact: span.exact, role: span.role }]),
        ),
      ]),
    ];
    return { revision, statements, result: { problems: [] } };
  });
}

export function removeEvidence(
  db: Db,
  fact: { type: FactType; id: string },
  span: Omit<SpanRef, 'exact' | 'role'> & { role?: EvidenceRole | null },
  context: WriteContext,
): Promise<Outcome> {
  const column = t.evidence[fact.type.column];
  return commit(db, async () => {
    const revision = await readRevisionOf(db);
    const refuse = (p: Problem) => ({ revision, statements: [], result: { problems: [p] } });
    const before = await spansIn(db, fact, span.article);
    const gone = before.filter(
      (s) => s.start === span.start && s.end === span.end && (!span.role || s.role === span.role),
    );
    if (gone.length === 0) {
      return refuse(
        problem(['input'], 'NOT_FOUND', `The fact has no span ${span.start}..${span.end} in "${span.article}".`),
      );
    }
    const [{ n }] = (await db.select({ n: count() }).from(t.evidence).where(eq(column, fact.id))) as [{ n: number }];
    if (n - gone.length < 1) {
      return refuse(
        problem(
          ['input'],
          'LAST_EVIDENCE',
          'A fact keeps at least one evidence span: reject the fact or remove it by re-importing its article.',
        ),
      );
    }
    const after = before.filter((s) => !gone.includes(s));
    const match = and(
      eq(column, fact.id),
      eq(t.evidence.articleId, span.article),
      eq(t.evidence.start, span.start),
      eq(t.evidence.end, span.end),
    );
    const statements: Statement[] = [
      db.delete(t.evidence).where(span.role ? and(match, eq(t.evidence.role, span.role)) : match),
      // Its last span in this article gone, the article no longer reports the fact.
      ...(after.length === 0
        ? [
            db
              .delete(t.reports)
              .where(and(eq(t.reports[fact.type.column], fact.id), eq(t.reports.articleId, span.article))),
          ]
        : []),
      ...historyStatements(db, context, [evidenceChanged(fact.type.type, fact.id, span.article, before, after)]),
    ];
    return { revision, statements, result: { problems: [] } };
  });
}

async function factExists(db: Db, fact: { type: FactType; id: string }): Promise<boolean> {
  const table = fact.type.table as typeof t.measures;
  const [row] = await db.select({ id: table.id }).from(table).where(eq(table.id, fact.id));
  return Boolean(row);
}

async function spansIn(db: Db, fact: { type: FactType; id: string }, article: string) {
  const rows = await db
    .select({ start: t.evidence.start, end: t.evidence.end, exact: t.evidence.exact, role: t.evidence.role })
    .from(t.evidence)
    .where(and(eq(t.evidence[fact.type.column], fact.id), eq(t.evidence.articleId, article)));
  return sortSpans(rows);
}
