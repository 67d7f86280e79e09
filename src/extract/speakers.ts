/**
 * Who a phrase refers to: a name ("King", "Helena Brandt"), a pronoun ("he", "it"), a role
 * ("the commissioner"), or an organisation's spokesperson ("a Commission spokesperson" → the
 * Commission). Pronouns go to the subject of the nearest sentence before that names someone of
 * the right sort (a person for he/she, an organisation for it/they) — the subject, not the last
 * name mentioned, as news prose introduces the speaker first.
 */
import type { ActorKind } from '../domain.ts';
import { PERSON_TITLES, SENTENCE_STARTERS } from './lexicon.ts';
import type { KnownActors, Mention } from './mentions.ts';
import { type Range, sentenceAt, type TextIndex } from './text.ts';

export interface Speaker {
  key: string;
  name: string;
  id: string | null;
  kind: ActorKind;
  /** The mention the speaker was resolved through (absent for a name seen only here). */
  via: 'name' | 'pronoun' | 'role' | 'organisation';
}

const PRONOUN_PERSON = /^(?:he|she)$/i;
const PRONOUN_ORG = /^(?:it|they)$/i;
const SPOKESPERSON =
  /\b(?:spokes(?:person|man|woman)|official|officials|representative|source|sources|statement|press office)\b/i;

export class SpeakerResolver {
  constructor(
    private readonly index: TextIndex,
    private readonly mentions: Mention[],
    private readonly known: KnownActors,
  ) {}

  private outside(range: Range): Mention[] {
    return this.mentions.filter((m) => !m.insideQuote && m.start >= range.start && m.end <= range.end);
  }

  private speakerOf(m: Mention, via: Speaker['via']): Speaker {
    return { key: m.key, name: m.name, id: m.id, kind: m.kind, via };
  }

  /** The actor a short phrase names: "he", "the minister", "Hofman", "a Commission spokesperson". */
  phrase(range: Range): Speaker | null {
    const text = this.index.body.slice(range.start, range.end).trim();
    if (!text) return null;
    const inside = this.outside(range);
    if (SPOKESPERSON.test(text)) {
      const organisation = inside.find((m) => m.kind !== 'PERSON');
      if (organisation) return this.speakerOf(organisation, 'organisation');
    }
    const person = inside.find((m) => m.kind === 'PERSON');
    if (person) return this.speakerOf(person, 'name');
    if (inside[0]) return this.speakerOf(inside[0], 'name');
    const word = text.split(/\s+/);
    if (word.length === 1 && PRONOUN_PERSON.test(text)) return this.pronoun('person', range.start);
    if (word.length === 1 && PRONOUN_ORG.test(text)) return this.pronoun('organisation', range.start);
    const role = /^(?:the|a|an)\s+(.+)$/i.exec(text)?.[1];
    if (role) return this.role(role, range.start);
    return this.unknownName(text);
  }

  /** The subject of a clause ("Furthermore, the NGO notes that it", "Asked …, Brandt was blunt"). */
  subject(range: Range): Speaker | null {
    const inside = this.outside(range);
    const person = inside.find((m) => m.kind === 'PERSON');
    const text = this.index.body.slice(range.start, range.end);
    if (SPOKESPERSON.test(text)) {
      const organisation = inside.find((m) => m.kind !== 'PERSON');
      if (organisation && !person) return this.speakerOf(organisation, 'organisation');
    }
    if (person) return this.speakerOf(person, 'name');
    if (inside[0]) return this.speakerOf(inside[0], 'name');
    const pronoun = /\b(he|she|it|they)\b/i.exec(text);
    if (pronoun) {
      return this.pronoun(PRONOUN_PERSON.test(pronoun[1] as string) ? 'person' : 'organisation', range.start);
    }
    const role = /\bthe\s+((?:[\p{Ll}-]+\s+){0,2}[\p{Ll}-]+)\s*$/u.exec(text.trim())?.[1];
    if (role) return this.role(role, range.start);
    // A name no rule recognised ("Berger said", "Ferreira repeated …"): the first capitalised words.
    for (const m of text.matchAll(/\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,2}/gu)) {
      const words = m[0].split(/\s+/).filter((w) => !SENTENCE_STARTERS.has(w.toLowerCase()));
      if (words.length > 0 && !/["“”]/.test(text.slice(0, m.index).replace(/"[^"]*"|“[^”]*”/g, ''))) {
        return this.unknownName(words.join(' '));
      }
    }
    return null;
  }

  pronoun(sort: 'person' | 'organisation', offset: number): Speaker | null {
    const fits = (m: Mention) => (sort === 'person' ? m.kind === 'PERSON' : m.kind !== 'PERSON');
    let sentence = sentenceAt(this.index, offset);
    let end = offset;
    // Back to the start if need be: an interview can go many paragraphs between two namings.
    for (;;) {
      const candidates = this.outside({ start: sentence.start, end }).filter(fits);
      if (candidates[0]) return this.speakerOf(candidates[0], 'pronoun');
      if (sentence.start === 0) break;
      end = sentence.start;
      sentence = sentenceAt(this.index, sentence.start - 1);
    }
    return null;
  }

  /** "the commissioner" → the last person the text gave that role, else the last person named. */
  role(role: string, offset: number): Speaker | null {
    const head = role.toLowerCase().split(/\s+/).pop() ?? '';
    const before = this.mentions.filter((m) => !m.insideQuote && m.end <= offset);
    if (/^spokes(?:person|man|woman)$/.test(head)) {
      const introduced = this.spokespersonBefore(offset);
      if (introduced) return introduced;
    }
    if (PERSON_TITLES.has(head)) {
      const people = before.filter((m) => m.kind === 'PERSON');
      const withRole = people.filter((m) => this.rolesOf(m.key).some((r) => r.toLowerCase().includes(head)));
      const chosen = withRole[withRole.length - 1] ?? people[people.length - 1];
      return chosen ? this.speakerOf(chosen, 'role') : null;
    }
    const organisations = before.filter((m) => m.kind !== 'PERSON' && m.kind !== 'COUNTRY');
    const fitting = organisations.filter((m) => organisationFits(head, m));
    const chosen = fitting[fitting.length - 1];
    return chosen ? this.speakerOf(chosen, 'role') : null;
  }

  /**
   * "the spokesperson said" → whose spokesperson the text introduced last: "a spokesperson for
   * Frontex", "a Commission spokesperson", or a person named in apposition ("A spokesperson, Lise Berg,").
   */
  private spokespersonBefore(offset: number): Speaker | null {
    const { body } = this.index;
    const text = body.slice(0, offset);
    let last: RegExpExecArray | null = null;
    const pattern = /\bspokes(?:person|man|woman)\b/gi;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      // The phrase being resolved ("the spokesperson") is itself a match at the very end.
      if (m.index + m[0].length < offset - 1) last = m;
    }
    if (!last) return null;
    const sentence = sentenceAt(this.index, last.index);
    const near = this.outside({ start: Math.max(sentence.start, last.index - 60), end: last.index + 60 });
    const named = near.find(
      (m) => m.kind === 'PERSON' && /^,\s*$/.test(body.slice(last.index + last[0].length, m.start)),
    );
    if (named) return this.speakerOf(named, 'role');
    const organisations = near.filter((m) => m.kind !== 'PERSON');
    const closest = organisations.sort((a, b) => distance(a, last.index) - distance(b, last.index))[0];
    return closest ? this.speakerOf(closest, 'role') : null;
  }

  private rolesOf(key: string): string[] {
    return this.mentions.filter((m) => m.key === key && m.role).map((m) => m.role as string);
  }

  /** A capitalised name no rule had recognised yet: a surname of someone named before, or new. */
  private unknownName(text: string): Speaker | null {
    // "Johan Berglund of the … group": the name is the leading run of capitalised words.
    const lead = /^(?:\p{Lu}[\p{L}'’.-]*\s*)+/u.exec(text)?.[0] ?? text;
    const name = lead
      .split(/\s+/)
      .filter(Boolean)
      .filter((w) => !PERSON_TITLES.has(w.toLowerCase()))
      .join(' ')
      .replace(/['’]s$/, '');
    if (!/^\p{Lu}/u.test(name)) return null;
    const known = this.known.lookup(name);
    if (known) return { key: `id:${known.id}`, name: known.name, id: known.id, kind: known.kind, via: 'name' };
    const earlier = this.mentions.find((m) => m.kind === 'PERSON' && m.name.split(/\s+/).pop() === name);
    if (earlier) return this.speakerOf(earlier, 'name');
    return { key: `new:${name}`, name, id: null, kind: 'PERSON', via: 'name' };
  }
}

function distance(m: Range, at: number): number {
  return m.end <= at ? at - m.end : m.start - at;
}

function organisationFits(head: string, m: Mention): boolean {
  const name = m.name.toLowerCase();
  if (name.includes(head)) return true;
  switch (head) {
    case 'agency':
      return m.kind === 'EU_AGENCY';
    case 'ngo':
    case 'group':
    case 'organisation':
    case 'organization':
    case 'network':
    case 'charity':
      return m.kind === 'NGO' || m.kind === 'GROUP';
    case 'government':
    case 'ministry':
      return m.kind === 'NATIONAL_GOVERNMENT';
    case 'commission':
    case 'council':
    case 'parliament':
      return m.kind === 'EU_INSTITUTION';
    case 'newspaper':
    case 'paper':
    case 'daily':
      return m.kind === 'NEWS_OUTLET';
    case 'company':
    case 'firm':
      return m.kind === 'COMPANY';
    default:
      return false;
  }
}
