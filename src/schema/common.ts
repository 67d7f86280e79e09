/** Small value types shared by several object types: fuzzy dates, text spans, evidence. */

import type { evidence } from '../db/schema.ts';
import type { DatePrecision as DatePrecisionValue, ReviewStatus as ReviewStatusValue } from '../domain.ts';
import { builder } from './builder.ts';
import { DatePrecision, EvidenceRole } from './enums.ts';
import { fromRow } from './from-row.ts';

export interface FuzzyDateShape {
  earliest: string;
  latest: string;
  precision: DatePrecisionValue;
  reportedText: string | null;
  derivation: string | null;
}

export const FuzzyDate = builder.objectRef<FuzzyDateShape>('FuzzyDate').implement({
  description:
    'A date known only to some precision ("within the next 16 months"): the earliest and latest days it can be, with the words it was derived from.',
  fields: (t) => ({
    earliest: t.field({
      type: 'Date',
      description: 'The first day the date can be (inclusive).',
      resolve: (d) => d.earliest,
    }),
    latest: t.field({
      type: 'Date',
      description: 'The last day the date can be (inclusive).',
      resolve: (d) => d.latest,
    }),
    precision: t.field({
      type: DatePrecision,
      description: 'How precisely the date is known.',
      resolve: (d) => d.precision,
    }),
    reportedText: t.exposeString('reportedText', {
      nullable: true,
      description: 'The words of the article the date comes from, when it has any.',
    }),
    derivation: t.exposeString('derivation', {
      nullable: true,
      description: 'How the earliest and latest days were worked out from those words.',
    }),
  }),
});

type FuzzyPrefix = 'announced' | 'expected' | 'deadline' | 'stated' | 'period' | 'date';
type FuzzyColumns<P extends FuzzyPrefix> = {
  [K in `${P}${'Earliest' | 'Latest' | 'Text' | 'Derivation'}`]: string | null;
} & { [K in `${P}Precision`]: DatePrecisionValue | null };

/**
 * The five columns of a fuzzy date, as a field selection: types load only the columns a query
 * asks for (`select: {}`), so a field computed from columns names them.
 */
export function fuzzyColumns<P extends FuzzyPrefix>(prefix: P) {
  return {
    columns: Object.fromEntries(
      ['Earliest', 'Latest', 'Precision', 'Text', 'Derivation'].map((suffix) => [`${prefix}${suffix}`, true]),
    ) as { [K in keyof FuzzyColumns<P>]: true },
  };
}

/** Reads the five columns of a fuzzy date (`deadlineEarliest`, …) back into one object. */
export function fuzzyDate<P extends FuzzyPrefix>(row: FuzzyColumns<P>, prefix: P): FuzzyDateShape | null {
  const earliest = row[`${prefix}Earliest`];
  const latest = row[`${prefix}Latest`];
  const precision = row[`${prefix}Precision`];
  if (!earliest || !latest || !precision) return null;
  return {
    earliest,
    latest,
    precision,
    reportedText: row[`${prefix}Text`] ?? null,
    derivation: row[`${prefix}Derivation`] ?? null,
  };
}

export const TextSpan = builder.objectRef<{ start: number; end: number; exact: string }>('TextSpan').implement({
  description: 'A range of an article body, in UTF-16 code units (JavaScript string indices).',
  fields: (t) => ({
    start: t.exposeInt('start', { description: 'Offset of the first code unit.' }),
    end: t.exposeInt('end', { description: 'Offset just past the last code unit.' }),
    exact: t.exposeString('exact', { description: 'The text of the range: body.slice(start, end).' }),
  }),
});

export const Evidence = builder.drizzleObject('evidence', {
  name: 'Evidence',
  description: 'A span of an article that states (part of) a fact, with the sentence around it.',
  // Only the columns a query asks for (each field names what it reads).
  select: {},
  fields: (t) => ({
    article: t.relation('article', { description: 'The article the span is in.' }),
    start: t.exposeInt('start', { description: 'Offset of the span in the article body, in UTF-16 code units.' }),
    end: t.exposeInt('end', { description: 'Offset just past the span, in UTF-16 code units.' }),
    exact: t.exposeString('exact', { description: 'The text of the span: body.slice(start, end).' }),
    sentence: t.exposeString('sentence', { description: 'The whole sentence (or sentences) containing the span.' }),
    sentenceStart: t.exposeInt('sentenceStart', { description: 'Offset of the sentence in the article body.' }),
    sentenceEnd: t.exposeInt('sentenceEnd', { description: 'Offset just past the sentence.' }),
    role: t.field({
      type: EvidenceRole,
      description: 'What part of the fact the span states.',
      select: { columns: { role: true } },
      ...fromRow((e: Pick<typeof evidence.$inferSelect, 'role'>) => e.role),
    }),
  }),
});

/** Evidence of one fact in reading order: by article, then position in the body. */
export const evidenceOrder = { articleId: 'asc', start: 'asc', id: 'asc' } as const;

export type { ReviewStatusValue };
