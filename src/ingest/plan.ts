/**
 * What an import would change, worked out in memory from the validated import and the stored
 * state: the change summary (added, changed, unchanged and removed facts by type, with IDs),
 * conflicts with reviewed facts, the rows to write and the history to record. A dry run and a
 * real run both come here; only the real run goes on to write.
 *
 * Re-import rules: an article's annotation is replaced. A fact it no longer lists loses this
 * article's evidence, and is removed when no article reports it any more. A reviewed fact
 * (CONFIRMED, CORRECTED, REJECTED) is never changed or removed unless `overwriteReviewed`.
 * With `keepReviewed` (the extractor's re-ingest) such a fact is not a conflict either: it stays
 * as it is — its row and this article's evidence for it — and is reported in `kept`.
 * Spans an editor added with `evidenceAdd` are not the file's to drop: they stay, whether the file
 * lists their fact or not, as long as they still match the (possibly new) body; when one no
 * longer does, the whole import is refused with EVIDENCE_NO_LONGER_MATCHES, naming the fact.
 */

import { MAX_EVIDENCE_PER_FACT } from './caps.ts';
import {
  canonicalActor,
  canonicalFact,
  changedFields,
  FACT_TYPES,
  type FactFields,
  type FactInput,
  type FactList,
  type FactType,
  sortSpans,
} from './facts.ts';
import type { ActorInput, ArticleInput } from './format.ts';
import { created, evidenceChanged, type HistoryEntry, removed } from './history.ts';
import { linkOf, MEASURE_LISTS, overCapMessage } from './measure-lists.ts';
import { checkSpan } from './spans.ts';
import type { ArticleMeta, StateQuery, StoredFact, StoredState } from './stored.ts';
import { type Problem, problem, type ValidArticle, type ValidImport } from './validate.ts';

export interface FactChanges {
  type: FactType['type'];
  added: string[];
  changed: string[];
  unchanged: string[];
  removed: string[];
}

export interface ArticleSummary {
  slug: string;
  change: 'CREATED' | 'UPDATED' | 'UNCHANGED';
  changedFields: string[];
  facts: FactChanges[];
}

export interface ChangeSummary {
  articles: ArticleSummary[];
  actors: { added: string[]; changed: string[]; unchanged: string[] };
  /** Facts left with no evidence in any article: gone from every read (history keeps them). */
  deleted: { type: FactType['type']; id: string }[];
}

export interface Conflict {
  type: FactType['type'];
  id: string;
  article: string;
  reviewStatus: string;
  change: 'CHANGED' | 'REMOVED';
  changedFields: string[];
}

export interface ArticleWrite {
  valid: ValidArticle;
  /** Facts whose own row is new or changed (the rest keep their rows). */
  upsert: Record<FactList, FactInput[]>;
  /** Spans editors added that the file does not list, written back beside the file's own. */
  editorSpans: EditorSpans[];
}

export interface EditorSpans {
  list: FactList;
  id: string;
  spans: FactInput['evidence'];
}

export interface ImportPlan {
  summary: ChangeSummary;
  conflicts: Conflict[];
  /** Reviewed facts left as they are instead of conflicting (only with `keepReviewed`). */
  kept: Conflict[];
  problems: Problem[];
  changed: boolean;
  actors: ActorInput[];
  articles: ArticleWrite[];
  deletions: Record<FactList, string[]>;
  history: HistoryEntry[];
}

export const REVIEWED = new Set(['CONFIRMED', 'CORRECTED', 'REJECTED']);

/** What the planner needs to read: the articles, the facts they list and the actors they name. */
export function stateQuery(valid: ValidImport): StateQuery {
  const factIds: Record<string, string[]> = {};
  for (const { list } of FACT_TYPES) factIds[list] = valid.articles.flatMap((a) => a.article[list].map((f) => f.id));
  return {
    slugs: valid.articles.map((a) => a.article.slug),
    factIds,
    actorIds: [
      ...valid.actors.map((a) => a.id),
      ...valid.articles.flatMap((a) => actorRefs(a.article).map((r) => r.id)),
    ],
  };
}

export interface PlanOptions {
  /** Keep reviewed facts as they are and report them, instead of refusing (conflicts). */
  keepReviewed?: boolean;
}

export function planImport(valid: ValidImport, state: StoredState, options: PlanOptions = {}): ImportPlan {
  const kept: Conflict[] = [];
  const history: HistoryEntry[] = [];
  const conflicts: Conflict[] = [];
  const problems = unknownActors(valid, state);
  const actors = planActors(valid.actors, state, history);

  const importedSlugs = new Set(valid.articles.map((a) => a.article.slug));
  const listedBy = new Map<string, Set<string>>(); // `${list}:${id}` → imported slugs listing it
  for (const { article } of valid.articles) {
    for (const { list } of FACT_TYPES) {
      for (const f of article[list]) {
        const key = `${list}:${f.id}`;
        listedBy.set(key, (listedBy.get(key) ?? new Set()).add(article.slug));
      }
    }
  }

  const articles: ArticleWrite[] = [];
  const summaries: ArticleSummary[] = [];
  const removals: { list: FactList; id: string; slug: string }[] = [];
  for (const item of valid.articles) {
    const keepReviewed = options.keepReviewed ?? false;
    const result = planArticle(item, state, history, keepReviewed ? kept : conflicts, problems, keepReviewed);
    summaries.push(result.summary);
    removals.push(...result.removed);
    if (result.write) articles.push(result.write);
  }

  const deletions = emptyLists();
  const deleted: ChangeSummary['deleted'] = [];
  for (const { list, id, slug } of removals) {
    const stored = state.facts[list].get(id);
    if (!stored) continue;
    const survivors = [...stored.reportedBy].filter((s) => !importedSlugs.has(s));
    const stillListed = listedBy.get(`${list}:${id}`)?.size ?? 0;
    const before = { ...stored.fields, evidence: stored.evidence.get(slug) ?? [] };
    const type = typeOf(list);
    if (survivors.length === 0 && stillListed === 0 && !deletions[list].includes(id)) {
      deletions[list].push(id);
      deleted.push({ type: type.type, id });
      history.push(removed(type.type, id, slug, before));
    } else {
      history.push(evidenceChanged(type.type, id, slug, before.evidence, []));
    }
  }

  problems.push(...capProblems(valid, state, deletions));
  for (const c of conflicts) {
    const where = valid.articles.find((a) => a.article.slug === c.article)?.path ?? [];
    problems.push(
      problem(
        [...where, typeOf(listOf(c.type)).list],
        'REVIEWED_FACT_CONFLICT',
        `${c.type} "${c.id}" is ${c.reviewStatus}: the import would ${c.change === 'REMOVED' ? 'remove it from' : `change its ${c.changedFields.join(', ')} in`} article "${c.article}". Reviewed facts change only with overwriteReviewed: true.`,
      ),
    );
  }
  const summary: ChangeSummary = { articles: summaries, actors, deleted };
  const changed = actors.added.length + actors.changed.length > 0 || articles.length > 0;
  return {
    summary,
    conflicts,
    kept,
    problems,
    changed,
    actors: valid.actors.filter((a) => actors.added.includes(a.id) || actors.changed.includes(a.id)),
    articles,
    deletions,
    history,
  };
}

function planArticle(
  item: ValidArticle,
  state: StoredState,
  history: HistoryEntry[],
  /** Reviewed facts the article would change or remove: conflicts, or (keepReviewed) kept ones. */
  conflicts: Conflict[],
  problems: Problem[],
  keepReviewed = false,
): { summary: ArticleSummary; write: ArticleWrite | null; removed: { list: FactList; id: string; slug: string }[] } {
  const { article, body } = item;
  const slug = article.slug;
  const stored = state.articles.get(slug);
  const newMeta = { ...canonicalMeta(metaOf(article)), body };
  const oldMeta = stored ? { ...stored.meta, body: stored.body } : null;
  const articleFields = oldMeta ? changedFields(oldMeta, newMeta) : [];
  if (!oldMeta) {
    history.push(created('Article', slug, slug, newMeta));
  } else if (articleFields.length) {
    history.push({
      subjectType: 'Article',
      subjectKey: slug,
      change: 'UPDATED',
      articleId: slug,
      changedFields: articleFields,
      before: pick(oldMeta, articleFields),
      after: pick(newMeta, articleFields),
    });
  }

  const upsert = emptyLists() as unknown as Record<FactList, FactInput[]>;
  const facts: FactChanges[] = [];
  const removed: { list: FactList; id: string; slug: string }[] = [];
  const editorSpans: EditorSpans[] = [];
  /** The spans editors added to a stored fact here that the file does not list, once re-checked. */
  const keptEditorSpans = (list: FactList, id: string, listed: FactInput['evidence'], at: (string | number)[]) => {
    const extra = (state.facts[list].get(id)?.editorSpans.get(slug) ?? []).filter(
      (e) => !listed.some((s) => s.start === e.start && s.end === e.end && s.role === e.role),
    );
    const broken = extra.flatMap((span) => {
      const mismatch = checkSpan(body, span);
      return mismatch ? [`${span.start}..${span.end} ${JSON.stringify(span.exact)} (${mismatch})`] : [];
    });
    // A fact the file lists is named by its place in the file; one it dropped, by its list.
    const field = at.length > 1 ? [...item.path, ...at.map(String), 'evidence'] : [...item.path, String(at[0])];
    const label = `${at[0]}${at.length > 1 ? `[${at[1]}]` : ''} (${id}).evidence`;
    if (broken.length) {
      problems.push(
        problem(
          field,
          'EVIDENCE_NO_LONGER_MATCHES',
          `${typeOf(list).type} "${id}" has evidence an editor added that the new body no longer holds: ${broken.join('; ')}. Remove it with evidenceRemove, or list a corrected span in the import.`,
          label,
        ),
      );
    } else if (listed.length + extra.length > MAX_EVIDENCE_PER_FACT) {
      problems.push(
        problem(
          field,
          'LIMIT_EXCEEDED',
          `${typeOf(list).type} "${id}" would have ${listed.length + extra.length} spans in this article with those editors added; a fact has at most ${MAX_EVIDENCE_PER_FACT}.`,
          label,
        ),
      );
    }
    if (extra.length && !broken.length) editorSpans.push({ list, id, spans: extra });
    return extra;
  };
  let factsMoved = false;
  // What the article will list: as sent, but with kept reviewed facts as they are stored.
  const listedFacts: Partial<Record<FactList, FactInput[]>> = {};
  /** A reviewed fact kept as stored: its fields and this article's spans (editors' spans apart). */
  const keep = (type: FactType, id: string, stored: StoredFact) => {
    const added = stored.editorSpans.get(slug) ?? [];
    const evidence = (stored.evidence.get(slug) ?? []).filter(
      (e) => !added.some((a) => a.start === e.start && a.end === e.end && a.role === e.role),
    );
    if (evidence.length) listedFacts[type.list]?.push({ ...stored.fields, evidence } as FactInput);
    for (const span of evidence) {
      const mismatch = checkSpan(body, span);
      if (mismatch) {
        problems.push(
          problem(
            [...item.path, 'body'],
            'SPAN_MISMATCH',
            `${type.type} "${id}" is ${stored.fields.reviewStatus} and kept, but the new body no longer holds its evidence: ${mismatch}`,
          ),
        );
      }
    }
    return evidence;
  };
  for (const type of FACT_TYPES) {
    const changes: FactChanges = { type: type.type, added: [], changed: [], unchanged: [], removed: [] };
    const listed = new Set<string>();
    const out: FactInput[] = [];
    listedFacts[type.list] = out;
    (article[type.list] as FactInput[]).forEach((sent, index) => {
      const stored = state.facts[type.list].get(sent.id);
      if (keepReviewed && stored && REVIEWED.has(stored.fields.reviewStatus)) {
        listed.add(sent.id);
        const evidence = keep(type, sent.id, stored);
        keptEditorSpans(type.list, sent.id, evidence, [type.list, index]);
        const fact = canonicalFact(sent);
        const old = { ...stored.fields, evidence: stored.evidence.get(slug) ?? [] };
        const diff = changedFields(old, { ...fact });
        if (diff.length) conflicts.push(conflict(type, sent.id, slug, stored.fields, 'CHANGED', diff));
        changes.unchanged.push(sent.id);
        return;
      }
      out.push(sent);
      const kept = keptEditorSpans(type.list, sent.id, sent.evidence, [type.list, index]);
      const fact = canonicalFact({ ...sent, evidence: [...sent.evidence, ...kept] });
      listed.add(fact.id);
      const before = state.facts[type.list].get(fact.id);
      const { evidence, ...fields } = fact;
      const after = { ...fields, evidence };
      if (!before) {
        changes.added.push(fact.id);
        upsert[type.list].push(fact);
        history.push(created(type.type, fact.id, slug, after));
        return;
      }
      const old = { ...before.fields, evidence: before.evidence.get(slug) ?? [] };
      const diff = changedFields(old, after);
      if (diff.length === 0) {
        changes.unchanged.push(fact.id);
        return;
      }
      (before.reportedBy.has(slug) ? changes.changed : changes.added).push(fact.id);
      if (diff.some((f) => f !== 'evidence')) upsert[type.list].push(fact);
      if (REVIEWED.has(before.fields.reviewStatus)) {
        conflicts.push(conflict(type, fact.id, slug, before.fields, 'CHANGED', diff));
      }
      history.push({
        subjectType: type.type,
        subjectKey: fact.id,
        change: 'UPDATED',
        articleId: slug,
        changedFields: diff,
        before: pick(old, diff),
        after: pick(after, diff),
      });
    });
    for (const id of state.reported.get(slug)?.[type.list] ?? []) {
      if (listed.has(id)) continue;
      const reviewed = state.facts[type.list].get(id);
      if (keepReviewed && reviewed && REVIEWED.has(reviewed.fields.reviewStatus)) {
        conflicts.push(conflict(type, id, slug, reviewed.fields, 'REMOVED', ['evidence']));
        changes.unchanged.push(id);
        keptEditorSpans(type.list, id, keep(type, id, reviewed), [type.list]);
        continue;
      }
      if (keepsEditorEvidence(type, id, keptEditorSpans(type.list, id, [], [type.list]), changes)) continue;
      changes.removed.push(id);
      removed.push({ list: type.list, id, slug });
      const before = state.facts[type.list].get(id);
      if (before && REVIEWED.has(before.fields.reviewStatus)) {
        conflicts.push(conflict(type, id, slug, before.fields, 'REMOVED', ['evidence']));
      }
    }
    if (changes.added.length + changes.changed.length + changes.removed.length) factsMoved = true;
    for (const ids of [changes.added, changes.changed, changes.unchanged, changes.removed]) ids.sort();
    facts.push(changes);
  }
  const change = !oldMeta ? 'CREATED' : articleFields.length || factsMoved ? 'UPDATED' : 'UNCHANGED';
  return {
    summary: { slug, change, changedFields: articleFields, facts },
    write:
      change === 'UNCHANGED'
        ? null
        : { valid: { ...item, article: { ...article, ...listedFacts } as ArticleInput }, upsert, editorSpans },
    removed,
  };

  /**
   * A fact the file no longer lists but an editor gave evidence here: it stays reported with
   * those spans alone (the file's are dropped). False when it has none, so it is removed.
   */
  function keepsEditorEvidence(type: FactType, id: string, kept: FactInput['evidence'], changes: FactChanges) {
    const before = state.facts[type.list].get(id);
    if (!before || kept.length === 0) return false;
    const old = before.evidence.get(slug) ?? [];
    const evidence = sortSpans(kept);
    if (changedFields({ evidence: old }, { evidence }).length === 0) {
      changes.unchanged.push(id);
      return true;
    }
    changes.changed.push(id);
    if (REVIEWED.has(before.fields.reviewStatus)) {
      conflicts.push(conflict(type, id, slug, before.fields, 'CHANGED', ['evidence']));
    }
    history.push(evidenceChanged(type.type, id, slug, old, evidence));
    return true;
  }
}

function planActors(actors: readonly ActorInput[], state: StoredState, history: HistoryEntry[]) {
  const out = { added: [] as string[], changed: [] as string[], unchanged: [] as string[] };
  for (const sent of actors) {
    const actor = canonicalActor(sent);
    const before = state.actors.get(actor.id);
    if (!before) {
      out.added.push(actor.id);
      history.push(created('Actor', actor.id, null, actor));
      continue;
    }
    const diff = changedFields(before, actor);
    if (diff.length === 0) {
      out.unchanged.push(actor.id);
      continue;
    }
    out.changed.push(actor.id);
    history.push({
      subjectType: 'Actor',
      subjectKey: actor.id,
      change: 'UPDATED',
      articleId: null,
      changedFields: diff,
      before: pick(before, diff),
      after: pick(actor, diff),
    });
  }
  return out;
}

/** Every actor an article names, with the input path that names it. */
export function actorRefs(a: ArticleInput): { path: (string | number)[]; id: string }[] {
  const refs: { path: (string | number)[]; id: string | null }[] = [
    ...a.mentions.map((m, i) => ({ path: ['mentions', i, 'actor'], id: m.actor })),
    ...a.measures.flatMap((m, i) => [
      { path: ['measures', i, 'proposer'], id: m.proposer },
      ...m.actors.map((x, j) => ({ path: ['measures', i, 'actors', j, 'actor'], id: x.actor })),
    ]),
    ...a.positions.map((p, i) => ({ path: ['positions', i, 'actor'], id: p.actor })),
    ...a.fundingItems.map((f, i) => ({ path: ['fundingItems', i, 'funder'], id: f.funder })),
    ...a.quotes.map((q, i) => ({ path: ['quotes', i, 'speaker'], id: q.speaker })),
    ...a.figures.map((f, i) => ({ path: ['figures', i, 'reportedBy'], id: f.reportedBy })),
  ];
  return refs.filter((r): r is { path: (string | number)[]; id: string } => r.id !== null);
}

function unknownActors(valid: ValidImport, state: StoredState): Problem[] {
  const known = new Set([...state.actors.keys(), ...valid.actors.map((a) => a.id)]);
  const problems: Problem[] = [];
  valid.articles.forEach(({ article, path: at }) => {
    for (const ref of actorRefs(article)) {
      if (known.has(ref.id)) continue;
      const factId =
        typeof ref.path[1] === 'number'
          ? (article as never as Record<string, { id?: string }[]>)[ref.path[0] as string]?.[ref.path[1]]?.id
          : undefined;
      const label = `${ref.path[0]}[${ref.path[1]}]${factId ? ` (${factId})` : ''}.${ref.path.slice(2).join('.')}`;
      problems.push(
        problem(
          [...at, ...ref.path.map(String)],
          'UNKNOWN_ACTOR',
          `names actor "${ref.id}", which does not exist`,
          label,
        ),
      );
    }
  });
  return problems;
}

/**
 * The caps one article cannot break on its own (the validator checks each article): a fact's
 * evidence over every article that reports it, and what a measure has — parts, funding items,
 * figures — over every article, as they would stand after the import.
 */
function capProblems(valid: ValidImport, state: StoredState, deletions: Record<FactList, string[]>): Problem[] {
  const problems: Problem[] = [];
  const spans = new Map<string, { type: FactType; id: string; count: number; at: string[] }>();
  for (const { article, path } of valid.articles) {
    for (const type of FACT_TYPES) {
      (article[type.list] as FactInput[]).forEach((fact, i) => {
        const key = `${type.list}:${fact.id}`;
        const entry = spans.get(key) ?? {
          type,
          id: fact.id,
          // Its spans in articles this import leaves alone; those in imported articles are replaced.
          count: state.facts[type.list].get(fact.id)?.evidenceElsewhere ?? 0,
          at: [...path, type.list, String(i), 'evidence'],
        };
        entry.count += fact.evidence.length;
        spans.set(key, entry);
      });
    }
  }
  for (const { type, id, count, at } of spans.values()) {
    if (count <= MAX_EVIDENCE_PER_FACT) continue;
    problems.push(
      problem(
        at,
        'LIMIT_EXCEEDED',
        `${type.type} "${id}" would have ${count} evidence spans over the articles that report it; at most ${MAX_EVIDENCE_PER_FACT} per fact`,
      ),
    );
  }

  for (const of of MEASURE_LISTS) {
    const linked = new Map([...state.measureLinks[of.list]].map(([m, ids]) => [m, new Set(ids)]));
    const unlink = (id: string) => {
      const stored = state.facts[of.list].get(id);
      const before = stored ? linkOf(stored.fields, of.link) : null;
      if (before) linked.get(before)?.delete(id);
    };
    for (const { article } of valid.articles) {
      for (const fact of article[of.list] as FactInput[]) {
        unlink(fact.id);
        const measure = linkOf(fact, of.link);
        if (measure) linked.set(measure, (linked.get(measure) ?? new Set()).add(fact.id));
      }
    }
    for (const id of deletions[of.list]) unlink(id);
    const reported = new Set<string>();
    for (const { article, path } of valid.articles) {
      article.measures.forEach((m, i) => {
        const count = linked.get(m.id)?.size ?? 0;
        if (count <= of.max || reported.has(m.id)) return;
        reported.add(m.id);
        problems.push(problem([...path, 'measures', String(i)], 'LIMIT_EXCEEDED', overCapMessage(count, of)));
      });
    }
  }
  return problems;
}

function conflict(
  type: FactType,
  id: string,
  article: string,
  fields: FactFields,
  change: Conflict['change'],
  diff: string[],
): Conflict {
  return { type: type.type, id, article, reviewStatus: fields.reviewStatus, change, changedFields: diff };
}

function canonicalMeta(meta: ArticleMeta): ArticleMeta {
  return {
    ...meta,
    topics: [...meta.topics].sort(),
    subheadings: sortSpans(meta.subheadings),
    mentions: [...meta.mentions].sort((x, y) => x.actor.localeCompare(y.actor)),
  };
}

function metaOf(a: ArticleInput): ArticleMeta {
  const { measures, positions, fundingItems, quotes, figures, events, ...meta } = a;
  return meta;
}

function pick(value: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, value[k] ?? null]));
}

function emptyLists(): Record<FactList, string[]> {
  return { measures: [], positions: [], fundingItems: [], quotes: [], figures: [], events: [] };
}

function typeOf(list: FactList): FactType {
  return FACT_TYPES.find((f) => f.list === list) as FactType;
}

function listOf(type: FactType['type']): FactList {
  return (FACT_TYPES.find((f) => f.type === type) as FactType).list;
}
