/**
 * One article while it is being written: its body, the rows of its facts, and for each fact the
 * report that links it to the article and the spans of the body that state it.
 */
import type { EvidenceRole, Provenance, ReviewStatus } from '../../src/domain.ts';
import type { SyntheticActor } from './actors.ts';
import { BodyBuilder, type Span } from './body.ts';
import { type Prng, weighted } from './prng.ts';
import { emptyRows, type Rows } from './rows.ts';
import type { SyntheticWorld } from './world.ts';

export type FactColumn = 'measureId' | 'positionId' | 'fundingItemId' | 'quoteId' | 'figureId' | 'eventId';

const REVIEW_STATUS = weighted<ReviewStatus>([
  ['UNREVIEWED', 80],
  ['CONFIRMED', 15],
  ['CORRECTED', 3],
  ['REJECTED', 2],
]);
const PROVENANCE = weighted<Provenance>([
  ['SOURCE_TEXT', 95],
  ['EDITORS', 5],
]);

export class ArticleDraft {
  readonly body = new BodyBuilder();
  readonly rows: Rows = emptyRows();
  readonly spans: { column: FactColumn; factId: string; span: Span; role: EvidenceRole }[] = [];
  readonly reports: { column: FactColumn; factId: string }[] = [];
  readonly mentions = new Map<string, { nameAsWritten: string; roleAsWritten: string | null }>();
  /** The IDs of this article's measures, decided up front so funding and figures can link to them. */
  measureIds: string[] = [];

  constructor(
    readonly world: SyntheticWorld,
    readonly id: string,
    readonly published: string,
  ) {}

  get rng(): Prng {
    return this.world.rng;
  }

  /** Review columns for a new fact. */
  review(): { reviewStatus: ReviewStatus; provenance: Provenance } {
    return { reviewStatus: REVIEW_STATUS(this.rng), provenance: PROVENANCE(this.rng) };
  }

  /** This article reports `factId`; returns how to add the spans that state it. */
  fact(column: FactColumn, factId: string): (span: Span, role: EvidenceRole) => void {
    this.reports.push({ column, factId });
    return (span, role) => this.spans.push({ column, factId, span, role });
  }

  /** Names `actor` as the article first writes them (one mention per actor). */
  mention(actor: SyntheticActor, nameAsWritten: string, roleAsWritten: string | null = null): void {
    if (!this.mentions.has(actor.id)) this.mentions.set(actor.id, { nameAsWritten, roleAsWritten });
  }

  /** An actor's name for this article, recorded as a mention; capitalised at a sentence start. */
  name(actor: SyntheticActor, atSentenceStart: boolean): string {
    const written = this.world.actors.asWritten(this.rng, actor);
    const name = atSentenceStart ? written.charAt(0).toUpperCase() + written.slice(1) : written;
    this.mention(actor, name);
    return name;
  }

  /** Between `min` and `max` words of the vocabulary. */
  phrase(min: number, max: number): string {
    return this.world.words.phrase(this.rng, this.rng.int(min, max));
  }
}
