/** History rows: what one write did to each object it touched, written in the write's own batch. */

import type { Db } from '../db/client.ts';
import * as t from '../db/schema.ts';
import type { HistoryChange } from '../domain.ts';
import { chunks } from './facts.ts';
import type { Statement } from './rows.ts';

export interface HistoryEntry {
  subjectType: string;
  subjectKey: string;
  change: HistoryChange;
  articleId: string | null;
  changedFields: string[];
  before: unknown;
  after: unknown;
  note?: string | null;
}

/** An object written for the first time, whole; `articleId` is the article it came in with. */
export function created(
  subjectType: string,
  subjectKey: string,
  articleId: string | null,
  after: unknown,
): HistoryEntry {
  return { subjectType, subjectKey, change: 'CREATED', articleId, changedFields: [], before: null, after };
}

/** An object removed with an article (`before` is null when its text was purged). */
export function removed(subjectType: string, subjectKey: string, articleId: string, before: unknown): HistoryEntry {
  return { subjectType, subjectKey, change: 'REMOVED', articleId, changedFields: [], before, after: null };
}

/** A fact's evidence in one article changed: spans added, moved or taken away. */
export function evidenceChanged(
  subjectType: string,
  subjectKey: string,
  articleId: string,
  before: unknown[] | null,
  after: unknown[],
): HistoryEntry {
  return {
    subjectType,
    subjectKey,
    change: 'UPDATED',
    articleId,
    changedFields: ['evidence'],
    before: before && { evidence: before },
    after: { evidence: after },
  };
}

/** Who wrote, what operation, and when: the same for every row of one write. */
export interface WriteContext {
  /** The API key's name (public: history shows it), or `seed` / `cli` for local tools. */
  editor: string;
  operation: string;
  /** A note for every row of the write that has none of its own (e.g. the extractor's version). */
  note?: string | null;
}

export function historyStatements(db: Db, context: WriteContext, entries: HistoryEntry[]): Statement[] {
  if (entries.length === 0) return [];
  const writeId = crypto.randomUUID();
  const at = new Date().toISOString();
  return chunks(entries, 200).map((part) =>
    db.insert(t.history).values(
      part.map((e) => ({
        writeId,
        at,
        editor: context.editor,
        operation: context.operation,
        subjectType: e.subjectType,
        subjectKey: e.subjectKey,
        change: e.change,
        articleId: e.articleId,
        changedFields: e.changedFields,
        before: e.before ?? null,
        after: e.after ?? null,
        note: e.note ?? context.note ?? null,
      })),
    ),
  );
}
