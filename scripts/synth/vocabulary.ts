/**
 * The words of the synthetic articles: a fixed, made-up vocabulary drawn with Zipf-like
 * frequencies (a few words in every article, a long tail in a handful), plus marker words placed
 * in an exact share of the articles so benchmarks can search for a known rare or frequent term.
 * Made-up words use only the letters below, never "y", so no word can collide with a marker.
 */
import { Prng, Zipf } from './prng.ts';

const CONSONANTS = 'bcdfghklmnprstvw';
const VOWELS = 'aeiou';

/** English function words as the most frequent ranks, so prose has realistic stop words. */
// biome-ignore format: a word list reads better packed
const FUNCTION_WORDS = [
  'the', 'of', 'and', 'to', 'in', 'a', 'is', 'that', 'for', 'on', 'with', 'as', 'by', 'was', 'it',
  'at', 'from', 'this', 'be', 'are', 'or', 'its', 'an', 'have', 'not', 'which', 'has', 'were', 'but',
  'their', 'more', 'will', 'would', 'all', 'new', 'also', 'been', 'other', 'than', 'into',
];

/** Words that mark an exact share of the articles (each in the body of that many articles, once). */
export const MARKERS = [
  { word: 'synthmarkrare', share: 0.001 },
  { word: 'synthmarkone', share: 0.01 },
  { word: 'synthmarkten', share: 0.1 },
  { word: 'synthmarkhalf', share: 0.5 },
] as const;

export type Marker = (typeof MARKERS)[number];

/** How many of `articles` carry a marker: its share, rounded, and at least one. */
export function markerCount(marker: Marker, articles: number): number {
  return Math.max(1, Math.round(articles * marker.share));
}

/** A made-up word of 2–3 syllables such as "velkor" or "tasimun". */
export function pseudoWord(rng: Prng): string {
  let word = '';
  const syllables = rng.int(2, 3);
  for (let i = 0; i < syllables; i++) {
    word += rng.pick([...CONSONANTS]) + rng.pick([...VOWELS]);
    if (rng.chance(0.35)) word += rng.pick([...CONSONANTS]);
  }
  return word;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export class Vocabulary {
  readonly words: string[];
  readonly #zipf: Zipf;

  /** The same words in the same order for every seed: rank k is the same word in every dataset. */
  constructor(size = 20_000) {
    const rng = new Prng('dossier-synthetic-vocabulary');
    const seen = new Set<string>(FUNCTION_WORDS);
    const words = [...FUNCTION_WORDS];
    while (words.length < size) {
      const word = pseudoWord(rng);
      if (!seen.has(word)) {
        seen.add(word);
        words.push(word);
      }
    }
    this.words = words;
    this.#zipf = new Zipf(size, 1);
  }

  word(rng: Prng): string {
    return this.words[this.#zipf.next(rng)] as string;
  }

  /** `count` words joined by spaces. */
  phrase(rng: Prng, count: number): string {
    const words: string[] = [];
    for (let i = 0; i < count; i++) words.push(this.word(rng));
    return words.join(' ');
  }

  /** A made-up word that is not a function word, for names and titles. */
  content(rng: Prng): string {
    let word = this.word(rng);
    while (FUNCTION_WORDS.includes(word)) word = this.word(rng);
    return word;
  }
}
