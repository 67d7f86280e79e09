/**
 * Builds an article body piece by piece and remembers where each marked piece landed, so every
 * evidence offset is known by construction (never found by searching). Sentences are separated
 * by a space, paragraphs by a blank line, as in the seed articles; `src/text/sentences.ts` then
 * finds the same sentences the ingest code would.
 */
import { enclosingSentence, type Range, sentenceRanges } from '../../src/text/sentences.ts';

export interface Span {
  start: number;
  end: number;
  exact: string;
}

export class BodyBuilder {
  #text = '';
  #newParagraph = false;

  get length(): number {
    return this.#text.length;
  }

  /** The next sentence starts a new paragraph. */
  paragraph(): void {
    this.#newParagraph = true;
  }

  /** Opens a sentence: a space after the previous one, or a blank line for a new paragraph. */
  sentence(): void {
    if (this.#text.length > 0) this.write(this.#newParagraph ? '\n\n' : ' ');
    this.#newParagraph = false;
  }

  write(text: string): Span {
    const start = this.#text.length;
    this.#text += text;
    return { start, end: this.#text.length, exact: text };
  }

  /** The span from `start` to what has been written so far. */
  since(start: number): Span {
    return { start, end: this.#text.length, exact: this.#text.slice(start) };
  }

  text(): string {
    return this.#text;
  }
}

/** A body's sentences, to give each evidence span its enclosing sentence as ingest does. */
export class Sentences {
  readonly #body: string;
  readonly #ranges: Range[];

  constructor(body: string) {
    this.#body = body;
    this.#ranges = sentenceRanges(body);
  }

  of(span: Range): { sentenceStart: number; sentenceEnd: number; sentence: string } {
    const s = enclosingSentence(this.#ranges, span);
    return { sentenceStart: s.start, sentenceEnd: s.end, sentence: this.#body.slice(s.start, s.end) };
  }
}
