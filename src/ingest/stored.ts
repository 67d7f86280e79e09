/**
 * Reads what the database holds, in the import format: the articles of an import with their
 * facts, the facts it names, and the actors it names. The writer plans against this state (and
 * the data revision it was read at); the export writes it out as files.
 */
import { inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import * as t from '../db/schema.ts';
import {
  chunks,
  type EvidenceInput,
  FACT_TYPES,
  type FactExtras,
  type FactFields,
  type FactList,
  fieldsFromRow,
  sortSpans,
} from './facts.ts';
import type { ActorInput, ArticleInput } from './format.ts';
import { MEASURE_LISTS, type MeasureList } from './measure-lists.ts';

/** An article's own fields and parts, without its facts. */
export type ArticleMeta = Omit<ArticleInput, FactList>;

export interface StoredFact {
  fields: FactFields;
  /** Every article that reports the fact (not only the loaded ones). */
  reportedBy: Set<string>;
  /** Its spans in each loaded article. */
  evidence: Map<string, EvidenceInput[]>;
  /** How many spans it has in articles not loaded (for the cap on evidence per fact). */
  evidenceElsewhere: number;
  /** Those of its spans an editor added (`evidenceAdd`), by loaded article. */
  editorSpans: Map<string, EvidenceInput[]>;
}

export interface StoredState {
  revision: number;
  articles: Map<string, { meta: ArticleMeta; body: string }>;
  /** The facts each loaded article reports, by list. */
  reported: Map<string, Record<FactList, string[]>>;
  facts: Record<FactList, Map<string, StoredFact>>;
  actors: Map<string, ActorInput>;
  /**
   * For each loaded measure, the stored facts that name it as their measure (its parts, funding
   * items and figures), by list: for the caps on what a measure has (measure-lists.ts).
   */
  measureLinks: Record<MeasureList['list'], Map<string, Set<string>>>;
}

export interface StateQuery {
  slugs: string[];
  factIds?: Partial<Record<FactList, string[]>>;
  actorIds: string[];
}

export async function readRevisionOf(db: Db): Promise<number> {
  const [row] = await db.select({ revision: t.dataRevision.revision }).from(t.dataRevision);
  return row?.revision ?? 0;
}

export async function loadState(db: Db, query: StateQuery): Promise<StoredState> {
  const revision = await readRevisionOf(db);
  const slugs = [...new Set(query.slugs)];
  const articles = await loadArticles(db, slugs);
  const reported = new Map<string, Record<FactList, string[]>>();
  const wanted = Object.fromEntries(
    FACT_TYPES.map(({ list }) => [list, new Set(query.factIds?.[list] ?? [])]),
  ) as Record<FactList, Set<string>>;
  for (const part of chunks(slugs)) {
    for (const row of await db.select().from(t.reports).where(inArray(t.reports.articleId, part))) {
      const lists = reported.get(row.articleId) ?? emptyLists();
      reported.set(row.articleId, lists);
      for (const { list, column } of FACT_TYPES) {
        const id = row[column];
        if (id) {
          lists[list].push(id);
          wanted[list].add(id);
        }
      }
    }
  }
  const facts = {} as Record<FactList, Map<string, StoredFact>>;
  for (const type of FACT_TYPES) facts[type.list] = await loadFacts(db, type.list, [...wanted[type.list]], slugs);
  const measureLinks = await loadMeasureLinks(db, [...wanted.measures]);
  return { revision, articles, reported, facts, actors: await loadActors(db, query.actorIds), measureLinks };
}

function emptyLists(): Record<FactList, string[]> {
  return { measures: [], positions: [], fundingItems: [], quotes: [], figures: [], events: [] };
}

async function loadArticles(db: Db, slugs: string[]) {
  const out = new Map<string, { meta: ArticleMeta; body: string }>();
  for (const part of chunks(slugs)) {
    const rows = await db.query.articles.findMany({
      where: { id: { in: part } },
      with: { topics: true, subheadings: true, mentions: true },
    });
    for (const a of rows) {
      out.set(a.id, {
        body: a.body,
        meta: {
          slug: a.id,
          headline: a.headline,
          headlineProvenance: a.headlineProvenance as ArticleMeta['headlineProvenance'],
          publishedOn: a.publishedOn,
          publisher: a.publisher,
          url: a.url,
          language: a.language,
          topics: a.topics.map((x) => x.topic).sort(),
          sourceFile: a.sourceFile,
          subheadings: sortSpans(a.subheadings.map(({ start, end, exact }) => ({ start, end, exact }))),
          mentions: a.mentions
            .map((m) => ({ actor: m.actorId, nameAsWritten: m.nameAsWritten, roleAsWritten: m.roleAsWritten }))
            .sort((x, y) => x.actor.localeCompare(y.actor)),
        },
      });
    }
  }
  return out;
}

async function loadFacts(db: Db, list: FactList, ids: string[], slugs: string[]) {
  const type = FACT_TYPES.find((f) => f.list === list) as (typeof FACT_TYPES)[number];
  const out = new Map<string, StoredFact>();
  const extras: FactExtras = { measureActors: new Map(), flags: new Map() };
  const loadedSlugs = new Set(slugs);
  for (const part of chunks(ids)) {
    const table = type.table as typeof t.measures;
    const rows = (await db.select().from(table).where(inArray(table.id, part))) as Record<string, unknown>[];
    if (list === 'measures') {
      for (const r of await db.select().from(t.measureActors).where(inArray(t.measureActors.measureId, part))) {
        const links = extras.measureActors.get(r.measureId) ?? [];
        links.push({ actor: r.actorId, role: r.role });
        extras.measureActors.set(r.measureId, links);
      }
    }
    if (list === 'fundingItems') {
      const flags = t.fundingItemFlags;
      for (const r of await db.select().from(flags).where(inArray(flags.fundingItemId, part))) {
        extras.flags.set(r.fundingItemId, [...(extras.flags.get(r.fundingItemId) ?? []), r.flag]);
      }
    }
    for (const row of rows) {
      out.set(row.id as string, {
        fields: fieldsFromRow(list, row, extras),
        reportedBy: new Set(),
        evidence: new Map(),
        evidenceElsewhere: 0,
        editorSpans: new Map(),
      });
    }
    const column = t.reports[type.column];
    for (const r of await db.select().from(t.reports).where(inArray(column, part))) {
      out.get(r[type.column] as string)?.reportedBy.add(r.articleId);
    }
    const evidenceColumn = t.evidence[type.column];
    for (const e of await db.select().from(t.evidence).where(inArray(evidenceColumn, part))) {
      const fact = out.get(e[type.column] as string);
      if (!fact) continue;
      if (!loadedSlugs.has(e.articleId)) {
        fact.evidenceElsewhere += 1;
        continue;
      }
      const span = { start: e.start, end: e.end, exact: e.exact, role: e.role as EvidenceInput['role'] };
      fact.evidence.set(e.articleId, [...(fact.evidence.get(e.articleId) ?? []), span]);
      if (e.editorAdded) fact.editorSpans.set(e.articleId, [...(fact.editorSpans.get(e.articleId) ?? []), span]);
    }
  }
  for (const fact of out.values()) {
    for (const [slug, spans] of fact.evidence) fact.evidence.set(slug, sortSpans(spans));
    for (const [slug, spans] of fact.editorSpans) fact.editorSpans.set(slug, sortSpans(spans));
  }
  return out;
}

async function loadMeasureLinks(db: Db, measureIds: string[]): Promise<StoredState['measureLinks']> {
  const out = { measures: new Map(), fundingItems: new Map(), figures: new Map() } as StoredState['measureLinks'];
  for (const { list, table, column } of MEASURE_LISTS) {
    for (const part of chunks(measureIds)) {
      for (const row of await db.select({ id: table.id, measure: column }).from(table).where(inArray(column, part))) {
        if (typeof row.measure !== 'string') continue;
        out[list].set(row.measure, (out[list].get(row.measure) ?? new Set()).add(row.id));
      }
    }
  }
  return out;
}

export async function loadActors(db: Db, ids: string[]): Promise<Map<string, ActorInput>> {
  const out = new Map<string, ActorInput>();
  for (const part of chunks([...new Set(ids)])) {
    const rows = await db.query.actors.findMany({ where: { id: { in: part } }, with: { aliases: true } });
    for (const a of rows) {
      out.set(a.id, {
        id: a.id,
        name: a.name,
        kind: a.kind as ActorInput['kind'],
        aliases: a.aliases.map((x) => x.alias).sort(),
        description: a.description ?? '',
      });
    }
  }
  return out;
}

/** Every article slug and actor id, for the export. */
export async function allKeys(db: Db): Promise<{ slugs: string[]; actorIds: string[] }> {
  const slugs = (await db.select({ id: t.articles.id }).from(t.articles).orderBy(t.articles.id)).map((r) => r.id);
  const actorIds = (await db.select({ id: t.actors.id }).from(t.actors).orderBy(t.actors.id)).map((r) => r.id);
  return { slugs, actorIds };
}
