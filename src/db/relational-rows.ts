/**
 * Drizzle's relational row mapping, with each selection's decoders worked out once per statement
 * instead of once per row. drizzle-orm 1.0.0-rc.4's default mapper (`mapRelationalRow`) finds the
 * decoders of a nested selection (its `is()` entity checks) again for every parent row: a page of
 * 20 articles with their measures, fundings and evidence does that thousands of times per request.
 * Its JIT mapper avoids it with `new Function`, which the edge (workerd) forbids and which would
 * compile again per statement. This one gives the same values (same decoders, same JSON parsing,
 * same key order) with plain closures; test/relational-rows.test.ts compares it with drizzle's.
 */
import { Column, is, SQL, Table, View } from 'drizzle-orm';

/** One item of a relational query's selection, as drizzle's dialect builds it. */
interface SelectionItem {
  key: string;
  field: unknown;
  codec?: (value: unknown, arrayDimensions?: number) => unknown;
  arrayDimensions?: number;
  isArray?: boolean;
  selection?: SelectionItem[];
}

/** The options drizzle passes to `dialect.mapperGenerators.relationalRows`. */
export interface RelationalRowsOptions {
  selection: SelectionItem[];
  isFirst: boolean;
  parseJson: boolean;
  parseJsonIfString: boolean;
  rootJsonMappers: boolean;
  arrayModeRoot?: boolean;
}

type Rows = unknown[];
type Mapper = (rows: Rows) => unknown;
type Decode = ((value: unknown) => unknown) | undefined;

interface Decoder {
  mapFromDriverValue: ((value: unknown) => unknown) & { isNoop?: boolean };
}

/** drizzle's choice of decoder for one selected value (relations.js, mapRelationalRow). */
function decoderOf(item: SelectionItem, useJsonMappers: boolean): Decode {
  const { field, codec, arrayDimensions } = item;
  let decoder: Decoder;
  if (is(field, Column)) decoder = field as unknown as Decoder;
  else if (is(field, SQL)) decoder = (field as unknown as { decoder: Decoder }).decoder;
  else if (is(field, SQL.Aliased)) decoder = (field as unknown as { sql: { decoder: Decoder } }).sql.decoder;
  else if (is(field, Table) || is(field, View)) return codec ? (value) => codec(value, arrayDimensions) : undefined;
  else decoder = (field as { getSQL(): { decoder: Decoder } }).getSQL().decoder;
  const fromJson = (field as { mapFromJsonValue?: (value: unknown) => unknown }).mapFromJsonValue;
  if (useJsonMappers && fromJson) return (value) => fromJson.call(field, value);
  const fromDriver = decoder.mapFromDriverValue;
  if (fromDriver.isNoop) return codec ? (value) => codec(value, arrayDimensions) : undefined;
  return codec
    ? (value) => fromDriver.call(decoder, codec(value, arrayDimensions))
    : (value) => fromDriver.call(decoder, value);
}

/** A nested relation's JSON objects, decoded in place (as drizzle's mapRelationalRow does). */
type InPlace = (row: Record<string, unknown>) => void;

function nestedObject(selection: SelectionItem[], parseJsonIfString: boolean): InPlace {
  const steps = selection.map((item): InPlace | undefined => {
    const { key } = item;
    if (item.selection) {
      const inner = nestedObject(item.selection, parseJsonIfString);
      const isArray = item.isArray;
      return (row) => {
        let value = row[key];
        if (value === null) return;
        if (parseJsonIfString && typeof value === 'string') {
          value = JSON.parse(value);
          row[key] = value;
        }
        if (isArray) for (const element of value as Record<string, unknown>[]) inner(element);
        else inner(value as Record<string, unknown>);
      };
    }
    const decode = decoderOf(item, true);
    if (!decode) return undefined;
    return (row) => {
      const value = row[key];
      if (value !== null) row[key] = decode(value);
    };
  });
  const work = steps.filter((step): step is InPlace => step !== undefined);
  return (row) => {
    for (const step of work) step(row);
  };
}

/** A root row given as an array of column values (drizzle's `arrayModeRoot`), to an object. */
function rootObject(options: RelationalRowsOptions): (row: unknown[]) => Record<string, unknown> {
  const { parseJson, parseJsonIfString } = options;
  const steps = options.selection.map((item): ((value: unknown) => unknown) => {
    if (item.selection) {
      const inner = nestedObject(item.selection, parseJsonIfString);
      const isArray = item.isArray;
      return (raw) => {
        let value = raw;
        if (value === null) return null;
        if (parseJson) {
          value = JSON.parse(value as string);
          if (value === null) return null;
        } else if (parseJsonIfString && typeof value === 'string') value = JSON.parse(value);
        if (isArray) for (const element of value as Record<string, unknown>[]) inner(element);
        else inner(value as Record<string, unknown>);
        return value;
      };
    }
    const decode = decoderOf(item, false);
    return decode ? (value) => (value === null ? null : decode(value)) : (value) => value;
  });
  const keys = options.selection.map((item) => item.key);
  return (row) => {
    const result: Record<string, unknown> = {};
    for (let i = 0; i < steps.length; i++)
      result[keys[i] as string] = (steps[i] as (value: unknown) => unknown)(row[i]);
    return result;
  };
}

/**
 * A `relationalRows` mapper generator for a drizzle dialect: root rows as arrays (what every
 * relational query of drizzle's async SQLite session asks for) are mapped here; anything else goes
 * to the generator it replaces.
 */
export function fastRelationalRows(original: (options: RelationalRowsOptions) => Mapper) {
  return (options: RelationalRowsOptions): Mapper => {
    if (!options.arrayModeRoot) return original(options);
    const toObject = rootObject(options);
    if (options.isFirst) return (rows) => (rows[0] ? toObject(rows[0] as unknown[]) : rows[0]);
    return (rows) => {
      const results = new Array(rows.length);
      for (let i = 0; i < rows.length; i++) results[i] = toObject(rows[i] as unknown[]);
      return results;
    };
  };
}
