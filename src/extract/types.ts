/**
 * What the extractor takes and what it proposes. The proposals' field names are the contract of
 * `npm run ingest -- --dry-run --json` (README, "Automatic extraction"); extra fields are allowed,
 * renaming one is a breaking change.
 */
import type {
  ActorKind,
  CurrencyCode,
  DataQualityFlag,
  DatePrecision,
  EvidenceRole,
  QuoteKind,
  Stance,
} from '../domain.ts';

/** Bumped whenever a rule changes what is proposed, so stored drafts say which rules made them. */
export const EXTRACTOR_VERSION = 'dossier-extract/1.2.0';

/** UTF-16 offsets into the body, end exclusive (`body.slice(start, end)`). */
export interface Span {
  start: number;
  end: number;
}

export interface Evidence extends Span {
  role: EvidenceRole;
  exact: string;
}

/** An actor Dossier already knows (from the actors and actor_aliases tables). */
export interface KnownActor {
  id: string;
  name: string;
  kind: ActorKind;
  aliases: string[];
}

export interface ExtractInput {
  body: string;
  /** YYYY-MM-DD: relative dates ("last year", "on Tuesday") are resolved against it. */
  publishedOn: string;
  actors: KnownActor[];
}

interface Proposal extends Span {
  /** How sure the rules are, in [0, 1]; editors sort the review queue by it. */
  confidence: number;
  extractorVersion: string;
  evidence: Evidence[];
}

export interface QuoteProposal extends Proposal {
  text: string;
  /** The speaker as Dossier stores actors (the known actor's name, or a proposed new name). */
  speaker: string | null;
  speakerId: string | null;
  speakerAsWritten: string | null;
  kind: QuoteKind;
  /** One span per quoted part (two for "…," he said. "…"); start/end repeat the first. */
  spans: Span[];
}

export interface AmountProposal extends Proposal {
  reportedText: string;
  /** Exact decimal with the currency's minor units ("18500000.00"); a range gives its lower end. */
  amount: string;
  /** The upper end of a range ("€20-25 million"), else null. */
  amountMax: string | null;
  currencyCode: CurrencyCode;
  approximate: boolean;
  qualityFlags: DataQualityFlag[];
  qualityNote: string | null;
}

export interface FigureProposal extends Proposal {
  reportedText: string;
  value: number;
  unit: string;
  /** What the figure measures, in the sentence's words from the figure on (the unit is `unit`). */
  subject: string;
  approximate: boolean;
  reportedBy: string | null;
  reportedById: string | null;
}

export interface DateProposal extends Proposal {
  reportedText: string;
  earliest: string;
  latest: string;
  precision: DatePrecision;
  derivation: string;
}

export interface PositionProposal extends Proposal {
  actor: string;
  actorId: string | null;
  /** The words the stance is about, as written ("a ban on unbreakable encryption"). */
  question: string;
  stance: Stance;
}

export interface ActorProposal extends Span {
  name: string;
  id: string | null;
  kind: ActorKind;
  isNew: boolean;
  /** How many times the body names this actor (the first mention is start/end). */
  mentions: number;
  confidence: number;
  extractorVersion: string;
}

export interface Extraction {
  extractorVersion: string;
  quotes: QuoteProposal[];
  amounts: AmountProposal[];
  figures: FigureProposal[];
  dates: DateProposal[];
  positions: PositionProposal[];
  actors: ActorProposal[];
}
