/**
 * The shape of an article and its facts as it is imported. The files in `seeds/` are plain JSON
 * of this shape, so an editor can read and review them; the same schema will check articles that
 * arrive through the API.
 *
 * Offsets are JavaScript string indices (UTF-16 code units) into the article body, which is the
 * source file with its leading ` date YYYY-MM-DD ` header removed. `body.slice(start, end)` must
 * equal `exact` (checked in `spans.ts`). Offsets are always written out, never found by searching.
 */
// A namespace import, so that bundlers keep only what is used (`import { z }` keeps every
// translation of zod's messages: a third of the edge bundle).
import * as z from 'zod';
import {
  ACTOR_KINDS,
  CURRENCY_CODES,
  DATA_QUALITY_FLAGS,
  DATE_PRECISIONS,
  EVIDENCE_ROLES,
  FUNDING_STAGES,
  MEASURE_ACTOR_ROLES,
  MEASURE_STATUSES,
  MEASURE_TYPES,
  PROVENANCES,
  QUOTE_KINDS,
  REVIEW_STATUSES,
  STANCES,
} from '../domain.ts';
import {
  MAX_ACTORS_PER_MEASURE,
  MAX_EVIDENCE_PER_FACT,
  MAX_KEY_LENGTH,
  MAX_SUBHEADINGS,
  MAX_TEXT_LENGTH,
} from './caps.ts';

/**
 * Caps on what is written (caps.ts): lengths, and lists a read prices at their cap (the cost
 * model). The validator refuses an article that would exceed one and the API reads at most this
 * many of each list.
 */
export {
  MAX_ACTORS_PER_MEASURE,
  MAX_BODY_LENGTH,
  MAX_EVIDENCE_PER_FACT,
  MAX_FIGURES_PER_MEASURE,
  MAX_FUNDING_ITEMS_PER_MEASURE,
  MAX_KEY_LENGTH,
  MAX_PARTS_PER_MEASURE,
  MAX_SUBHEADINGS,
  MAX_TEXT_LENGTH,
} from './caps.ts';

/** Control characters other than tab and newline, and lone UTF-16 surrogates. */
export const UNCLEAN_TEXT = /(?![\t\n])[\p{Cc}\p{Cs}]/u;
const clean = (s: string) => !UNCLEAN_TEXT.test(s);
const CLEAN_MESSAGE = 'must not contain control characters (other than tab and newline) or lone surrogates';

/** Natural keys: kebab-case, so they read well inside global IDs and URLs. */
const key = z
  .string()
  .max(MAX_KEY_LENGTH)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case, e.g. "julian-king"');
const text = z.string().trim().min(1, 'must not be empty').max(MAX_TEXT_LENGTH).refine(clean, CLEAN_MESSAGE);
const isoDate = z.iso.date();

export const actorSchema = z.strictObject({
  id: key,
  name: text,
  kind: z.enum(ACTOR_KINDS),
  aliases: z.array(text),
  description: text,
});

export const spanSchema = z.strictObject({
  start: z.int().nonnegative(),
  end: z.int().positive(),
  exact: z.string().min(1).max(MAX_TEXT_LENGTH),
});

export const evidenceSchema = spanSchema.extend({ role: z.enum(EVIDENCE_ROLES) });

/** A date known only to some precision: "within the next 16 months", "early next year". */
export const fuzzyDateSchema = z
  .strictObject({
    earliest: isoDate,
    latest: isoDate,
    precision: z.enum(DATE_PRECISIONS),
    reportedText: text.nullable(), // the article's words, when it has any
    derivation: text.nullable(), // how earliest/latest were worked out from those words
  })
  .refine((d) => d.earliest <= d.latest, { message: 'earliest must not be after latest', path: ['latest'] });

const factFields = {
  id: key,
  reviewStatus: z.enum(REVIEW_STATUSES),
  provenance: z.enum(PROVENANCES),
  evidence: z
    .array(evidenceSchema)
    .min(1, 'every fact needs at least one evidence span')
    .max(MAX_EVIDENCE_PER_FACT, `at most ${MAX_EVIDENCE_PER_FACT} evidence spans per fact`),
};

export const measureSchema = z.strictObject({
  ...factFields,
  title: text,
  summary: text,
  type: z.enum(MEASURE_TYPES),
  status: z.enum(MEASURE_STATUSES),
  proposer: key.nullable(),
  actors: z
    .array(z.strictObject({ actor: key, role: z.enum(MEASURE_ACTOR_ROLES) }))
    .max(MAX_ACTORS_PER_MEASURE, `at most ${MAX_ACTORS_PER_MEASURE} actors per measure`),
  announced: fuzzyDateSchema.nullable(),
  expected: fuzzyDateSchema.nullable(),
  deadline: fuzzyDateSchema.nullable(),
  parent: key.nullable(),
});

export const positionSchema = z.strictObject({
  ...factFields,
  actor: key,
  question: text,
  stance: z.enum(STANCES),
  summary: text,
  stated: fuzzyDateSchema.nullable(),
});

export const fundingItemSchema = z.strictObject({
  ...factFields,
  purpose: text,
  funder: key.nullable(),
  stage: z.enum(FUNDING_STAGES),
  programme: text.nullable(),
  period: fuzzyDateSchema.nullable(),
  reportedText: text,
  approximate: z.boolean(),
  amount: z.string().regex(/^\d+(\.\d+)?$/, 'must be a non-negative decimal such as "18500000.00"'),
  currencyCode: z.enum(CURRENCY_CODES, { error: 'must be a supported ISO 4217 currency code' }),
  qualityFlags: z.array(z.enum(DATA_QUALITY_FLAGS)),
  qualityNote: text.nullable(),
  measure: key.nullable(),
});

export const quoteSchema = z.strictObject({
  ...factFields,
  text: text,
  kind: z.enum(QUOTE_KINDS),
  speaker: key.nullable(),
  speakerAsWritten: text.nullable(),
  roleAsWritten: text.nullable(),
});

export const figureSchema = z.strictObject({
  ...factFields,
  value: z.number().finite(),
  unit: text,
  reportedText: text,
  approximate: z.boolean(),
  subject: text, // what the number measures, in words
  reportedBy: key.nullable(),
  measure: key.nullable(),
});

export const eventSchema = z.strictObject({
  ...factFields,
  name: text,
  place: text.nullable(),
  date: fuzzyDateSchema,
});

/**
 * Articles written before Dossier 0.2.0 name a figure's subject `measures` (beside `measure`, the
 * measure it belongs to); such a file is read as if it said `subject`. Both keys are refused.
 */
function renamedFigureKeys(figure: unknown): unknown {
  if (typeof figure !== 'object' || figure === null || !('measures' in figure) || 'subject' in figure) return figure;
  const { measures, ...rest } = figure as Record<string, unknown>;
  return { ...rest, subject: measures };
}

export const articleSchema = z.strictObject({
  slug: key,
  headline: text,
  headlineProvenance: z.enum(PROVENANCES), // EDITORS when the source has no headline
  publishedOn: isoDate,
  publisher: text.nullable(),
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).nullable(),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, 'must be a BCP 47 language tag such as "en"'),
  topics: z.array(key),
  sourceFile: text.nullable(),
  subheadings: z.array(spanSchema).max(MAX_SUBHEADINGS, `at most ${MAX_SUBHEADINGS} subheadings`),
  mentions: z.array(z.strictObject({ actor: key, nameAsWritten: text, roleAsWritten: text.nullable() })),
  measures: z.array(measureSchema),
  positions: z.array(positionSchema),
  fundingItems: z.array(fundingItemSchema),
  quotes: z.array(quoteSchema),
  figures: z.array(z.preprocess(renamedFigureKeys, figureSchema)),
  events: z.array(eventSchema),
});

export type ActorInput = z.infer<typeof actorSchema>;
export type SpanInput = z.infer<typeof spanSchema>;
export type FuzzyDateInput = z.infer<typeof fuzzyDateSchema>;
export type ArticleInput = z.infer<typeof articleSchema>;
export type MeasureInput = z.infer<typeof measureSchema>;
export type FundingItemInput = z.infer<typeof fundingItemSchema>;
