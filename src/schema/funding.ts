/** FundingItem: money a story reports, as reported and normalised, with data-quality flags. */

import type { fundingItems } from '../db/schema.ts';
import type { CurrencyCode as CurrencyValue } from '../domain.ts';
import { MAX_EVIDENCE_PER_FACT } from '../ingest/caps.ts';
import { minorToDecimal } from '../money.ts';
import { builder } from './builder.ts';
import { evidenceOrder, FuzzyDate, fuzzyColumns, fuzzyDate } from './common.ts';
import { CurrencyCode, DataQualityFlag, FundingStage } from './enums.ts';
import { Fact, factColumns, factSelection } from './fact.ts';
import { fromRow, KEYED_BY_ID } from './from-row.ts';
import { historyField } from './history.ts';
import { capped } from './pricing.ts';

interface ReportedMoneyShape {
  reportedText: string;
  approximate: boolean;
  amount: string;
  currencyCode: CurrencyValue;
}

const ReportedMoney = builder.objectRef<ReportedMoneyShape>('ReportedMoney').implement({
  description: 'An amount of money as a story reports it, and normalised to an exact decimal and currency.',
  fields: (t) => ({
    reportedText: t.exposeString('reportedText', {
      description: 'The amount exactly as written, e.g. "€18.5 million".',
    }),
    approximate: t.exposeBoolean('approximate', { description: 'Whether the story hedges it ("some €18.5 million").' }),
    amount: t.field({
      type: 'Decimal',
      description: 'The normalised amount, e.g. "18500000.00".',
      ...fromRow((m: ReportedMoneyShape) => m.amount),
    }),
    currencyCode: t.field({
      type: CurrencyCode,
      description: 'The currency.',
      ...fromRow((m: ReportedMoneyShape) => m.currencyCode),
    }),
  }),
});

type FundingRow = typeof fundingItems.$inferSelect;

function reportedMoneyOf(
  f: Pick<FundingRow, 'reportedText' | 'approximate' | 'amountMinor' | 'currencyCode'>,
): ReportedMoneyShape {
  const currencyCode = f.currencyCode;
  return {
    reportedText: f.reportedText,
    approximate: f.approximate,
    amount: minorToDecimal(f.amountMinor, currencyCode),
    currencyCode,
  };
}

export const FundingItem = builder.drizzleNode('fundingItems', {
  name: 'FundingItem',
  description: 'Money a story reports for a purpose, as reported and normalised.',
  interfaces: [Fact],
  id: KEYED_BY_ID,
  select: factSelection,
  fields: (t) => ({
    reviewStatus: t.field(factColumns.reviewStatus),
    provenance: t.field(factColumns.provenance),
    history: historyField(t, 'FundingItem', 'funding item'),
    key: t.exposeString('id', { description: 'The stable, human-readable key of the funding item.' }),
    purpose: t.exposeString('purpose', { description: 'What the money is for.' }),
    amount: t.field({
      type: ReportedMoney,
      description: 'The amount, as reported and normalised. Flagged amounts are kept exactly as reported.',
      select: { columns: { reportedText: true, approximate: true, amountMinor: true, currencyCode: true } },
      ...fromRow(reportedMoneyOf),
    }),
    funder: t.relation('funder', { nullable: true, description: 'Who provides the money, when the story says.' }),
    stage: t.field({
      type: FundingStage,
      description: 'How firm the money is.',
      select: { columns: { stage: true } },
      ...fromRow((row: Pick<FundingRow, 'stage'>) => row.stage),
    }),
    programme: t.exposeString('programme', { nullable: true, description: 'The programme or fund it comes from.' }),
    period: t.field({
      type: FuzzyDate,
      nullable: true,
      description: 'The period the money covers ("until the end of year").',
      select: fuzzyColumns('period'),
      resolve: (f) => fuzzyDate(f, 'period'),
    }),
    qualityFlags: t.field({
      type: [DataQualityFlag],
      description: 'Known problems with the reported value; empty when none.',
      select: { with: { flags: { columns: { flag: true }, orderBy: { flag: 'asc' } } } },
      resolve: (f) => f.flags.map((row) => row.flag),
    }),
    qualityNote: t.exposeString('qualityNote', { nullable: true, description: 'Why the value is flagged.' }),
    measure: t.relation('measure', { nullable: true, description: 'The measure the money is for.' }),
    evidence: t.relation('evidence', {
      description: `The spans that report it, in reading order (at most ${MAX_EVIDENCE_PER_FACT}).`,
      query: { orderBy: evidenceOrder, limit: MAX_EVIDENCE_PER_FACT },
      ...capped(MAX_EVIDENCE_PER_FACT),
    }),
  }),
});
