/**
 * The matching rule of the extraction evaluation. A proposal matches a gold item of the same type
 * when their main spans (the first span) overlap by at least 50% of the longer of the two, after
 * trimming quotation marks, punctuation and spaces from both ends; pairs are matched one to one,
 * best overlap first. Actors are matched by name (an actor is named many times, not once).
 * A speaker (or reporter, or position holder) is right when it resolves to the gold actor; a value
 * when its comparable key is equal (an amount's decimal and currency, a figure's number, a date's
 * earliest and latest day, a position's stance, an actor's kind).
 */
import type { Extraction, Span } from '../../src/extract/types.ts';
import { type FactType, type GoldDocument, type GoldItem, type KnownActorFile, valueKey } from './gold.ts';

export interface Tally {
  gold: number;
  proposed: number;
  matched: number;
  whoRight: number;
  whoTotal: number;
  valueRight: number;
  valueTotal: number;
  /** Human-readable misses, for --verbose. */
  misses: string[];
}

export const emptyTally = (): Tally => ({
  gold: 0,
  proposed: 0,
  matched: 0,
  whoRight: 0,
  whoTotal: 0,
  valueRight: 0,
  valueTotal: 0,
  misses: [],
});

export function addTally(into: Tally, from: Tally): void {
  into.gold += from.gold;
  into.proposed += from.proposed;
  into.matched += from.matched;
  into.whoRight += from.whoRight;
  into.whoTotal += from.whoTotal;
  into.valueRight += from.valueRight;
  into.valueTotal += from.valueTotal;
  into.misses.push(...from.misses);
}

const TRIM_START = /^[\s"'“”‘’«».,;:!?()[\]-]+/;
const TRIM_END = /[\s"'“”‘’«».,;:!?()[\]-]+$/;

/** The span without leading and trailing quotation marks, punctuation and spaces. */
export function trimSpan(body: string, span: Span): Span {
  const text = body.slice(span.start, span.end);
  const lead = TRIM_START.exec(text)?.[0].length ?? 0;
  const trail = TRIM_END.exec(text.slice(lead))?.[0].length ?? 0;
  return { start: span.start + lead, end: Math.max(span.start + lead, span.end - trail) };
}

/** Overlap as a share of the longer span, after trimming both: 1 is identical, 0 disjoint. */
export function overlap(body: string, a: Span, b: Span): number {
  const x = trimSpan(body, a);
  const y = trimSpan(body, b);
  const shared = Math.min(x.end, y.end) - Math.max(x.start, y.start);
  const longer = Math.max(x.end - x.start, y.end - y.start);
  return shared > 0 && longer > 0 ? shared / longer : 0;
}

export function normaliseName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .replace(/^the\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A name resolved to a known actor's id when it is one of its names or aliases, else itself. */
export function actorKey(name: string | null | undefined, actors: KnownActorFile[]): string | null {
  if (!name) return null;
  const wanted = normaliseName(name);
  const known = actors.find((a) => [a.name, ...a.aliases].some((n) => normaliseName(n) === wanted));
  return known ? `id:${known.id}` : `name:${wanted}`;
}

interface Proposed {
  span: Span | null;
  who?: string | null;
  value?: string;
  name?: string;
  label: string;
}

function proposedOf(type: FactType, extraction: Extraction): Proposed[] {
  switch (type) {
    case 'quotes':
      return extraction.quotes.map((q) => ({ span: q.spans[0] ?? q, who: q.speaker, label: q.text }));
    case 'amounts':
      return extraction.amounts.map((a) => ({
        span: a,
        value: valueKey.amount(a.amount, a.currencyCode),
        label: a.reportedText,
      }));
    case 'figures':
      return extraction.figures.map((f) => ({
        span: f,
        who: f.reportedBy,
        value: valueKey.figure(f.value),
        label: f.reportedText,
      }));
    case 'dates':
      return extraction.dates.map((d) => ({
        span: d,
        value: valueKey.date(d.earliest, d.latest),
        label: d.reportedText,
      }));
    case 'positions':
      return extraction.positions.map((p) => ({
        span: p,
        who: p.actor,
        value: valueKey.position(p.stance),
        label: `${p.actor} ${p.stance} ${p.question}`,
      }));
    case 'actors':
      return extraction.actors.map((a) => ({ span: null, name: a.name, value: valueKey.actor(a.kind), label: a.name }));
  }
}

export function scoreType(type: FactType, doc: GoldDocument, extraction: Extraction): Tally | null {
  const gold = doc.gold[type];
  if (!gold) return null;
  const proposed = proposedOf(type, extraction);
  const tally = emptyTally();
  tally.gold = gold.length;
  tally.proposed = proposed.length;
  const pairs = type === 'actors' ? nameMatches(gold, proposed, doc.actors) : spanMatches(doc.body, gold, proposed);
  const text = (s: Span | undefined) => (s ? JSON.stringify(doc.body.slice(s.start, s.end)) : '');
  for (const [g, p] of pairs) {
    const goldItem = gold[g] as GoldItem;
    const proposal = proposed[p] as Proposed;
    tally.matched++;
    if (goldItem.who !== undefined && type !== 'actors') {
      tally.whoTotal++;
      if (actorKey(goldItem.who, doc.actors) === actorKey(proposal.who, doc.actors)) tally.whoRight++;
      else
        tally.misses.push(
          `${doc.id} ${type} wrong speaker: ${text(goldItem.spans[0])} gold ${goldItem.who}, got ${proposal.who}`,
        );
    }
    if (goldItem.value !== undefined) {
      tally.valueTotal++;
      if (goldItem.value === proposal.value) tally.valueRight++;
      else
        tally.misses.push(
          `${doc.id} ${type} wrong value: ${proposal.label} gold ${goldItem.value}, got ${proposal.value}`,
        );
    }
  }
  const matchedGold = new Set(pairs.map(([g]) => g));
  const matchedProposed = new Set(pairs.map(([, p]) => p));
  gold.forEach((g, i) => {
    if (!matchedGold.has(i)) tally.misses.push(`${doc.id} ${type} missed: ${g.name ?? text(g.spans[0])}`);
  });
  proposed.forEach((p, i) => {
    if (!matchedProposed.has(i)) tally.misses.push(`${doc.id} ${type} false positive: ${p.label}`);
  });
  return tally;
}

function spanMatches(body: string, gold: GoldItem[], proposed: Proposed[]): [number, number][] {
  const candidates: { g: number; p: number; score: number }[] = [];
  gold.forEach((g, gi) => {
    proposed.forEach((p, pi) => {
      const goldSpan = g.spans[0];
      if (!goldSpan || !p.span) return;
      const score = overlap(body, goldSpan, p.span);
      if (score >= 0.5) candidates.push({ g: gi, p: pi, score });
    });
  });
  return oneToOne(candidates);
}

function nameMatches(gold: GoldItem[], proposed: Proposed[], actors: KnownActorFile[]): [number, number][] {
  const candidates: { g: number; p: number; score: number }[] = [];
  gold.forEach((g, gi) => {
    proposed.forEach((p, pi) => {
      if (actorKey(g.name, actors) === actorKey(p.name, actors)) candidates.push({ g: gi, p: pi, score: 1 });
    });
  });
  return oneToOne(candidates);
}

function oneToOne(candidates: { g: number; p: number; score: number }[]): [number, number][] {
  candidates.sort((a, b) => b.score - a.score || a.g - b.g || a.p - b.p);
  const usedGold = new Set<number>();
  const usedProposed = new Set<number>();
  const pairs: [number, number][] = [];
  for (const { g, p } of candidates) {
    if (usedGold.has(g) || usedProposed.has(p)) continue;
    usedGold.add(g);
    usedProposed.add(p);
    pairs.push([g, p]);
  }
  return pairs;
}
