/** The printed schema is committed, and the conventions every type follows are checked here. */
import { readFileSync } from 'node:fs';
import { getColumns } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import {
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.ts';
import { PRICE } from '../src/schema/pricing.ts';
import { printedSchema } from '../src/schema/printed.ts';

const ownTypes = Object.values(schema.getTypeMap()).filter(
  (t) => !t.name.startsWith('__') && !['String', 'Int', 'Float', 'Boolean', 'ID'].includes(t.name),
);

function fieldsOf(type: GraphQLNamedType): GraphQLField<unknown, unknown>[] {
  return isObjectType(type) || isInterfaceType(type) ? Object.values(type.getFields()) : [];
}

describe('schema', () => {
  it('matches the committed schema.graphql (run `npm run schema:print` after an API change)', () => {
    const committed = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(printedSchema()).toBe(committed);
  });

  it('describes every type, field, argument, input field and enum value', () => {
    const missing: string[] = [];
    for (const type of ownTypes) {
      if (!type.description) missing.push(type.name);
      for (const field of fieldsOf(type)) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const arg of field.args) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
      }
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('gives every connection edges, nodes, pageInfo and totalCount, and paging both ways', () => {
    const connections = ownTypes.filter((t) => t.name.endsWith('Connection'));
    expect(connections.length).toBeGreaterThan(10);
    for (const type of connections) {
      expect(fieldsOf(type).map((f) => f.name)).toEqual(
        expect.arrayContaining(['edges', 'nodes', 'pageInfo', 'totalCount']),
      );
    }
    for (const type of ownTypes) {
      for (const field of fieldsOf(type)) {
        if (!field.type.toString().endsWith('Connection!')) continue;
        expect(field.args.map((a) => a.name)).toEqual(expect.arrayContaining(['first', 'after', 'last', 'before']));
      }
    }
  });

  it('gives every mutation one required `input` and a payload with userErrors { field code message }', () => {
    const mutation = schema.getMutationType();
    const fields = Object.values(mutation?.getFields() ?? {});
    expect(fields.length).toBe(18);
    for (const field of fields) {
      expect(
        field.args.map((a) => `${a.name}: ${a.type}`),
        field.name,
      ).toEqual([`input: ${field.name[0]?.toUpperCase()}${field.name.slice(1)}Input!`]);
      const payload = field.type.toString().replace(/!$/, '');
      expect(payload, field.name).toBe(`${field.name[0]?.toUpperCase()}${field.name.slice(1)}Payload`);
      const payloadType = schema.getType(payload);
      if (!isObjectType(payloadType)) throw new Error(`${payload} is not an object type`);
      expect(String(payloadType.getFields().userErrors?.type), field.name).toBe('[UserError!]!');
    }
    const userError = schema.getType('UserError');
    if (!isObjectType(userError)) throw new Error('UserError is not an object type');
    expect(Object.keys(userError.getFields()).sort()).toEqual(['code', 'field', 'message']);
  });

  it('prices every list of objects that is not a connection page (the cost model)', () => {
    const unpriced: string[] = [];
    for (const type of ownTypes) {
      const connection = type.name.endsWith('Connection');
      for (const field of fieldsOf(type)) {
        if (!isListType(getNullableType(field.type)) || isLeafType(getNamedType(field.type))) continue;
        if (connection && (field.name === 'edges' || field.name === 'nodes')) continue;
        if (field.extensions?.[PRICE] === undefined) unpriced.push(`${type.name}.${field.name}`);
      }
    }
    expect(unpriced).toEqual([]);
  });

  it('makes every table-backed type with a natural key a Node, and every reviewed one a Fact', () => {
    // Every object type the drizzle plugin backs with a table, found in the built schema.
    const backed = ownTypes.filter(isObjectType).flatMap((type) => {
      const drizzle = type.extensions.pothosDrizzleTable as { table?: SQLiteTable } | undefined;
      return type.extensions.pothosDrizzleSelect && drizzle?.table
        ? [{ type, columns: getColumns(drizzle.table) }]
        : [];
    });
    const interfaces = (type: GraphQLObjectType) => type.getInterfaces().map((i) => i.name);
    const rule = backed.map(({ type, columns }) => {
      // A text primary key `id` is a natural key, so a stable global ID; evidence spans, roles and
      // mentions (integer or composite keys) are parts of their parent, reached through it.
      const naturalKey = columns.id?.primary === true && columns.id.dataType === 'string';
      return { name: type.name, node: naturalKey, fact: 'reviewStatus' in columns };
    });
    expect(rule.map((r) => r.name)).toEqual(expect.arrayContaining(['Article', 'Actor', 'Quote', 'Evidence']));
    for (const { type } of backed) {
      const expected = rule.find((r) => r.name === type.name);
      if (expected?.node) expect(interfaces(type), type.name).toContain('Node');
      if (expected?.fact) expect(interfaces(type), type.name).toEqual(expect.arrayContaining(['Node', 'Fact']));
      if (!expected?.node) expect(interfaces(type), type.name).not.toContain('Node');
    }
    expect(rule.filter((r) => r.fact).map((r) => r.name)).toEqual(
      expect.arrayContaining(['Measure', 'Position', 'FundingItem', 'Quote', 'Figure', 'Event']),
    );
  });

  it('keeps the names of the API contract clients rely on (PRODUCT.md)', () => {
    const contract: Record<string, string[]> = {
      Query: [
        'node',
        'nodes',
        'article',
        'articles',
        'measures',
        'positions',
        'fundingItems',
        'quotes',
        'figures',
        'actors',
      ],
      Article: [
        'id',
        'slug',
        'headline',
        'publishedOn',
        'body',
        'quotes',
        'measures',
        'fundingItems',
        'figures',
        'evidence',
      ],
      Quote: ['id', 'text', 'speaker', 'speakerAsWritten', 'roleAsWritten', 'article', 'evidence'],
      FundingItem: ['id', 'purpose', 'amount', 'qualityFlags', 'qualityNote', 'measure', 'evidence'],
      ReportedMoney: ['reportedText', 'approximate', 'amount', 'currencyCode'],
      Figure: ['id', 'reportedText', 'value', 'unit', 'evidence'],
      Measure: ['id', 'title', 'proposer', 'status', 'fundingItems', 'evidence'],
      Actor: ['id', 'name', 'kind', 'quotes'],
      Evidence: ['article', 'start', 'end', 'exact', 'sentence', 'role'],
    };
    for (const [typeName, fields] of Object.entries(contract)) {
      const type = schema.getType(typeName);
      expect(type, typeName).toBeDefined();
      expect(fieldsOf(type as GraphQLNamedType).map((f) => f.name)).toEqual(expect.arrayContaining(fields));
    }
    expect(schema.getType('Decimal')).toBeDefined();
    expect(schema.getType('Date')).toBeDefined();
    expect(isEnumType(schema.getType('CurrencyCode'))).toBe(true);
  });
});
