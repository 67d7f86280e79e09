import type { PreparedArticle } from '../extract/article-input.ts';
import type { Evidence, Extraction, Span } from '../extract/types.ts';
import { enclosingSentence, sentenceRanges } from '../text/sentences.ts';
import type { ActorInput, ArticleInput } from './format.ts';

export interface Drafts {
  actors: ActorInput[];
  article: ArticleInput;
}

const KEY_MAX = 200;

export function draftsOf(prepared: PreparedArticle, extraction: Extraction, knownIds: ReadonlySet<string>): Drafts {
  const { body, slug } = prepared;
  const version = extraction.extractorVersion;
  const actors = newActors(extraction, knownIds, slug, version);
  const idOf = (name: string | null, id: string | null): string | null =>
    id ?? (name === null ? null : (actors.byName.get(name)?.id ?? null));
  const keys = draftKeys(slug, body);
  const draft = { reviewStatus: 'UNREVIEWED' as const, provenance: 'SOURCE_TEXT' as const };

  const article: ArticleInput = {
    slug,
    headline: prepared.headline,
    headlineProvenance: prepared.headlineProvenance,
    publishedOn: prepared.publishedOn,
    publisher: prepared.publisher,
    url: prepared.url,
    language: 'en',
    topics: [],
    sourceFile: null,
    subheadings: [],
    mentions: extraction.actors.flatMap((a) => {
      const actor = idOf(a.name, a.id);
      return actor ? [{ actor, nameAsWritten: body.slice(a.start, a.end), roleAsWritten: null }] : [];
    }),
    measures: [],
    events: [],
    quotes: extraction.quotes.map((q) => ({
      id: keys('quote', q),
      ...draft,
      evidence: evidenceOf(q.evidence),
      text: q.text,
      kind: q.kind,
      speaker: idOf(q.speaker, q.speakerId),
      speakerAsWritten: q.speakerAsWritten,
      roleAsWritten: null,
    })),
    fundingItems: extraction.amounts.map((a) => ({
      id: keys('amount', a),
      ...draft,
      evidence: evidenceOf(a.evidence),
      // What the money is for is the editor's call; until then, the sentence that reports it.
      purpose: sentenceOf(body, a),
      funder: null,
      stage: 'ANNOUNCED' as const,
      programme: null,
      period: null,
      reportedText: a.reportedText,
      approximate: a.approximate || a.amountMax !== null,
      amount: a.amount,
      currencyCode: a.currencyCode,
      qualityFlags: a.qualityFlags,
      qualityNote: a.qualityNote,
      measure: null,
    })),
    figures: extraction.figures.map((f) => ({
      id: keys('figure', f),
      ...draft,
      evidence: evidenceOf(f.evidence),
      value: f.value,
      unit: f.unit,
      reportedText: f.reportedText,
      approximate: f.approximate,
      subject: f.subject,
      reportedBy: idOf(f.reportedBy, f.reportedById),
      measure: null,
    })),
    positions: extraction.positions.flatMap((p) => {
      const actor = idOf(p.actor, p.actorId);
      if (!actor) return [];
      return [
        {
          id: keys('position', p),
          ...draft,
          evidence: evidenceOf(p.evidence),
          actor,
          question: p.question,
          stance: p.stance,
          summary: `${p.actor} ${p.stance.toLowerCase()}: ${p.question}`,
          stated: null,
        },
      ];
    }),
  };
  return { actors: actors.list, article };
}

function evidenceOf(evidence: Evidence[]) {
  return evidence.map(({ start, end, exact, role }) => ({ start, end, exact, role }));
}

/**
 * `<slug>-<type>-<hash of the normalised main-span text>-<occurrence>`: the occurrence counts
 * earlier drafts of the same type with the same normalised text, in the order of the body.
 */
function draftKeys(slug: string, body: string) {
  const seen = new Map<string, number>();
  return (type: string, main: Span): string => {
    const text = normalised(body.slice(main.start, main.end));
    const counter = `${type}:${text}`;
    const occurrence = seen.get(counter) ?? 0;
    seen.set(counter, occurrence + 1);
    const suffix = `-${type}-${fnv1a(text)}-${occurrence}`;
    return `${slug.slice(0, KEY_MAX - suffix.length).replace(/-+$/, '')}${suffix}`;
  };
}

/** Case, spacing, quotation marks and punctuation at the ends do not make a different draft. */
export function normalised(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '');
}

/** 32-bit FNV-1a as 8 hex digits: short, stable, platform-neutral (no crypto needed for a key). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

function sentenceOf(body: string, span: Span): string {
  const sentence = enclosingSentence(sentenceRanges(body), span);
  return body.slice(sentence.start, sentence.end).replace(/\s+/g, ' ').trim();
}

/** Actors the extractor proposes as new, with IDs unique against the known ones. */
function newActors(extraction: Extraction, knownIds: ReadonlySet<string>, slug: string, version: string) {
  const byName = new Map<string, ActorInput>();
  const taken = new Set(knownIds);
  for (const a of extraction.actors) {
    if (!a.isNew || byName.has(a.name)) continue;
    const base = kebab(a.name) || 'actor';
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    byName.set(a.name, {
      id,
      name: a.name,
      kind: a.kind,
      aliases: surnameAlias(a.name, a.kind),
      description: `Proposed by ${version} from article ${slug}; not yet reviewed.`,
    });
  }
  return { byName, list: [...byName.values()] };
}

/**
 * A new person is named by surname alone after the first mention ("Berger said"), as the seed's
 * actors are ("King"): without the alias the extractor would not know the surname next time, and
 * a re-ingest would lose the speakers it found the first time.
 */
function surnameAlias(name: string, kind: ActorInput['kind']): string[] {
  const words = name.trim().split(/\s+/);
  return kind === 'PERSON' && words.length > 1 ? [words.at(-1) as string] : [];
}

function kebab(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .match(/[a-z0-9]+/g)
      ?.join('-')
      .slice(0, 80)
      .replace(/-+$/, '') ?? ''
  );
}
