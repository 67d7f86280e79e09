/**
 * The six fact types as the write path sees them: where each lives in an imported article, its
 * table, the column that links its reports and evidence to it, and how a fact in the import
 * format becomes a row and back. Reading back gives exactly the validated (canonical) shape, so
 * a stored fact and an imported one compare with `sameValue`.
 */
import type { InferSelectModel } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as t from '../db/schema.ts';
import { decimalToMinor, minorToDecimal } from '../money.ts';
import type { ArticleInput, FuzzyDateInput } from './format.ts';

export type FactList = 'measures' | 'positions' | 'fundingItems' | 'quotes' | 'figures' | 'events';
export type FactInput = ArticleInput[FactList][number];
export type FactColumn = 'measureId' | 'positionId' | 'fundingItemId' | 'quoteId' | 'figureId' | 'eventId';
export type EvidenceInput = FactInput['evidence'][number];

/** A fact's editable fields with its review columns: everything but its evidence. */
export type FactFields = FactInput extends infer F ? (F extends unknown ? Omit<F, 'evidence'> : never) : never;

export interface FactType {
  /** The GraphQL type name, also the subject type in history. */
  type: 'Measure' | 'Position' | 'FundingItem' | 'Quote' | 'Figure' | 'Event';
  list: FactList;
  column: FactColumn;
  table: SQLiteTable & { id: unknown };
}

export const FACT_TYPES: readonly FactType[] = [
  { type: 'Measure', list: 'measures', column: 'measureId', table: t.measures },
  { type: 'Position', list: 'positions', column: 'positionId', table: t.positions },
  { type: 'FundingItem', list: 'fundingItems', column: 'fundingItemId', table: t.fundingItems },
  { type: 'Quote', list: 'quotes', column: 'quoteId', table: t.quotes },
  { type: 'Figure', list: 'figures', column: 'figureId', table: t.figures },
  { type: 'Event', list: 'events', column: 'eventId', table: t.events },
];

export function factType(list: FactList): FactType {
  return FACT_TYPES.find((f) => f.list === list) as FactType;
}

/** Deep equality of plain JSON values (key order ignored). */
export function sameValue(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}

/** The top-level fields whose values differ, in a stable order. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => !sameValue(before[k], after[k])).sort();
}

// ——— rows → import format ———

type Row<T extends SQLiteTable> = InferSelectModel<T>;

function fuzzyOf(row: Record<string, unknown>, prefix: string): FuzzyDateInput | null {
  if (row[`${prefix}Earliest`] == null) return null;
  return {
    earliest: row[`${prefix}Earliest`] as string,
    latest: row[`${prefix}Latest`] as string,
    precision: row[`${prefix}Precision`] as FuzzyDateInput['precision'],
    reportedText: (row[`${prefix}Text`] as string | null) ?? null,
    derivation: (row[`${prefix}Derivation`] as string | null) ?? null,
  };
}

function reviewOf(row: { id: string; reviewStatus: string; provenance: string }) {
  return {
    id: row.id,
    reviewStatus: row.reviewStatus as FactInput['reviewStatus'],
    provenance: row.provenance as FactInput['provenance'],
  };
}

/** Extra rows some types own: a measure's actors, a funding item's flags. */
export interface FactExtras {
  measureActors: Map<string, { actor: string; role: string }[]>;
  flags: Map<string, string[]>;
}

export function fieldsFromRow(list: FactList, row: Record<string, unknown>, extras: FactExtras): FactFields {
  switch (list) {
    case 'measures': {
      const m = row as Row<typeof t.measures>;
      return {
        ...reviewOf(m),
        title: m.title,
        summary: m.summary,
        type: m.type,
        status: m.status,
        proposer: m.proposerId,
        actors: sortActors(extras.measureActors.get(m.id) ?? []),
        announced: fuzzyOf(m, 'announced'),
        expected: fuzzyOf(m, 'expected'),
        deadline: fuzzyOf(m, 'deadline'),
        parent: m.parentId,
      } as FactFields;
    }
    case 'positions': {
      const p = row as Row<typeof t.positions>;
      return {
        ...reviewOf(p),
        actor: p.actorId,
        question: p.question,
        stance: p.stance,
        summary: p.summary,
        stated: fuzzyOf(p, 'stated'),
      } as FactFields;
    }
    case 'fundingItems': {
      const f = row as Row<typeof t.fundingItems>;
      return {
        ...reviewOf(f),
        purpose: f.purpose,
        funder: f.funderId,
        stage: f.stage,
        programme: f.programme,
        period: fuzzyOf(f, 'period'),
        reportedText: f.reportedText,
        approximate: f.approximate,
        amount: minorToDecimal(f.amountMinor, f.currencyCode),
        currencyCode: f.currencyCode,
        qualityFlags: [...(extras.flags.get(f.id) ?? [])].sort(),
        qualityNote: f.qualityNote,
        measure: f.measureId,
      } as FactFields;
    }
    case 'quotes': {
      const q = row as Row<typeof t.quotes>;
      return {
        ...reviewOf(q),
        text: q.text,
        kind: q.kind,
        speaker: q.speakerId,
        speakerAsWritten: q.speakerAsWritten,
        roleAsWritten: q.roleAsWritten,
      } as FactFields;
    }
    case 'figures': {
      const f = row as Row<typeof t.figures>;
      return {
        ...reviewOf(f),
        value: f.value,
        unit: f.unit,
        reportedText: f.reportedText,
        approximate: f.approximate,
        subject: f.subject,
        reportedBy: f.reporterId,
        measure: f.measureId,
      } as FactFields;
    }
    case 'events': {
      const e = row as Row<typeof t.events>;
      return {
        ...reviewOf(e),
        name: e.name,
        place: e.place,
        date: fuzzyOf(e, 'date') as FuzzyDateInput,
      } as FactFields;
    }
  }
}

// ——— import format → rows ———

function fuzzyColumns<P extends string>(prefix: P, date: FuzzyDateInput | null) {
  return {
    [`${prefix}Earliest`]: date?.earliest ?? null,
    [`${prefix}Latest`]: date?.latest ?? null,
    [`${prefix}Precision`]: date?.precision ?? null,
    [`${prefix}Text`]: date?.reportedText ?? null,
    [`${prefix}Derivation`]: date?.derivation ?? null,
  };
}

/** The row of a fact's own table (`articleId` is the article a quote belongs to). */
export function rowFromFields(list: FactList, f: FactFields, articleId: string): Record<string, unknown> {
  const review = { id: f.id, reviewStatus: f.reviewStatus, provenance: f.provenance };
  switch (list) {
    case 'measures': {
      const m = f as Extract<FactFields, { title: string }>;
      return {
        ...review,
        title: m.title,
        summary: m.summary,
        type: m.type,
        status: m.status,
        proposerId: m.proposer,
        parentId: m.parent,
        ...fuzzyColumns('announced', m.announced),
        ...fuzzyColumns('expected', m.expected),
        ...fuzzyColumns('deadline', m.deadline),
      };
    }
    case 'positions': {
      const p = f as Extract<FactFields, { stance: string }>;
      return {
        ...review,
        actorId: p.actor,
        question: p.question,
        stance: p.stance,
        summary: p.summary,
        ...fuzzyColumns('stated', p.stated),
      };
    }
    case 'fundingItems': {
      const x = f as Extract<FactFields, { purpose: string }>;
      return {
        ...review,
        purpose: x.purpose,
        funderId: x.funder,
        stage: x.stage,
        programme: x.programme,
        ...fuzzyColumns('period', x.period),
        reportedText: x.reportedText,
        approximate: x.approximate,
        amountMinor: decimalToMinor(x.amount, x.currencyCode),
        currencyCode: x.currencyCode,
        qualityNote: x.qualityNote,
        measureId: x.measure,
      };
    }
    case 'quotes': {
      const q = f as Extract<FactFields, { speakerAsWritten: unknown }>;
      return {
        ...review,
        articleId,
        speakerId: q.speaker,
        speakerAsWritten: q.speakerAsWritten,
        roleAsWritten: q.roleAsWritten,
        text: q.text,
        kind: q.kind,
      };
    }
    case 'figures': {
      const x = f as Extract<FactFields, { unit: string }>;
      return {
        ...review,
        value: x.value,
        unit: x.unit,
        reportedText: x.reportedText,
        approximate: x.approximate,
        subject: x.subject,
        reporterId: x.reportedBy,
        measureId: x.measure,
      };
    }
    case 'events': {
      const e = f as Extract<FactFields, { place: unknown }>;
      return {
        ...review,
        name: e.name,
        place: e.place,
        dateEarliest: e.date.earliest,
        dateLatest: e.date.latest,
        datePrecision: e.date.precision,
        dateText: e.date.reportedText,
        dateDerivation: e.date.derivation,
      };
    }
  }
}

// ——— canonical order of the sets the database keeps without order ———

export function sortSpans<S extends { start: number; end: number; role?: string }>(spans: S[]): S[] {
  return [...spans].sort((a, b) => a.start - b.start || a.end - b.end || (a.role ?? '').localeCompare(b.role ?? ''));
}

export function sortActors<A extends { actor: string; role: string }>(links: A[]): A[] {
  return [...links].sort((a, b) => a.actor.localeCompare(b.actor) || a.role.localeCompare(b.role));
}

/** The database keeps these lists as sets: sorted, an import and a stored fact compare equal. */
export function canonicalFact<F extends FactInput>(fact: F): F {
  const out: Record<string, unknown> = { ...fact, evidence: sortSpans(fact.evidence) };
  if ('actors' in fact) out.actors = sortActors(fact.actors);
  if ('qualityFlags' in fact) out.qualityFlags = [...fact.qualityFlags].sort();
  return out as F;
}

export function canonicalActor<A extends { aliases: string[] }>(actor: A): A {
  return { ...actor, aliases: [...actor.aliases].sort() };
}

/** `SELECT … WHERE id IN (…)` in chunks: SQLite limits the number of bound parameters. */
export function chunks<T>(items: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
