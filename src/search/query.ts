/**
 * The search grammar, compiled into an FTS5 MATCH expression in which every piece of user text is
 * a quoted FTS5 string. Raw input is never FTS5 syntax, so "e-evidence", "NEAR(", `'; DROP` or an
 * asterisk in the middle of a word cannot reach FTS5 as operators.
 *
 *   word        a word; words side by side must all match (AND), stemmed ("attacking" finds "attacks")
 *   "a phrase"  the words in this order, next to each other
 *   word*       any word starting with "word" (also "a phr"* for a phrase ending in a prefix)
 *   a OR b      either (OR in capitals; it binds the terms on each side: `x a OR b` is x AND (a OR b))
 *   -word       leave out what matches word (also -"a phrase")
 *
 * Punctuation splits words as the index does: `e-evidence` is the phrase "e evidence". A term with
 * no letter or digit (`%`, `_`, `\`, `--`) is ignored. Rejected, with a message for the user: an
 * unbalanced quotation mark, a query with nothing to search for (empty, punctuation only, or only
 * exclusions), an OR without a term on each side, an excluded term inside an OR, a prefix of fewer
 * than MIN_PREFIX_LENGTH letters or digits, and queries over MAX_QUERY_LENGTH characters or
 * MAX_TERMS terms. How many index terms a prefix expands to is counted separately, against the
 * index (expansion.ts).
 */

export const MAX_QUERY_LENGTH = 500;
export const MAX_TERMS = 32;
/** Letters or digits a prefix (word*) needs: "a*" would expand to a large part of the index. */
export const MIN_PREFIX_LENGTH = 3;

/** A query the grammar rejects; the message is written for the person who typed it. */
export class SearchQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SearchQueryError';
  }
}

export interface Term {
  text: string;
  prefix: boolean;
  exclude: boolean;
}

type Token = { kind: 'term'; term: Term } | { kind: 'or' };

/** Alternatives joined by OR; a group of one is a plain term. */
type Group = [Term, ...Term[]];

/** Letters, digits and private-use characters: what the unicode61 tokenizer keeps as word characters. */
const WORD_CHARACTER = /[\p{L}\p{N}\p{Co}]/u;

/** Returns the FTS5 MATCH expression for `input`, or throws a SearchQueryError. */
export function compileSearchQuery(input: string): string {
  return compileSearch(input).match;
}

/** The MATCH expression and the terms it is made of, or throws a SearchQueryError. */
export function compileSearch(input: string): { match: string; terms: Term[] } {
  if (input.length > MAX_QUERY_LENGTH) {
    throw new SearchQueryError(`The query is too long: at most ${MAX_QUERY_LENGTH} characters.`);
  }
  const groups = group(lex(input));
  const terms = groups.flat();
  if (terms.length > MAX_TERMS) throw new SearchQueryError(`The query has too many terms: at most ${MAX_TERMS}.`);
  const included = groups.filter((g) => !g[0].exclude);
  const excluded = groups.filter((g) => g[0].exclude).flat();
  if (included.length === 0) {
    throw new SearchQueryError(
      excluded.length > 0
        ? 'The query only excludes (-word): add at least one word to search for.'
        : 'The query is empty: give at least one word (letters or digits) to search for.',
    );
  }
  const positive = included.map(alternatives).join(' AND ');
  if (excluded.length === 0) return { match: positive, terms };
  return { match: `(${positive}) NOT ${alternatives(excluded)}`, terms };
}

function alternatives(terms: Term[]): string {
  return terms.length === 1 ? quote(terms[0] as Term) : `(${terms.map(quote).join(' OR ')})`;
}

/** One FTS5 string: the text in double quotes (inner quotes doubled), then `*` for a prefix. */
function quote(term: Term): string {
  return `"${term.text.replaceAll('"', '""')}"${term.prefix ? '*' : ''}`;
}

function lex(input: string): Token[] {
  // Control characters (NUL above all) would end the string early inside SQLite: they separate words.
  const text = input.replace(/\p{Cc}/gu, ' ');
  const tokens: Token[] = [];
  let at = 0;
  const isSpace = (c: string | undefined) => c !== undefined && /\s/u.test(c);
  while (at < text.length) {
    if (isSpace(text[at])) {
      at++;
      continue;
    }
    let exclude = false;
    if (text[at] === '-' && at + 1 < text.length && !isSpace(text[at + 1])) {
      exclude = true;
      at++;
    }
    let raw: string;
    let phrase = false;
    if (text[at] === '"') {
      const close = text.indexOf('"', at + 1);
      if (close < 0) {
        throw new SearchQueryError(
          'The query has an unbalanced quotation mark: close the phrase with a second " (or remove the quote).',
        );
      }
      raw = text.slice(at + 1, close);
      phrase = true;
      at = close + 1;
    } else {
      const start = at;
      while (at < text.length && !isSpace(text[at]) && text[at] !== '"') at++;
      raw = text.slice(start, at);
    }
    let prefix = false;
    if (phrase) {
      while (text[at] === '*') {
        prefix = true;
        at++;
      }
    } else {
      if (raw === 'OR' && !exclude) {
        tokens.push({ kind: 'or' });
        continue;
      }
      const stripped = raw.replace(/\*+$/u, '');
      prefix = stripped.length < raw.length;
      raw = stripped;
    }
    if (!WORD_CHARACTER.test(raw)) continue; // nothing the index could hold: ignored
    if (prefix && [...(words(raw).at(-1) ?? '')].length < MIN_PREFIX_LENGTH) {
      throw new SearchQueryError(
        `A prefix needs at least ${MIN_PREFIX_LENGTH} letters or digits before the *: "${raw.slice(0, 20)}*" is too short.`,
      );
    }
    tokens.push({ kind: 'term', term: { text: raw, prefix, exclude } });
  }
  return tokens;
}

/** The words of a term as the index splits them (punctuation separates words). */
export function words(text: string): string[] {
  return text.split(/[^\p{L}\p{N}\p{Co}]+/u).filter(Boolean);
}

/** Terms joined by OR become one group (alternatives); groups are ANDed. */
function group(tokens: Token[]): Group[] {
  const groups: Group[] = [];
  for (const [i, token] of tokens.entries()) {
    if (token.kind === 'term') {
      const last = groups.at(-1);
      if (last && tokens[i - 1]?.kind === 'or') last.push(token.term);
      else groups.push([token.term]);
      continue;
    }
    const before = tokens[i - 1];
    const after = tokens[i + 1];
    if (before?.kind !== 'term' || after?.kind !== 'term') {
      throw new SearchQueryError('OR needs a word or phrase on each side ("police OR Europol").');
    }
    if (before.term.exclude || after.term.exclude) {
      throw new SearchQueryError('An excluded term (-word) cannot be part of an OR.');
    }
  }
  return groups;
}
