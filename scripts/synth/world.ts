/**
 * Everything the articles of one dataset share: its PRNG, vocabulary, actors, the questions
 * actors take positions on, topics, publishers, the events articles recall, the measures a later
 * article may report again, which articles carry each marker word, and the running IDs of
 * reports and evidence. Articles are generated in order from it, so a seed fixes the dataset.
 */
import { ActorPool } from './actors.ts';
import { type FuzzyDate, pastEvent } from './dates.ts';
import { Prng, Zipf } from './prng.ts';
import type { Rows } from './rows.ts';
import { capitalize, MARKERS, type Marker, markerCount, Vocabulary } from './vocabulary.ts';

export const ACTOR_COUNT = 400;

export interface SyntheticEvent {
  id: string;
  name: string;
  place: string;
  noun: string;
  date: FuzzyDate;
}

/** A popular choice among fixed items, by Zipf-like rank. */
class Popular<T> {
  readonly #zipf: Zipf;
  constructor(readonly items: T[]) {
    this.#zipf = new Zipf(items.length, 1);
  }
  pick(rng: Prng): T {
    return this.items[this.#zipf.next(rng)] as T;
  }
}

const EVENT_NOUNS = ['bombings', 'attack', 'cyber-attack', 'data breach', 'shootings', 'summit', 'floods'];

export class SyntheticWorld {
  readonly rng: Prng;
  readonly words = new Vocabulary();
  readonly actors: ActorPool;
  readonly questions: Popular<string>;
  readonly topics: Popular<string>;
  readonly publishers: string[];
  readonly markers: { marker: Marker; articles: Set<number> }[];
  readonly #eventSlots: Popular<number>;
  readonly #events = new Map<number, SyntheticEvent>();
  /** Measures of recent articles, which a later article may report again. */
  readonly recentMeasures: { id: string; title: string }[] = [];
  nextReportId = 1;
  nextEvidenceId = 1;

  constructor(
    seed: string | number,
    readonly articleCount: number,
  ) {
    this.rng = new Prng(seed);
    this.actors = new ActorPool(this.rng, ACTOR_COUNT);
    const content = (n: number) => Array.from({ length: n }, () => this.words.content(this.rng)).join(' ');
    this.questions = new Popular(Array.from({ length: 300 }, () => content(this.rng.int(2, 4))));
    this.topics = new Popular([
      ...new Set(Array.from({ length: 60 }, () => `synthetic-${this.words.content(this.rng)}`)),
    ]);
    this.publishers = Array.from(
      { length: 12 },
      () => `The Synthetic ${capitalize(this.words.content(this.rng))} Post`,
    );
    this.#eventSlots = new Popular(Array.from({ length: Math.max(20, Math.ceil(articleCount / 40)) }, (_, i) => i));
    // Each marker has its own PRNG stream, so its articles do not depend on anything else drawn.
    this.markers = MARKERS.map((marker) => ({
      marker,
      articles: new Prng(`${seed}:${marker.word}`).sample(articleCount, markerCount(marker, articleCount)),
    }));
  }

  /** An event to recall, and whether this is the first article to recall it (it needs a row). */
  event(): { event: SyntheticEvent; isNew: boolean } {
    const slot = this.#eventSlots.pick(this.rng);
    const known = this.#events.get(slot);
    if (known) return { event: known, isNew: false };
    const date = pastEvent(this.rng);
    const place = capitalize(this.words.content(this.rng));
    const noun = this.rng.pick(EVENT_NOUNS);
    const event = {
      id: `synthetic-event-${String(slot + 1).padStart(5, '0')}`,
      name: `${date.text} ${place} ${noun}`,
      place,
      noun,
      date,
    };
    this.#events.set(slot, event);
    return { event, isNew: true };
  }

  /** Remembers an article's measures for later articles (the last thousand). */
  remember(rows: Rows): void {
    for (const m of rows.measures) this.recentMeasures.push({ id: m.id, title: m.title });
    if (this.recentMeasures.length > 1000) this.recentMeasures.splice(0, this.recentMeasures.length - 1000);
  }

  /** The marker words article `n` carries. */
  markersOf(n: number): string[] {
    return this.markers.filter((m) => m.articles.has(n)).map((m) => m.marker.word);
  }
}
