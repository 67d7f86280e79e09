/**
 * Who the body names, and where: known actors by their names and aliases (case- and
 * possessive-insensitive; a one-word alias such as "King" only when capitalised), and names of
 * people and organisations Dossier does not know yet, with the kind their words suggest.
 * Quotes, figures and positions take their speakers from these mentions.
 */
import type { ActorKind } from '../domain.ts';
import {
  COUNTRIES,
  DEMONYMS,
  MONTHS,
  ORGANISATION_NOUNS,
  ORGANISATION_WORDS,
  PERSON_TITLES,
  PLACE_WORDS,
  SENTENCE_STARTERS,
  WEEKDAYS,
} from './lexicon.ts';
import { contains, type Range, type TextIndex } from './text.ts';
import type { KnownActor } from './types.ts';

export interface Mention extends Range {
  /** `id:<actor id>` for a known actor, `new:<name>` for a proposed one. */
  key: string;
  name: string;
  id: string | null;
  kind: ActorKind;
  /** Role words the text gives this person here ("the EU commissioner for security"). */
  role: string | null;
  insideQuote: boolean;
  /** How sure the name and kind are. */
  confidence: number;
}

const WORD = "[\\p{Lu}][\\p{L}\\p{M}'’\\-]*";
const CONNECTOR = '(?:of|for|the|de|van|von|der|du|la|al|on)';
const CHUNK = new RegExp(`${WORD}(?:\\s+(?:${CONNECTOR}\\s+)*${WORD})*`, 'gu');
const POSSESSIVE = /['’]s$/;
const NAME_WORD = /^\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)*(?:['’]s)?$/u;

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Strips a leading "the" and a possessive: the form a name is matched in. */
function matchForm(name: string): string {
  return name
    .replace(/^the\s+/i, '')
    .replace(POSSESSIVE, '')
    .trim();
}

export class KnownActors {
  private readonly pattern: RegExp | null;
  private readonly byForm = new Map<string, KnownActor>();

  constructor(readonly actors: KnownActor[]) {
    const forms: string[] = [];
    for (const actor of actors) {
      for (const name of [actor.name, ...actor.aliases]) {
        const form = matchForm(name);
        if (form.length < 2 || this.byForm.has(form.toLowerCase())) continue;
        this.byForm.set(form.toLowerCase(), actor);
        forms.push(form);
      }
    }
    forms.sort((a, b) => b.length - a.length);
    this.pattern =
      forms.length > 0
        ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${forms.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu')
        : null;
  }

  /** The known actor a name refers to, if any ("King's" → Julian King). */
  lookup(name: string): KnownActor | undefined {
    return this.byForm.get(matchForm(name).toLowerCase());
  }

  *matches(body: string): Generator<{ start: number; end: number; actor: KnownActor }> {
    if (!this.pattern) return;
    for (const m of body.matchAll(this.pattern)) {
      const actor = this.byForm.get(m[0].toLowerCase());
      if (!actor) continue;
      // A one-word alias ("King", "Messenger") names the actor only when written with a capital.
      if (!/\s/.test(m[0]) && !/^\p{Lu}/u.test(m[0])) continue;
      yield { start: m.index, end: m.index + m[0].length, actor };
    }
  }
}

export function findMentions(index: TextIndex, known: KnownActors, quoted: Range[]): Mention[] {
  const { body } = index;
  const inQuote = (r: Range) => quoted.some((q) => contains(q, r));
  const mentions: Mention[] = [];
  for (const m of known.matches(body)) {
    mentions.push({
      start: m.start,
      end: m.end,
      key: `id:${m.actor.id}`,
      name: m.actor.name,
      id: m.actor.id,
      kind: m.actor.kind,
      role: null,
      insideQuote: inQuote(m),
      confidence: 0.95,
    });
  }
  const newOnes: Mention[] = [];
  for (const chunk of body.matchAll(CHUNK)) {
    // "Johan Berglund of the Stockholm-based …": when the whole run names no one, its part
    // before the first connector may ("Johan Berglund").
    const connector = /\s(?:of|for|on)\s/.exec(chunk[0]);
    const found =
      newMention(index, chunk[0], chunk.index) ??
      (connector ? newMention(index, chunk[0].slice(0, connector.index), chunk.index) : null);
    if (!found) continue;
    const overlapping = mentions.filter((k) => k.start < found.end && found.start < k.end);
    // A longer new name wins over a known alias inside it ("EU Agency for Asylum" over "EU").
    if (overlapping.some((k) => !(contains(found, k) && found.end - found.start > k.end - k.start + 3))) continue;
    for (const k of overlapping) mentions.splice(mentions.indexOf(k), 1);
    found.insideQuote = inQuote(found);
    const fullName =
      !/\s/.test(found.name) && newOnes.find((m) => m.kind === 'PERSON' && m.name.split(/\s+/).pop() === found.name);
    newOnes.push(fullName ? { ...found, key: fullName.key, name: fullName.name, confidence: 0.8 } : found);
  }
  mentions.push(...newOnes);
  mentions.push(...organisationPhrases(body, mentions, inQuote));
  mentions.sort((a, b) => a.start - b.start);
  return [...mentions, ...surnameMentions(body, mentions, inQuote)].sort((a, b) => a.start - b.start);
}

function isSentenceStart(body: string, at: number): boolean {
  const before = body.slice(Math.max(0, at - 3), at);
  return at === 0 || /(?:^|[.!?:]["'”’]?\s+|\n\s*|["“‘]\s*)$/.test(before);
}

function newMention(index: TextIndex, text: string, at: number): Mention | null {
  const { body } = index;
  let words = [...text.matchAll(/\S+/g)].map((w) => ({ text: w[0], start: at + w.index }));
  let titled = false;
  // "Finnish Interior Minister Aino Rantanen", "Commission Vice-President Dario Ferri": the name
  // is what follows the last title, when that is one to three name-like words.
  const lastTitle = words.findLastIndex((w) => PERSON_TITLES.has(w.text.toLowerCase()));
  const named = words.slice(lastTitle + 1);
  if (lastTitle >= 0 && named.length >= 1 && named.length <= 3 && named.every((w) => NAME_WORD.test(w.text))) {
    words = named;
    titled = true;
  }
  while (words.length > 0) {
    const first = words[0] as { text: string; start: number };
    const lower = first.text.toLowerCase().replace(POSSESSIVE, '');
    if (SENTENCE_STARTERS.has(lower) && (isSentenceStart(body, first.start) || lower === 'the')) words.shift();
    // "the Brussels-based Blockchain Compliance Association": where it is based is not its name.
    else if (/-based$/i.test(lower) && words.length > 1) words.shift();
    else if (PERSON_TITLES.has(lower)) {
      titled = true;
      words.shift();
    } else break;
  }
  while (words.length > 0 && /^(?:of|for|the|de|van|von|der|du|la|al|on)$/.test(words[0]?.text ?? '')) words.shift();
  if (words.length === 0) return null;
  const first = words[0] as { text: string; start: number };
  const last = words[words.length - 1] as { text: string; start: number };
  let name = body.slice(first.start, last.start + last.text.length);
  let end = last.start + last.text.length;
  if (POSSESSIVE.test(name)) {
    name = name.replace(POSSESSIVE, '');
    end -= 2;
  }
  const lowerWords = name.toLowerCase().split(/\s+/);
  if (lowerWords.some((w) => MONTHS.includes(w) || WEEKDAYS.includes(w))) return null;
  const range = { start: first.start, end };
  const base = { ...range, name, id: null, role: null, insideQuote: false };
  if (COUNTRIES.has(name)) return { ...base, key: `new:${name}`, kind: 'COUNTRY', confidence: 0.9 };
  const before = body.slice(Math.max(0, range.start - 40), range.start).toLowerCase();
  const organisation = ORGANISATION_WORDS.find(([pattern]) => pattern.test(name));
  if (organisation && words.length >= 1 && !(words.length === 1 && organisation[1] === 'GROUP')) {
    return { ...base, key: `new:${name}`, kind: organisation[1], confidence: 0.7 };
  }
  const contextKind =
    contextualKind(before) ??
    (words.length >= 2 && /\b(?:Europe|EU|International|Network)$/.test(name) ? 'GROUP' : null);
  if (contextKind && words.length >= 2) return { ...base, key: `new:${name}`, kind: contextKind, confidence: 0.7 };
  const speaks = /^\s+(?:said|says|told|noted|added|warned|insisted|explained|argued|asked|repeated)\b/.test(
    body.slice(end, end + 20),
  );
  if (words.length === 1 && speaks && /^\p{Lu}\p{Ll}+$/u.test(name) && !DEMONYMS.has(name.toLowerCase())) {
    return { ...base, key: `new:${name}`, kind: 'PERSON', confidence: 0.6 };
  }
  if (words.length < 2 || words.length > 4) return null;
  if (lowerWords.some((w) => PLACE_WORDS.has(w) || DEMONYMS.has(w))) return null;
  if (!words.every((w) => /^\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)*$/u.test(w.text.replace(POSSESSIVE, '')))) return null;
  const cue = titled || personCue(body, range, before);
  if (!cue) return null;
  return { ...base, key: `new:${name}`, kind: 'PERSON', role: roleOf(body, range), confidence: 0.8 };
}

/** "the digital rights group X", "the daily X", "the company X": what the words before say X is. */
function contextualKind(before: string): ActorKind | null {
  if (/\b(?:group|ngo|organisation|organization|network|campaigners?|charity|watchdog)\s*,?\s*$/.test(before)) {
    return 'NGO';
  }
  if (/\b(?:daily|newspaper|broadcaster|magazine|outlet|website|radio)\s*$/.test(before)) return 'NEWS_OUTLET';
  if (/\b(?:company|firm|operator|provider|maker)\s*$/.test(before)) return 'COMPANY';
  return null;
}

const SPEECH_AFTER =
  /^['’]?s?\s*(?:,\s*(?:the|a|an|[\p{Lu}][\p{L}]+['’]s)\s|\s(?:said|says|told|noted|added|warned|insisted|explained|argued|asked|called|demanded|urged|rejected|backed|opposed|announced|disagreed|defended|welcomed|met|went|was|is|has|had|chaired|presented|leads|arrived|repeated|wants|will)\b)/u;

function personCue(body: string, range: Range, before: string): boolean {
  const tail = before.match(/([\p{L}-]+)\s*$/u)?.[1];
  if (tail && PERSON_TITLES.has(tail)) return true;
  if (/\b(?:said|says|told|noted|added|asked|according to|by)\s*,?\s*$/.test(before)) return true;
  // "X, who heads …," and "her counterpart, X, …": a relative clause or an apposition.
  if (/^,\s+who\b/.test(body.slice(range.end, range.end + 8))) return true;
  if (/,\s*$/.test(before) && /^,\s/.test(body.slice(range.end, range.end + 2))) return true;
  return SPEECH_AFTER.test(body.slice(range.end, range.end + 40));
}

/** The role an apposition or a title gives a person: "X, the Polish interior minister," / "interior minister X". */
export function roleOf(body: string, range: Range): string | null {
  const after = /^,\s+((?:the|a|an|[\p{Lu}][\p{L}]+['’]s)\s[^,.;"“”]{2,90}?)(?=[,.;]|\s+(?:said|told|says)\b)/u.exec(
    body.slice(range.end, range.end + 120),
  );
  if (after?.[1]) return after[1];
  // The up to four words right before the name (an end-anchored regex here was slow: it retried
  // from every position of the 60 characters).
  const lead = body.slice(Math.max(0, range.start - 60), range.start);
  if (!/\s$/.test(lead)) return null;
  const words = lead.trimEnd().split(/\s+/).slice(-4);
  const tail = words[words.length - 1]?.toLowerCase() ?? '';
  if (!PERSON_TITLES.has(tail) || !/^[\p{L}-]+$/u.test(words[words.length - 1] ?? '')) return null;
  let first = words.length - 1;
  while (first > 0 && /^[\p{L}'’-]+$/u.test(words[first - 1] ?? '')) first--;
  return words.slice(first).join(' ');
}

/** "the Belgian government", "the Hungarian presidency": unnamed organisations named by nationality. */
const ORGANISATION_PHRASE = new RegExp(
  `\\b(\\p{Lu}\\p{Ll}+)(['’]s)?\\s+((?:[\\p{Ll}-]+\\s+)?(?:${ORGANISATION_NOUNS.join('|')}))\\b`,
  'gu',
);

/**
 * "the Belgian government", "the Belgian finance ministry", "Austria's interior ministry":
 * unnamed organisations named by nationality or country (the country's own mention gives way).
 */
function organisationPhrases(body: string, taken: Mention[], inQuote: (r: Range) => boolean): Mention[] {
  const found: Mention[] = [];
  for (const m of body.matchAll(ORGANISATION_PHRASE)) {
    const owner = m[1] as string;
    const possessive = Boolean(m[2]);
    if (possessive ? !COUNTRIES.has(owner) : !DEMONYMS.has(owner.toLowerCase()) || owner === 'European') continue;
    const range = { start: m.index, end: m.index + m[0].length };
    const overlapping = taken.filter((t) => t.start < range.end && range.start < t.end);
    if (overlapping.some((t) => !(possessive && t.kind === 'COUNTRY'))) continue;
    for (const t of overlapping) taken.splice(taken.indexOf(t), 1);
    const noun = (m[3] as string).split(/\s+/).pop() as string;
    const name = possessive ? m[0] : `${owner} ${m[3]}`;
    const kind: ActorKind =
      noun === 'authorities' || noun === 'police' ? 'NATIONAL_AUTHORITIES' : 'NATIONAL_GOVERNMENT';
    found.push({
      ...range,
      key: `new:${name}`,
      name,
      id: null,
      kind,
      role: null,
      insideQuote: inQuote(range),
      confidence: 0.75,
    });
  }
  return found;
}

/** A surname on its own ("Berger said") after the full name ("Jonas Berger") is the same person. */
function surnameMentions(body: string, mentions: Mention[], inQuote: (r: Range) => boolean): Mention[] {
  const people = mentions.filter((m) => m.kind === 'PERSON' && m.id === null && /\s/.test(m.name));
  const found: Mention[] = [];
  for (const person of people) {
    const surname = person.name.split(/\s+/).pop() as string;
    const pattern = new RegExp(`(?<![\\p{L}])${escapeRegExp(surname)}(?![\\p{L}])`, 'gu');
    for (const m of body.slice(person.end).matchAll(pattern)) {
      const start = person.end + m.index;
      const range = { start, end: start + surname.length };
      if (mentions.some((t) => t.start < range.end && range.start < t.end)) continue;
      if (found.some((t) => t.start === range.start)) continue;
      found.push({ ...person, ...range, role: null, insideQuote: inQuote(range), confidence: 0.8 });
    }
  }
  return found;
}
