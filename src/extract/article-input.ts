/**
 * An article as it arrives for ingestion — bytes of a source file (` date YYYY-MM-DD ` before
 * the body) or plain UTF-8 text with its date given separately — checked and turned into the
 * article Dossier stores, or a clear error naming what is wrong. Pure (no I/O), so the CLI and
 * the `articleIngest` mutation share it.
 */
import { isRealDay } from './calendar.ts';
import { indexText } from './text.ts';

/** Bodies above this many UTF-8 bytes are refused: well below the API's 1 MB request limit. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface ArticleOptions {
  publishedOn?: string | undefined;
  headline?: string | undefined;
  url?: string | undefined;
  publisher?: string | undefined;
}

export interface PreparedArticle {
  slug: string;
  headline: string;
  /** EDITORS when the headline was made from the first sentence, not given. */
  headlineProvenance: 'SOURCE_TEXT' | 'EDITORS';
  publishedOn: string;
  url: string | null;
  publisher: string | null;
  body: string;
}

/**
 * EMPTY: no text; LIMIT_EXCEEDED: over MAX_BODY_BYTES; INVALID_TEXT: binary, not UTF-8, NUL
 * bytes or lone surrogates; INVALID_DATE: a missing, malformed or impossible date; INVALID: the rest.
 */
export type InputErrorCode = 'EMPTY' | 'LIMIT_EXCEEDED' | 'INVALID_TEXT' | 'INVALID_DATE' | 'INVALID';

export interface InputError {
  /** The input field at fault: body, publishedOn, headline, url. */
  field: string;
  code: InputErrorCode;
  message: string;
}

export type Prepared = { ok: true; article: PreparedArticle } | { ok: false; error: InputError };

const HEADER = /^\s*date\s+(\S+)\s+/;
const HEADLINE_MAX = 120;

export function prepareArticle(input: Uint8Array | string, options: ArticleOptions = {}): Prepared {
  const fail = (field: string, code: InputErrorCode, message: string): Prepared => ({
    ok: false,
    error: { field, code, message },
  });
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    if (input.byteLength > MAX_BODY_BYTES) {
      return fail(
        'body',
        'LIMIT_EXCEEDED',
        `is ${input.byteLength} bytes; the limit is ${MAX_BODY_BYTES} bytes (256 KiB)`,
      );
    }
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      return fail('body', 'INVALID_TEXT', 'is not valid UTF-8 text (binary data or another encoding?)');
    }
  }
  if (new TextEncoder().encode(text).byteLength > MAX_BODY_BYTES) {
    return fail('body', 'LIMIT_EXCEEDED', `is over the limit of ${MAX_BODY_BYTES} bytes (256 KiB) of UTF-8`);
  }
  if (text.includes('\u0000')) return fail('body', 'INVALID_TEXT', 'contains NUL bytes: binary data, not text');
  if (/\p{Cs}/u.test(text)) return fail('body', 'INVALID_TEXT', 'contains lone UTF-16 surrogates: not valid text');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  let body = text;
  let headerDate: string | undefined;
  const header = HEADER.exec(text);
  if (header && /^\s*date\s/.test(text)) {
    headerDate = header[1] as string;
    if (!isRealDay(headerDate)) {
      return fail(
        'publishedOn',
        'INVALID_DATE',
        `the date header "${headerDate}" is not a real date in the form YYYY-MM-DD`,
      );
    }
    body = text.slice(header[0].length);
  }
  const publishedOn = options.publishedOn ?? headerDate;
  if (publishedOn === undefined) {
    return fail(
      'publishedOn',
      'INVALID_DATE',
      'is missing: give --published-on YYYY-MM-DD (or a " date YYYY-MM-DD " header)',
    );
  }
  if (!isRealDay(publishedOn))
    return fail('publishedOn', 'INVALID_DATE', `"${publishedOn}" is not a real date in the form YYYY-MM-DD`);
  if (headerDate && options.publishedOn && headerDate !== options.publishedOn) {
    return fail(
      'publishedOn',
      'INVALID_DATE',
      `--published-on ${options.publishedOn} contradicts the date header ${headerDate}`,
    );
  }
  body = body.replace(/\s+$/, '');
  if (body.trim() === '') return fail('body', 'EMPTY', 'is empty: there is no article text');
  if (options.url !== undefined && !/^https?:\/\/\S+$/.test(options.url)) {
    return fail('url', 'INVALID', `"${options.url}" is not an http(s) URL`);
  }
  const given = options.headline?.trim();
  if (options.headline !== undefined && !given) return fail('headline', 'EMPTY', 'is empty');
  const headline = given ?? headlineFrom(body);
  return {
    ok: true,
    article: {
      slug: slugFor(publishedOn, headline),
      headline,
      headlineProvenance: given ? 'SOURCE_TEXT' : 'EDITORS',
      publishedOn,
      url: options.url ?? null,
      publisher: options.publisher?.trim() || null,
      body,
    },
  };
}

/** The first sentence, cut at a word boundary, without its final full stop. */
export function headlineFrom(body: string): string {
  const first = indexText(body).sentences[0];
  const sentence = (first ? body.slice(first.start, first.end) : body).replace(/\s+/g, ' ').replace(/[.]$/, '');
  if (sentence.length <= HEADLINE_MAX) return sentence;
  const cut = sentence.slice(0, HEADLINE_MAX);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 1)).replace(/[\s,;:]+$/, '')}…`;
}

/** The date plus the headline's first words: "2017-10-18-the-european-commission-is-seeking". */
export function slugFor(publishedOn: string, headline: string): string {
  const words = headline
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .match(/[a-z0-9]+/g);
  return [publishedOn, ...(words ?? []).slice(0, 6)].join('-');
}
