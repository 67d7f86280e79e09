/**
 * The closed vocabularies of the data model. The database CHECK constraints, the GraphQL enums
 * and the seed validator are all built from these lists, so they cannot drift apart.
 */

export const ACTOR_KINDS = [
  'PERSON',
  'EU_INSTITUTION',
  'EU_AGENCY',
  'NATIONAL_GOVERNMENT',
  'NATIONAL_AUTHORITIES',
  'NGO',
  'COMPANY',
  'NEWS_OUTLET',
  'COUNTRY',
  'UNNAMED_OFFICE',
  'GROUP',
] as const;

export const MEASURE_TYPES = [
  'POLICY_PACKAGE',
  'LEGISLATION',
  'FUNDING_PROGRAMME',
  'STAFFING',
  'OPERATIONAL_CAPABILITY',
  'TRAINING',
  'EXPERT_NETWORK',
  'TOOLBOX',
  'INTERNATIONAL_COOPERATION',
  'DATA_SHARING',
  'OTHER',
] as const;

export const MEASURE_STATUSES = ['ANNOUNCED', 'PROPOSED', 'PLANNED', 'ADOPTED', 'IN_FORCE', 'WITHDRAWN'] as const;

export const MEASURE_ACTOR_ROLES = ['TARGET', 'INVOLVED', 'IMPLEMENTER', 'BENEFICIARY'] as const;

export const STANCES = ['DEMANDS', 'SUPPORTS', 'OPPOSES', 'QUESTIONS'] as const;

export const FUNDING_STAGES = ['ANNOUNCED', 'PLEDGED', 'COMMITTED', 'DISBURSED'] as const;

export const DATA_QUALITY_FLAGS = [
  'SUSPECTED_TYPO',
  'IMPLAUSIBLE_AMOUNT',
  'AMBIGUOUS_PERIOD',
  'AMBIGUOUS_CURRENCY',
] as const;

export const QUOTE_KINDS = ['FULL_SENTENCE', 'PARTIAL'] as const;

export const DATE_PRECISIONS = ['DAY', 'MONTH', 'QUARTER', 'YEAR', 'RANGE'] as const;

export const EVIDENCE_ROLES = [
  'MAIN_STATEMENT',
  'ATTRIBUTION',
  'AMOUNT',
  'DATE',
  'DEADLINE',
  'EXPECTED_DATE',
  'ACTOR',
  'SUBJECT',
  'CONTEXT',
] as const;

export const REVIEW_STATUSES = ['UNREVIEWED', 'CONFIRMED', 'CORRECTED', 'REJECTED'] as const;

/** Where a fact or a piece of metadata comes from: the article's own text, or the editors. */
export const PROVENANCES = ['SOURCE_TEXT', 'EDITORS'] as const;

/** ISO 4217 codes with the number of minor units each uses (amounts are stored in minor units). */
export const CURRENCY_MINOR_UNITS = {
  EUR: 2,
  USD: 2,
  GBP: 2,
  CHF: 2,
  SEK: 2,
  DKK: 2,
  PLN: 2,
  CZK: 2,
  HUF: 2,
  RON: 2,
  BGN: 2,
  NOK: 2,
  TRY: 2,
  EGP: 2,
  JPY: 0,
} as const;

/** The codes of CURRENCY_MINOR_UNITS as a list, in the same order (for enums and CHECKs). */
export const CURRENCY_CODES = Object.keys(CURRENCY_MINOR_UNITS) as [CurrencyCode, ...CurrencyCode[]];

/** What a write did to one object, as its history records it. */
export const HISTORY_CHANGES = ['CREATED', 'UPDATED', 'REMOVED', 'REVIEWED', 'MERGED', 'PURGED'] as const;

/** What an API key may do: editors write data, admins also delete articles and manage keys. */
export const API_KEY_ROLES = ['EDITOR', 'ADMIN'] as const;

export type ActorKind = (typeof ACTOR_KINDS)[number];
export type MeasureType = (typeof MEASURE_TYPES)[number];
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];
export type MeasureActorRole = (typeof MEASURE_ACTOR_ROLES)[number];
export type Stance = (typeof STANCES)[number];
export type FundingStage = (typeof FUNDING_STAGES)[number];
export type DataQualityFlag = (typeof DATA_QUALITY_FLAGS)[number];
export type QuoteKind = (typeof QUOTE_KINDS)[number];
export type DatePrecision = (typeof DATE_PRECISIONS)[number];
export type EvidenceRole = (typeof EVIDENCE_ROLES)[number];
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export type Provenance = (typeof PROVENANCES)[number];
export type CurrencyCode = keyof typeof CURRENCY_MINOR_UNITS;
export type HistoryChange = (typeof HISTORY_CHANGES)[number];
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];
