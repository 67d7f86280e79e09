/**
 * `measureUpdate`, `positionUpdate`, `fundingItemUpdate`, `quoteUpdate`, `figureUpdate`,
 * `eventUpdate`: partial corrections of one fact's editable fields. A field left out stays as it
 * is; `null` clears a nullable one. References to actors and measures are global IDs. The fact
 * becomes CORRECTED; its evidence and provenance stay; history keeps the previous values.
 */
import { requireRole, writableDb } from '../../auth/verify.ts';
import { FACT_TYPES, type FactType } from '../../ingest/facts.ts';
import { builder } from '../builder.ts';
import {
  CurrencyCode,
  DataQualityFlag,
  DatePrecision,
  FundingStage,
  MeasureActorRole,
  MeasureStatus,
  MeasureType,
  QuoteKind,
  Stance,
} from '../enums.ts';
import { EventNode } from '../event.ts';
import { Figure } from '../figure.ts';
import { FundingItem } from '../funding.ts';
import { Measure } from '../measure.ts';
import { Position } from '../position.ts';
import { Quote } from '../quote.ts';
import { factRef, isUserError, keyOfType } from './fact-ref.ts';
import { writePath } from './lazy.ts';
import { loadNode } from './load-node.ts';
import { type UserErrorShape, userErrorsField, userErrorsOf } from './user-errors.ts';

const FuzzyDateInput = builder.inputType('FuzzyDateInput', {
  description: 'A date known to some precision, with the words it came from.',
  fields: (t) => ({
    earliest: t.field({ type: 'Date', required: true, description: 'The first day it can be.' }),
    latest: t.field({ type: 'Date', required: true, description: 'The last day it can be.' }),
    precision: t.field({ type: DatePrecision, required: true, description: 'How precisely it is known.' }),
    reportedText: t.string({ description: 'The article’s words, when it has any.' }),
    derivation: t.string({ description: 'How earliest and latest were worked out.' }),
  }),
});

const MeasureActorInput = builder.inputType('MeasureActorInput', {
  description: 'An actor a measure targets or involves.',
  fields: (t) => ({
    actor: t.id({ required: true, description: 'The actor’s global ID.' }),
    role: t.field({ type: MeasureActorRole, required: true, description: 'How it is involved.' }),
  }),
});

type Kind =
  | 'string'
  | 'boolean'
  | 'float'
  | 'decimal'
  | 'actor'
  | 'measure'
  | 'fuzzy'
  | 'flags'
  | 'measureActors'
  | { enum: unknown };

interface Spec {
  type: FactType['type'];
  payloadField: string;
  node: unknown;
  fields: Record<string, [Kind, string]>;
  /** Input fields kept, deprecated, under an old name: old name → the field it now sets. */
  renamed?: Record<string, string>;
}

const SPECS: Spec[] = [
  {
    type: 'Measure',
    payloadField: 'measure',
    node: Measure,
    fields: {
      title: ['string', 'Its title.'],
      summary: ['string', 'What it is, in a sentence or two.'],
      type: [{ enum: MeasureType }, 'What kind of measure.'],
      status: [{ enum: MeasureStatus }, 'How far it has got.'],
      proposer: ['actor', 'Who proposes it (an actor’s global ID), or null.'],
      actors: ['measureActors', 'The actors it targets or involves (replaces the list).'],
      announced: ['fuzzy', 'When it was announced.'],
      expected: ['fuzzy', 'When it is expected.'],
      deadline: ['fuzzy', 'Its deadline.'],
      parent: ['measure', 'The package it is part of (a measure’s global ID), or null.'],
    },
  },
  {
    type: 'Position',
    payloadField: 'position',
    node: Position,
    fields: {
      actor: ['actor', 'Whose position (an actor’s global ID).'],
      question: ['string', 'The policy question.'],
      stance: [{ enum: Stance }, 'The stance taken.'],
      summary: ['string', 'The position in a sentence.'],
      stated: ['fuzzy', 'When it was stated.'],
    },
  },
  {
    type: 'FundingItem',
    payloadField: 'fundingItem',
    node: FundingItem,
    fields: {
      purpose: ['string', 'What is funded.'],
      funder: ['actor', 'Who funds it (an actor’s global ID), or null.'],
      stage: [{ enum: FundingStage }, 'How firm the money is.'],
      programme: ['string', 'The programme, or null.'],
      period: ['fuzzy', 'The period, or null.'],
      reportedText: ['string', 'The amount as the article writes it.'],
      approximate: ['boolean', 'Whether the article hedges the amount.'],
      amount: ['decimal', 'The normalised amount, e.g. "18500000.00".'],
      currencyCode: [{ enum: CurrencyCode }, 'Its currency.'],
      qualityFlags: ['flags', 'Data-quality flags (replaces the list).'],
      qualityNote: ['string', 'Why the flags, or null.'],
      measure: ['measure', 'The measure it funds (a global ID), or null.'],
    },
  },
  {
    type: 'Quote',
    payloadField: 'quote',
    node: Quote,
    fields: {
      text: ['string', 'What was said, verbatim.'],
      kind: [{ enum: QuoteKind }, 'Whole sentence or fragment.'],
      speaker: ['actor', 'Who said it (an actor’s global ID), or null.'],
      speakerAsWritten: ['string', 'The words naming the speaker.'],
      roleAsWritten: ['string', 'The speaker’s role as written.'],
    },
  },
  {
    type: 'Figure',
    payloadField: 'figure',
    node: Figure,
    fields: {
      value: ['float', 'The number.'],
      unit: ['string', 'What it counts in.'],
      reportedText: ['string', 'The number as the article writes it.'],
      approximate: ['boolean', 'Whether the article hedges it.'],
      subject: ['string', 'What the number measures, in words.'],
      reportedBy: ['actor', 'Who reported it (an actor’s global ID), or null.'],
      measure: ['measure', 'The measure it belongs to (a global ID), or null.'],
    },
    // Its old name, beside `measure` (the measure it belongs to); removed on 2027-06-01.
    renamed: { measures: 'subject' },
  },
  {
    type: 'Event',
    payloadField: 'event',
    node: EventNode,
    fields: {
      name: ['string', 'Its name.'],
      place: ['string', 'Where, or null.'],
      date: ['fuzzy', 'When.'],
    },
  },
];

for (const spec of SPECS) defineUpdate(spec);

function defineUpdate(spec: Spec) {
  const factType = FACT_TYPES.find((f) => f.type === spec.type) as FactType;
  const Input = builder.inputType(`${spec.type}UpdateInput`, {
    description: `The fields of a ${spec.type} to correct; those left out stay as they are.`,
    fields: (t) => {
      const fields: Record<string, unknown> = {
        id: t.id({ required: true, description: `The ${spec.type}’s global ID.` }),
        note: t.string({ description: 'Why, for history.' }),
      };
      for (const [name, [kind, description]] of Object.entries(spec.fields)) {
        const options = { description };
        if (kind === 'string') fields[name] = t.string(options);
        else if (kind === 'boolean') fields[name] = t.boolean(options);
        else if (kind === 'float') fields[name] = t.float(options);
        else if (kind === 'decimal') fields[name] = t.field({ type: 'Decimal', ...options });
        else if (kind === 'actor' || kind === 'measure') fields[name] = t.id(options);
        else if (kind === 'fuzzy') fields[name] = t.field({ type: FuzzyDateInput, ...options });
        else if (kind === 'flags') fields[name] = t.field({ type: [DataQualityFlag], ...options });
        else if (kind === 'measureActors') fields[name] = t.field({ type: [MeasureActorInput], ...options });
        else fields[name] = t.field({ type: (kind as { enum: never }).enum, ...options });
      }
      for (const [old, to] of Object.entries(spec.renamed ?? {})) {
        const [, description] = spec.fields[to] as [Kind, string];
        fields[old] = t.string({ description, deprecationReason: `Use \`${to}\`; removed on 2027-06-01.` });
      }
      return fields as never;
    },
  });
  const Payload = builder
    .objectRef<{ key: string | null; userErrors: UserErrorShape[] }>(`${spec.type}UpdatePayload`)
    .implement({
      description: `The result of \`${spec.payloadField}Update\`.`,
      fields: (t) => ({
        [spec.payloadField]: t.field({
          type: spec.node as typeof Measure,
          nullable: true,
          description: `The ${spec.type} as stored after the correction.`,
          resolve: (p, _args, ctx, info) => (p.key ? loadNode(ctx, info, spec.type, p.key) : null),
        }),
        userErrors: t.field(userErrorsField()),
      }),
    });
  builder.mutationField(`${spec.payloadField}Update`, (t) =>
    t.field({
      type: Payload,
      description: `Corrects some fields of one ${spec.type}; it becomes CORRECTED (editors and admins).`,
      args: { input: t.arg({ type: Input, required: true, description: 'The fact and its corrected fields.' }) },
      resolve: async (_root, { input }, ctx) => {
        const editor = requireRole(ctx.editor, 'EDITOR');
        const db = writableDb(ctx);
        const raw = input as Record<string, unknown>;
        for (const [old, to] of Object.entries(spec.renamed ?? {})) {
          if (raw[old] === undefined) continue;
          if (raw[to] !== undefined) {
            const message = `Give \`${to}\` only: \`${old}\` is its deprecated name.`;
            return { key: null, userErrors: [{ field: ['input', old], code: 'INVALID', message }] };
          }
          raw[to] = raw[old];
        }
        const ref = factRef(raw.id as string, ['input', 'id'], spec.type);
        if (isUserError(ref)) return { key: null, userErrors: [ref] };
        const patch: Record<string, unknown> = {};
        const errors: UserErrorShape[] = [];
        for (const [name, [kind]] of Object.entries(spec.fields)) {
          if (raw[name] === undefined) continue;
          patch[name] = refValue(kind, raw[name], name, errors);
        }
        if (errors.length) return { key: null, userErrors: errors };
        const result = await (await writePath()).updateFact(db, { type: factType, id: ref.id }, patch, {
          editor: editor.name,
          operation: `${spec.payloadField}Update`,
          note: (raw.note as string | null | undefined)?.trim() || null,
        });
        if (result.problems.length) return { key: null, userErrors: userErrorsOf(result.problems) };
        return { key: ref.id, userErrors: [] };
      },
    }),
  );
}

/** Global IDs of actors and measures become natural keys; fuzzy dates get their nulls. */
function refValue(kind: Kind, value: unknown, name: string, errors: UserErrorShape[]): unknown {
  if (value === null) return null;
  const key = (globalId: unknown, typename: string, field: string[]) => {
    const found = keyOfType(globalId, typename);
    if (found !== null) return found;
    errors.push({ field, code: 'INVALID', message: `This is not the global ID of a ${typename}.` });
    return null;
  };
  if (kind === 'actor') return key(value, 'Actor', ['input', name]);
  if (kind === 'measure') return key(value, 'Measure', ['input', name]);
  if (kind === 'measureActors') {
    return (value as { actor: string; role: string }[]).map((a, i) => ({
      actor: key(a.actor, 'Actor', ['input', name, String(i), 'actor']),
      role: a.role,
    }));
  }
  if (kind === 'fuzzy') {
    const d = value as Record<string, unknown>;
    return { ...d, reportedText: d.reportedText ?? null, derivation: d.derivation ?? null };
  }
  return value;
}
