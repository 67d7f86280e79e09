/** GraphQL enums for the closed vocabularies of `src/domain.ts`, each value described. */
import {
  ACTOR_KINDS,
  CURRENCY_CODES,
  type CurrencyCode as CurrencyCodeValue,
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
import { describedEnum } from './described-enum.ts';

/** Every value of a domain vocabulary, described, in the vocabulary's order. */
function enumOf<const V extends string>(
  name: string,
  description: string,
  values: readonly V[],
  describe: Record<V, string>,
) {
  return describedEnum(name, description, Object.fromEntries(values.map((v) => [v, describe[v]])) as Record<V, string>);
}

export const ActorKind = enumOf('ActorKind', 'What sort of actor this is.', ACTOR_KINDS, {
  PERSON: 'A named person.',
  EU_INSTITUTION: 'An institution of the European Union, or the Union itself.',
  EU_AGENCY: 'An agency of the European Union, such as Europol.',
  NATIONAL_GOVERNMENT: 'The government of one country.',
  NATIONAL_AUTHORITIES: 'National authorities in general, not one named government.',
  NGO: 'A non-governmental organisation.',
  COMPANY: 'A company or the service it operates.',
  NEWS_OUTLET: 'A news outlet.',
  COUNTRY: 'A country as such.',
  UNNAMED_OFFICE: 'An office named by its function, not by its holder.',
  GROUP: 'An unnamed or informal group, such as "some governments".',
});

export const MeasureType = enumOf('MeasureType', 'What kind of policy measure this is.', MEASURE_TYPES, {
  POLICY_PACKAGE: 'A package that groups several measures.',
  LEGISLATION: 'Rules or laws.',
  FUNDING_PROGRAMME: 'Money set aside for a purpose.',
  STAFFING: 'More staff for a body.',
  OPERATIONAL_CAPABILITY: 'A new operational or technical capability.',
  TRAINING: 'A training programme.',
  EXPERT_NETWORK: 'A network of experts.',
  TOOLBOX: 'A set of techniques or tools.',
  INTERNATIONAL_COOPERATION: 'Talks or agreements with other countries.',
  DATA_SHARING: 'Sharing or transferring data.',
  OTHER: 'Any other kind of measure.',
});

export const MeasureStatus = enumOf('MeasureStatus', 'How far a measure has got, as reported.', MEASURE_STATUSES, {
  ANNOUNCED: 'Announced, with no formal proposal reported.',
  PROPOSED: 'Formally proposed.',
  PLANNED: 'Intended or being prepared, not yet proposed.',
  ADOPTED: 'Adopted.',
  IN_FORCE: 'In force or being carried out.',
  WITHDRAWN: 'Withdrawn or abandoned.',
});

export const MeasureActorRole = enumOf(
  'MeasureActorRole',
  'How an actor other than the proposer is involved in a measure.',
  MEASURE_ACTOR_ROLES,
  {
    TARGET: 'The measure is aimed at this actor.',
    INVOLVED: 'The actor takes part, e.g. as the other side of talks.',
    IMPLEMENTER: 'The actor is asked to carry the measure out.',
    BENEFICIARY: 'The actor benefits from the measure.',
  },
);

export const Stance = enumOf('Stance', "An actor's stance on a policy question.", STANCES, {
  DEMANDS: 'Demands or calls for it.',
  SUPPORTS: 'Supports it.',
  OPPOSES: 'Opposes it.',
  QUESTIONS: 'Doubts or questions it.',
});

export const FundingStage = enumOf('FundingStage', 'How firm reported money is.', FUNDING_STAGES, {
  ANNOUNCED: 'Announced.',
  PLEDGED: 'Pledged.',
  COMMITTED: 'Legally committed.',
  DISBURSED: 'Paid out.',
});

export const DataQualityFlag = enumOf(
  'DataQualityFlag',
  'A known problem with a reported value; the value is kept as reported.',
  DATA_QUALITY_FLAGS,
  {
    SUSPECTED_TYPO: 'The reported value is probably a typo in the source.',
    IMPLAUSIBLE_AMOUNT: 'The amount is implausible for what it funds.',
    AMBIGUOUS_PERIOD: 'The period the money covers is unclear.',
    AMBIGUOUS_CURRENCY: 'The currency is unclear.',
  },
);

export const QuoteKind = enumOf('QuoteKind', 'How much of what was said a quote gives.', QUOTE_KINDS, {
  FULL_SENTENCE: 'One or more whole sentences.',
  PARTIAL: 'A fragment of a sentence.',
});

export const DatePrecision = enumOf('DatePrecision', 'How precisely a date is known.', DATE_PRECISIONS, {
  DAY: 'Known to the day.',
  MONTH: 'Known to the month.',
  QUARTER: 'Known to the quarter.',
  YEAR: 'Known to the year.',
  RANGE: 'Known only to lie between two dates.',
});

export const EvidenceRole = enumOf('EvidenceRole', 'What part of a fact a span of text states.', EVIDENCE_ROLES, {
  MAIN_STATEMENT: 'The words that state the fact.',
  ATTRIBUTION: 'Who said or reported it.',
  AMOUNT: 'The amount of money.',
  DATE: 'When it happened or applies.',
  DEADLINE: 'The deadline.',
  EXPECTED_DATE: 'When it is expected.',
  ACTOR: 'An actor involved.',
  SUBJECT: 'What the fact is about: the thing demanded, opposed or supported.',
  CONTEXT: 'Context needed to read the fact.',
});

export const ReviewStatus = enumOf('ReviewStatus', 'Where a fact stands in editorial review.', REVIEW_STATUSES, {
  UNREVIEWED: 'Not yet reviewed by an editor.',
  CONFIRMED: 'Checked by an editor against the source.',
  CORRECTED: 'Corrected by an editor.',
  REJECTED: 'Rejected by an editor.',
});

export const Provenance = enumOf('Provenance', 'Where a fact or a piece of metadata comes from.', PROVENANCES, {
  SOURCE_TEXT: 'Stated in the text of the article.',
  EDITORS: 'Supplied by Dossier editors, not by the source.',
});

export const CurrencyCode = enumOf(
  'CurrencyCode',
  'An ISO 4217 currency code.',
  CURRENCY_CODES,
  Object.fromEntries(CURRENCY_CODES.map((code) => [code, `ISO 4217 ${code}.`])) as Record<CurrencyCodeValue, string>,
);
