/**
 * Compiling a read into a plan, once per document and operation name: which root list it reads,
 * and a function that shapes that list's rows into the answer without running a resolver per field
 * per row. What each field means comes from the schema's own definitions: a column Pothos exposes
 * (`pothosExposedField`), a declared pure function of the row (`fromRow`, src/schema/from-row.ts),
 * or a relation / related connection plugin-drizzle plans into the root list's one statement (its
 * `pothosDrizzleSelect`, probed here to learn the relation's name and page size).
 *
 * Conservative: anything not understood throws `NotCompilable` with the reason, and the
 * operation runs in graphql-js unchanged. While shaping, anything unexpected (a null where the
 * schema promises a value, a relation not loaded) throws `Unshapeable`, and the request falls back
 * to graphql-js too — so errors are always graphql-js's own.
 */

import { encodeGlobalID } from '@pothos/plugin-relay';
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLAbstractType,
  type GraphQLField,
  GraphQLList,
  GraphQLNonNull,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  isAbstractType,
  isLeafType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { FROM_ROW, GLOBAL_ID_COLUMN } from '../../schema/from-row.ts';
import { ROOT_LIST } from '../../schema/lists/root-list.ts';
import { ROOT_LOOKUP } from '../../schema/root-lookup.ts';

export class NotCompilable extends Error {}
/** Thrown while shaping: the rows are not what the plan expected; graphql-js answers instead. */
export class Unshapeable extends Error {}

type Shape = (value: unknown) => unknown;
type Read = (source: Record<string, unknown>) => unknown;

export interface ReadPlan {
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  rootType: GraphQLObjectType;
  field: GraphQLField<unknown, unknown>;
  fieldNode: FieldNode;
  responseKey: string;
  /** Every key of the answer's `data`, in order: the root list's, and `__typename`s. */
  rootKeys: { key: string; typename: boolean }[];
  /** Whether the root field is a root list (a connection), not a lookup. */
  rootList: boolean;
  /** Whether `totalCount` is asked of the root list (a second statement, as graphql-js runs it). */
  rootTotalCount: boolean;
  /**
   * Shapes the root field's value into the answer: a root list's connection (its `totalCount`
   * already settled), or a lookup's row (or rows, each settled).
   */
  shape: Shape;
}

const fail = (reason: string): never => {
  throw new NotCompilable(reason);
};

const unshapeable = (): never => {
  throw new Unshapeable('rows not as planned');
};

export function compileRead(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
): ReadPlan {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  const operations: OperationDefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    else if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
    else fail('a definition other than an operation or fragment');
  }
  const operation = operationName
    ? operations.find((candidate) => candidate.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  if (!operation) return fail('no single operation to run');
  if (operation.operation !== 'query') fail(`a ${operation.operation}`);
  if (operation.directives?.length) fail('directives on the operation');
  for (const variable of operation.variableDefinitions ?? []) {
    if (variable.directives?.length) fail('directives on a variable');
  }
  const rootType = schema.getQueryType() ?? fail('no query type');
  const compiler = new Compiler(schema, fragments);
  const rootKeys = compiler.collect(rootType, operation.selectionSet).map(([key, node]) => ({
    key,
    node,
    typename: node.name.value === '__typename',
  }));
  // A `__typename` beside the root field is answered too; any other second root field is not compiled.
  const fields = rootKeys.filter((root) => !root.typename);
  if (fields.length !== 1) fail('more than one root field');
  const { key: responseKey, node: fieldNode } = fields[0] as { key: string; node: FieldNode };
  if (fieldNode.name.value.startsWith('__')) fail('introspection');
  const field = rootType.getFields()[fieldNode.name.value] ?? fail('an unknown root field');
  const selection = fieldNode.selectionSet ?? fail(`Query.${field.name} without a selection`);
  const plan = {
    operation,
    fragments,
    rootType,
    field: field as GraphQLField<unknown, unknown>,
    fieldNode,
    responseKey,
    rootKeys: rootKeys.map(({ key, typename }) => ({ key, typename })),
  };
  if (field.extensions?.[ROOT_LOOKUP]) {
    return {
      ...plan,
      rootList: false,
      rootTotalCount: false,
      shape: compiler.complete(field.type, selection, `Query.${field.name}`),
    };
  }
  if (!field.extensions?.[ROOT_LIST]) fail(`Query.${field.name} is neither a root list nor a lookup`);
  const connection = namedObject(field.type);
  return {
    ...plan,
    rootList: true,
    rootTotalCount: compiler.collect(connection, selection).some(([, node]) => node.name.value === 'totalCount'),
    shape: compiler.nullable(field.type, (type) => compiler.connection(type, selection, true)),
  };
}

/** The object type under a field's wrappers (a connection is `Type!`). */
function namedObject(type: GraphQLOutputType): GraphQLObjectType {
  const inner = type instanceof GraphQLNonNull ? type.ofType : type;
  return isObjectType(inner) ? inner : fail('a root list that is not an object');
}

class Compiler {
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Record<string, FragmentDefinitionNode>,
  ) {}

  /**
   * The fields a selection set asks of an object of `type`, by response key: fragments whose type
   * condition `type` meets flattened (as graphql-js's collectFields: the type itself, or an
   * interface or union it belongs to), the others skipped.
   */
  collect(type: GraphQLObjectType, selectionSet: SelectionSetNode): [string, FieldNode][] {
    const fields: [string, FieldNode][] = [];
    const keys = new Map<string, FieldNode>();
    const visit = (set: SelectionSetNode) => {
      for (const selection of set.selections) {
        if (selection.directives?.length) fail('a directive (@include, @skip…)');
        if (selection.kind === Kind.FIELD) {
          const key = selection.alias?.value ?? selection.name.value;
          const first = keys.get(key);
          // A repeated leaf (`id` beside `... on Article { id }`) is the same field, as validation
          // ensures; graphql-js merges repeats with selections, which is not compiled here.
          if (first && !first.selectionSet && !selection.selectionSet) continue;
          if (first) fail(`"${key}" selected twice in one selection set`);
          keys.set(key, selection);
          fields.push([key, selection]);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          if (this.applies(selection.typeCondition?.name.value, type)) visit(selection.selectionSet);
        } else {
          const fragment = this.fragments[selection.name.value] ?? fail('an unknown fragment');
          if (fragment.directives?.length) fail('a directive on a fragment');
          if (this.applies(fragment.typeCondition.name.value, type)) visit(fragment.selectionSet);
        }
      }
    };
    visit(selectionSet);
    return fields;
  }

  /** Whether a fragment on `condition` applies to an object of `type` (graphql-js's rule). */
  private applies(condition: string | undefined, type: GraphQLObjectType): boolean {
    if (!condition || condition === type.name) return true;
    const on = this.schema.getType(condition) ?? fail(`a fragment on an unknown type ${condition}`);
    return isAbstractType(on) && this.schema.isSubType(on, type);
  }

  /** graphql-js's completion of a value: non-null checked, lists mapped, leaves serialized. */
  complete(type: GraphQLOutputType, selectionSet: SelectionSetNode | undefined, where: string): Shape {
    return this.nullable(type, (inner) => {
      if (inner instanceof GraphQLList) {
        const item = this.complete(inner.ofType, selectionSet, where);
        return (value) => (Array.isArray(value) ? value.map(item) : unshapeable());
      }
      if (isLeafType(inner)) {
        if (selectionSet) fail(`a selection on the leaf ${where}`);
        return (value) => {
          const serialized = inner.serialize(value);
          return serialized === undefined ? unshapeable() : serialized;
        };
      }
      const selection = selectionSet ?? fail(`${where} without a selection`);
      if (isAbstractType(inner)) return this.abstract(inner, selection, where);
      if (!isObjectType(inner)) return fail(`${where} has an unknown kind of type (${String(inner)})`);
      return this.object(inner, selection);
    });
  }

  /** Wraps `build(inner)` with the null handling of `type`: null stays null, unless it must not be. */
  nullable(type: GraphQLOutputType, build: (inner: GraphQLOutputType) => Shape): Shape {
    if (type instanceof GraphQLNonNull) {
      const shape = build(type.ofType);
      return (value) => (value == null ? unshapeable() : shape(value));
    }
    const shape = build(type);
    return (value) => (value == null ? null : shape(value));
  }

  /**
   * A value of an interface or union: the object type its own `resolveType` names (plugin-drizzle
   * brands each row it loads with its type), shaped as that type. A type it cannot name here
   * (it would need the request's context) makes the request fall back.
   */
  private abstract(type: GraphQLAbstractType, selectionSet: SelectionSetNode, where: string): Shape {
    const resolveType = type.resolveType ?? fail(`${where}: ${type.name} has no resolveType`);
    const shapes = new Map<string, Shape>();
    for (const possible of this.schema.getPossibleTypes(type)) {
      shapes.set(possible.name, this.object(possible, selectionSet));
    }
    return (value) => {
      const name = resolveType(value, undefined, undefined as never, type);
      const shape = typeof name === 'string' ? shapes.get(name) : undefined;
      return shape ? shape(value) : unshapeable();
    };
  }

  /** An object from a row (or a `fromRow` value): each selected field read, then completed. */
  object(type: GraphQLObjectType, selectionSet: SelectionSetNode): Shape {
    if (type.isTypeOf) fail(`${type.name} has isTypeOf`);
    const relations = new Set<string>();
    const fields = this.collect(type, selectionSet).map(([key, node]): [string, Read] => {
      if (node.name.value === '__typename') return [key, () => type.name];
      const field = type.getFields()[node.name.value] ?? fail(`an unknown field ${type.name}.${node.name.value}`);
      const where = `${type.name}.${field.name}`;
      if (node.arguments?.length) fail(`arguments on ${where}`);
      const ext = field.extensions ?? {};
      const fromRow = ext[FROM_ROW] as ((row: unknown) => unknown) | undefined;
      if (fromRow) {
        const shape = this.complete(field.type, node.selectionSet, where);
        return [key, (row) => shape(fromRow(row))];
      }
      const idColumn = ext[GLOBAL_ID_COLUMN] as string | undefined;
      if (typeof idColumn === 'string') {
        const shape = this.complete(field.type, node.selectionSet, where);
        return [key, (row) => shape(globalId(type.name, row[idColumn]))];
      }
      const exposed = ext.pothosExposedField as string | undefined;
      if (typeof exposed === 'string') {
        const shape = this.complete(field.type, node.selectionSet, where);
        return [key, (row) => shape(loaded(row[exposed]))];
      }
      const select = ext.pothosDrizzleSelect as ProbeSelect | undefined;
      if (typeof select !== 'function') return fail(`${where} has its own resolver and no declared meaning`);
      const selectionNode = node.selectionSet ?? fail(`${where} without a selection`);
      const probe = probeRelation(
        select,
        this.selectedNames(field.type, selectionNode),
        isConnection(field.type),
        where,
      );
      if (relations.has(probe.relation)) fail(`the relation of ${where} selected twice`);
      relations.add(probe.relation);
      if ('pageSize' in probe) {
        const shape = this.nullable(field.type, (inner) => this.connection(inner, selectionNode, false));
        return [key, (row) => shape(relatedConnection(row, probe))];
      }
      const shape = this.complete(field.type, selectionNode, where);
      return [key, (row) => shape(loaded(row[probe.relation]))];
    });
    return objectOf(fields);
  }

  /** The names selected of a connection (what plugin-drizzle's planner reads), or of an object. */
  private selectedNames(type: GraphQLOutputType, selectionSet: SelectionSetNode): Set<string> {
    const named = type instanceof GraphQLNonNull ? type.ofType : type;
    if (!isObjectType(named)) return new Set();
    return new Set(this.collect(named, selectionSet).map(([, node]) => node.name.value));
  }

  /**
   * A Relay connection `{ edges, pageInfo, totalCount }` as plugin-drizzle and the paging plugin
   * build it. A nested one's cursors are not compiled (they would need plugin-drizzle's formatter).
   */
  connection(type: GraphQLOutputType, selectionSet: SelectionSetNode, withCursors: boolean): Shape {
    if (!isObjectType(type) || !type.getFields().pageInfo) return fail('a connection that is not one');
    const fields = this.collect(type, selectionSet).map(([key, node]): [string, Read] => {
      const name = node.name.value;
      if (name === '__typename') return [key, () => type.name];
      const field = type.getFields()[name] ?? fail(`an unknown field ${type.name}.${name}`);
      if (node.arguments?.length) fail(`arguments on ${type.name}.${name}`);
      const where = `${type.name}.${name}`;
      if (name === 'nodes') {
        const shape = this.complete(field.type, node.selectionSet, where);
        return [key, (c) => shape((c.edges as ({ node: unknown } | null)[]).map((edge) => edge?.node))];
      }
      if (name === 'totalCount') {
        const shape = this.complete(field.type, undefined, where);
        return [key, (c) => shape(c.totalCount)];
      }
      if (name === 'pageInfo') {
        const names = ['hasNextPage', 'hasPreviousPage', ...(withCursors ? ['startCursor', 'endCursor'] : [])];
        const shape = this.nullable(field.type, (inner) => this.plainObject(inner, node, names));
        return [key, (c) => shape(c.pageInfo)];
      }
      if (name === 'edges' && withCursors) {
        const shape = this.nullable(field.type, (list) => {
          if (!(list instanceof GraphQLList)) return fail(`${where} is not a list`);
          const edge = this.nullable(list.ofType, (inner) => this.plainObject(inner, node, ['cursor', 'node']));
          return (edges) => (edges as unknown[]).map(edge);
        });
        return [key, (c) => shape(c.edges)];
      }
      return fail(`${where} is not compiled here`);
    });
    return objectOf(fields);
  }

  /**
   * PageInfo or an edge: these plain properties of the object plugin-drizzle's connection holds
   * (cursors only where the paging plugin sealed them: a root list's).
   */
  private plainObject(type: GraphQLOutputType, node: FieldNode, names: string[]): Shape {
    if (!isObjectType(type) || !node.selectionSet) return fail(`${String(type)} without a selection`);
    const fields = this.collect(type, node.selectionSet).map(([key, child]): [string, Read] => {
      const name = child.name.value;
      if (name === '__typename') return [key, () => type.name];
      const field = type.getFields()[name] ?? fail(`an unknown field ${type.name}.${name}`);
      if (!names.includes(name)) fail(`${type.name}.${name} is not compiled here`);
      if (child.arguments?.length) fail(`arguments on ${type.name}.${name}`);
      const shape = this.complete(field.type, child.selectionSet, `${type.name}.${name}`);
      return [key, (info) => shape(info[name])];
    });
    return objectOf(fields);
  }
}

/** The answer's object: each selected key read from the source, in selection order. */
function objectOf(fields: [string, Read][]): Shape {
  return (value) => {
    const source = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, read] of fields) out[key] = read(source);
    return out;
  };
}

function isConnection(type: GraphQLOutputType): boolean {
  const named = type instanceof GraphQLNonNull ? type.ofType : type;
  return isObjectType(named) && 'pageInfo' in named.getFields();
}

/** The relay global ID plugin-drizzle's node `id` field gives a key (a string or number). */
function globalId(typeName: string, key: unknown): string {
  return typeof key === 'string' || typeof key === 'number' ? encodeGlobalID(typeName, `${key}`) : unshapeable();
}

/** A relation's data is on the row only when the plan loaded it; undefined means it was not. */
function loaded(value: unknown): unknown {
  return value === undefined ? unshapeable() : value;
}

type ProbeSelect = (
  args: object,
  context: object,
  nestedQuery: (query: unknown) => unknown,
  getSelection: () => ReadonlySet<string>,
  pathInfo: undefined,
) => unknown;

type Probe = { relation: string } | { relation: string; pageSize: number; countKey: string | undefined };

const NESTED = Symbol('nested selection');

/**
 * What plugin-drizzle plans for a relation field without arguments: its `pothosDrizzleSelect`
 * answers `{ columns: {}, with: { <relation>: nested } }` (and `extras` with the count for a
 * related connection, whose `nested` query carries the page's `limit`, one past the page).
 */
function probeRelation(select: ProbeSelect, selected: ReadonlySet<string>, connection: boolean, where: string): Probe {
  let nestedQuery: { limit?: unknown } | undefined;
  const planned = select(
    {},
    {},
    (query) => {
      nestedQuery = query as typeof nestedQuery;
      return NESTED;
    },
    () => selected,
    undefined,
  ) as { with?: Record<string, unknown>; extras?: Record<string, unknown>; then?: unknown } | null;
  if (!planned || typeof planned.then === 'function') return fail(`${where} plans asynchronously`);
  const withKeys = Object.keys(planned.with ?? {});
  const extraKeys = Object.keys(planned.extras ?? {});
  if (withKeys.length > 1 || extraKeys.length > 1) return fail(`${where} plans more than one relation`);
  const relation = withKeys[0];
  if (connection) {
    // A related connection: only totalCount asked plans no rows, only the count.
    const countKey = extraKeys[0];
    const name = relation ?? countKey?.replace(/^_(.*)_count$/, '$1') ?? fail(`${where} plans nothing`);
    const pageSize = typeof nestedQuery?.limit === 'number' ? nestedQuery.limit : 0;
    if (relation && (planned.with?.[relation] !== NESTED || pageSize <= 0)) fail(`${where} plans its own way`);
    return { relation: name, pageSize, countKey };
  }
  if (extraKeys.length || !relation || planned.with?.[relation] !== NESTED)
    return fail(`${where} is not a plain relation`);
  return { relation };
}

/** plugin-drizzle's connection of a parent's loaded rows (wrapConnectionResult, no paging args). */
function relatedConnection(
  row: Record<string, unknown>,
  probe: { relation: string; pageSize: number; countKey?: string },
) {
  const rows = probe.pageSize > 0 ? (loaded(row[probe.relation]) as unknown[]) : [];
  const full = probe.pageSize > 0 && rows.length === probe.pageSize;
  const nodes = full ? rows.slice(0, -1) : rows;
  return {
    edges: nodes.map((node) => ({ node })),
    pageInfo: { hasNextPage: full, hasPreviousPage: false },
    totalCount: probe.countKey ? loaded(row[probe.countKey]) : undefined,
  };
}
