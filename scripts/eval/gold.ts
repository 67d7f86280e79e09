/**
 * Gold for the extraction evaluation, in one shape whatever it came from: the invented passages
 * of test/extract/corpus/ (text located by its exact words) or annotated articles in the shape of
 * seeds/articles/ (offsets as annotated). Every gold item has a main span, the span the matching
 * rule compares.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Span } from '../../src/extract/types.ts';

export const FACT_TYPES = ['quotes', 'amounts', 'figures', 'dates', 'positions', 'actors'] as const;
export type FactType = (typeof FACT_TYPES)[number];

export interface GoldItem {
  /** The main span; quotes may have more (a split quote). */
  spans: Span[];
  /** Who said, reported or holds it (quotes, figures, positions), as an actor name. */
  who?: string | undefined;
  /** The value the value-accuracy column compares, as a comparable string. */
  value?: string | undefined;
  /** Actors are matched by name, not by span. */
  name?: string | undefined;
}

export interface GoldDocument {
  id: string;
  body: string;
  publishedOn: string;
  actors: KnownActorFile[];
  /** A type is scored in this document only when its gold is listed (complete) here. */
  gold: Partial<Record<FactType, GoldItem[]>>;
}

export interface KnownActorFile {
  id: string;
  name: string;
  kind: string;
  aliases: string[];
}

/** How the value columns compare: the fields the rule names, joined into one string. */
export const valueKey = {
  amount: (amount: string, currency: string) => `${amount} ${currency}`,
  figure: (value: number) => String(value),
  date: (earliest: string, latest: string) => `${earliest}..${latest}`,
  position: (stance: string) => stance,
  actor: (kind: string) => kind,
};

interface TextRef {
  text: string;
  nth?: number;
}

/** The offsets of `ref.text` in the body; refuses text that is absent or ambiguous. */
export function locate(body: string, ref: TextRef, where: string): Span {
  const found: number[] = [];
  for (let at = body.indexOf(ref.text); at !== -1; at = body.indexOf(ref.text, at + 1)) found.push(at);
  if (found.length === 0) throw new Error(`${where}: "${ref.text}" is not in the body`);
  if (ref.nth === undefined && found.length > 1) {
    throw new Error(`${where}: "${ref.text}" occurs ${found.length} times; say which with "nth"`);
  }
  const start = found[ref.nth ?? 0];
  if (start === undefined) throw new Error(`${where}: "${ref.text}" has no occurrence number ${ref.nth}`);
  return { start, end: start + ref.text.length };
}

interface CorpusPassage {
  id: string;
  pattern: string;
  publishedOn: string;
  body: string;
  gold: Record<string, any[] | undefined>;
}

const REQUIRED: FactType[] = ['quotes', 'amounts', 'figures', 'dates'];

export function loadCorpus(dir: string): GoldDocument[] {
  const actors = JSON.parse(readFileSync(join(dir, 'actors.json'), 'utf8')) as KnownActorFile[];
  const documents: GoldDocument[] = [];
  const ids = new Set<string>();
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.json') || file === 'actors.json') continue;
    const passages = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CorpusPassage[];
    for (const passage of passages) {
      const where = `${file} ${passage.id}`;
      if (ids.has(passage.id)) throw new Error(`${where}: duplicate id`);
      ids.add(passage.id);
      documents.push({ ...passageDocument(passage, where), actors });
    }
  }
  return documents;
}

function passageDocument(passage: CorpusPassage, where: string): Omit<GoldDocument, 'actors'> {
  const { body, gold: raw } = passage;
  for (const type of REQUIRED) if (!raw[type]) throw new Error(`${where}: gold.${type} is missing`);
  const at = (type: string, i: number) => `${where} gold.${type}[${i}]`;
  const gold: GoldDocument['gold'] = {};
  gold.quotes = raw.quotes?.map((q, i) => ({
    spans: q.spans.map((s: string | TextRef) => locate(body, typeof s === 'string' ? { text: s } : s, at('quotes', i))),
    who: q.speaker,
  }));
  gold.amounts = raw.amounts?.map((a, i) => ({
    spans: [locate(body, a, at('amounts', i))],
    value: valueKey.amount(a.amount, a.currency),
  }));
  gold.figures = raw.figures?.map((f, i) => ({
    spans: [locate(body, f, at('figures', i))],
    value: valueKey.figure(f.value),
    who: f.reportedBy,
  }));
  gold.dates = raw.dates?.map((d, i) => ({
    spans: [locate(body, d, at('dates', i))],
    value: valueKey.date(d.earliest, d.latest),
  }));
  if (raw.positions) {
    gold.positions = raw.positions.map((p, i) => ({
      spans: [locate(body, p, at('positions', i))],
      who: p.actor,
      value: valueKey.position(p.stance),
    }));
  }
  if (raw.actors) {
    gold.actors = raw.actors.map((a) => ({ spans: [], name: a.name, value: valueKey.actor(a.kind) }));
  }
  return { id: passage.id, body, publishedOn: passage.publishedOn, gold };
}

/**
 * An article annotated like seeds/articles/<slug>.json (+ .txt). The seed's figures and dates have
 * whole sentences as their main evidence; their gold span is the reported text inside that
 * evidence ("some 97 percent", "within the next 16 months"), which is what a figure or date is.
 * A speaker or reporter that is not one of the known actors' ids is taken as a name; an article
 * without `positions` or `mentions` is not scored on them.
 */
export function loadAnnotatedArticles(dir: string, actors: KnownActorFile[]): GoldDocument[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'actors.json')
    .sort()
    .map((file) => {
      const annotation = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      const body = readFileSync(join(dir, file.replace(/\.json$/, '.txt')), 'utf8');
      return annotatedDocument(annotation, body, actors);
    });
}

export function annotatedDocument(a: any, body: string, actors: KnownActorFile[]): GoldDocument {
  const nameOf = (id: string | null | undefined) =>
    id ? (actors.find((actor) => actor.id === id)?.name ?? id) : undefined;
  const kindOf = (id: string) => actors.find((actor) => actor.id === id)?.kind ?? 'GROUP';
  const evidence = (fact: any, roles: string[]): Span[] =>
    fact.evidence.filter((e: any) => roles.includes(e.role)).map((e: any) => ({ start: e.start, end: e.end }));
  const inside = (spans: Span[], text: string): Span => {
    for (const span of spans) {
      const at = body.slice(span.start, span.end).indexOf(text);
      if (at !== -1) return { start: span.start + at, end: span.start + at + text.length };
    }
    const first = spans[0];
    if (!first) throw new Error(`${a.slug}: no evidence to locate "${text}" in`);
    return first;
  };

  const dates = new Map<string, GoldItem>();
  const addDate = (fact: any, date: any) => {
    if (!date?.reportedText) return;
    const span = inside(evidence(fact, ['DATE', 'DEADLINE', 'EXPECTED_DATE', 'MAIN_STATEMENT']), date.reportedText);
    dates.set(`${span.start}:${span.end}`, { spans: [span], value: valueKey.date(date.earliest, date.latest) });
  };
  for (const m of a.measures ?? []) for (const d of [m.announced, m.expected, m.deadline]) addDate(m, d);
  for (const p of a.positions ?? []) addDate(p, p.stated);
  for (const f of a.fundingItems ?? []) addDate(f, f.period);
  for (const e of a.events ?? []) addDate(e, e.date);

  return {
    id: a.slug,
    body,
    publishedOn: a.publishedOn,
    actors,
    gold: {
      quotes: (a.quotes ?? []).map((q: any) => ({ spans: evidence(q, ['MAIN_STATEMENT']), who: nameOf(q.speaker) })),
      amounts: (a.fundingItems ?? []).map((f: any) => ({
        spans: evidence(f, ['AMOUNT']),
        value: valueKey.amount(f.amount, f.currencyCode),
      })),
      figures: (a.figures ?? []).map((f: any) => ({
        spans: [inside(evidence(f, ['MAIN_STATEMENT']), f.reportedText)],
        value: valueKey.figure(f.value),
        who: nameOf(f.reportedBy),
      })),
      dates: [...dates.values()].sort((x, y) => (x.spans[0]?.start ?? 0) - (y.spans[0]?.start ?? 0)),
      // Positions and mentions are scored only in articles that annotate them (as in the corpus).
      positions: a.positions?.map((p: any) => ({
        spans: evidence(p, ['MAIN_STATEMENT']),
        who: nameOf(p.actor),
        value: valueKey.position(p.stance),
      })),
      actors: a.mentions?.map((m: any) => ({
        spans: [],
        name: nameOf(m.actor),
        value: valueKey.actor(kindOf(m.actor)),
      })),
    },
  };
}
