/**
 * Relational statements built once per shape, not once per request. drizzle-orm 1.0.0-rc.4 builds
 * a relational query (`db.query.x.findMany`) from scratch every time: aliased-table proxies, a SQL
 * object per fragment, `is()` checks, then the text. For a lookup or a small page that is most of
 * the statement's JavaScript (BENCHMARKS.md, "Statements built once per shape").
 *
 * Here a query's config is read once per request into its *shape* — everything that decides the
 * SQL text: table, mode, columns, relations, orderings, filter operators, list lengths, and the text
 * of each SQL fragment the config hands over (`RAW` filters, `extras`) — and its *values*: the
 * filter values and limits (which become `?` parameters) and the parameters of those fragments.
 * The first request of a shape builds the statement with drizzle, twice: once as given, once with a
 * placeholder for every value. Where each value lands among the parameters is read off the second;
 * both must give the same text and the same parameters, or the shape is never cached (it is then
 * built by drizzle every time, as before). Later requests of the shape take the text and put their
 * own values in place. Anything not understood — an unknown config key, a relation filter, a
 * function ordering, a value that is not a plain string or number, a column whose encoder changes
 * values — leaves the query to drizzle.
 */
import { aliasedTable, Column, operators, orderByOperators, Placeholder, type SQL, sql, type Table } from 'drizzle-orm';
import { type Query, type RenderConfig, renderFlat } from './sql-text.ts';

/** Shapes kept per database; a shape past this evicts the oldest (a server has a few dozen). */
const MAX_SHAPES = 500;

/** What drizzle's dialect hands `buildRelationalQuery` (sqlite-core/dialect.js); nested calls add more. */
export interface RelationalBuildInput {
  schema: Record<string, TableConfig>;
  table: Table;
  tableConfig: TableConfig;
  queryConfig: true | Record<string, unknown>;
  mode: 'first' | 'many';
  jsonb: SQL;
  isNested?: boolean;
  depth?: number;
  relationWhere?: unknown;
  throughJoin?: unknown;
  errorPath?: string;
}

interface TableConfig {
  name: string;
  relations: Record<string, { targetTable: Table; targetTableName: string }>;
}

export interface RelationalBuilt {
  sql: SQL;
  selection: unknown[];
}

type Build = (input: RelationalBuildInput) => RelationalBuilt;

/** Where each parameter of a cached statement comes from. */
type Slot = { hole: number } | { fragment: number; at: number } | { value: unknown };

interface Template {
  text: string;
  slots: Slot[];
  selection: unknown[];
}

// drizzle's own symbol for a table's columns (table.js; not in its types).
const TABLE_COLUMNS = Symbol.for('drizzle:Columns');

class NotCacheable extends Error {}
const refuse = (): never => {
  throw new NotCacheable();
};

// drizzle's alias of a table per depth (`d0`, `d1`…), made once per table rather than per request.
const aliases = new WeakMap<Table, Map<string, Table>>();
// The table each alias stands for.
const originals = new WeakMap<Table, Table>();
function aliasOf(table: Table, alias: string): Table {
  let byAlias = aliases.get(table);
  if (!byAlias) {
    byAlias = new Map();
    aliases.set(table, byAlias);
  }
  let aliased = byAlias.get(alias);
  if (!aliased) {
    aliased = aliasedTable(table, alias);
    byAlias.set(alias, aliased);
    originals.set(aliased, table);
  }
  return aliased;
}

type Columns = Record<string, { mapToDriverValue: { isNoop?: boolean } }>;

/**
 * A table's columns, read from the table itself: an alias makes a proxy of every column on each
 * read of its columns (drizzle's alias.js), and a filter is read per request.
 */
function columnsOf(table: Table): Columns {
  const original = originals.get(table) ?? table;
  return (original as unknown as Record<symbol, Columns>)[TABLE_COLUMNS] as Columns;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** One request's reading of a config: its shape (the cache key), values and fragments. */
class Reading {
  readonly key: string[] = [];
  /** Values that become parameters, by placeholder number. */
  readonly holes: unknown[] = [];
  /** SQL fragments of the config, in the order met, and their rendering. */
  readonly fragments: SQL[] = [];
  readonly rendered: Query[] = [];

  constructor(
    private readonly schema: Record<string, TableConfig>,
    private readonly render: (sql: SQL) => Query,
  ) {}

  /** A level of the query (the root, or a relation under `with`): the config drizzle is to build. */
  config(config: Record<string, unknown>, table: Table, tableConfig: TableConfig, depth: number) {
    // Plain objects only, here and below, so `for…in` sees exactly their own keys.
    if (!isPlainObject(config)) refuse();
    const resolved: Record<string, unknown> = {};
    this.key.push('{');
    for (const name in config) {
      const value = config[name];
      this.key.push(name, ':');
      if (value === undefined) this.key.push('u');
      else if (name === 'columns') resolved[name] = this.columns(value);
      else if (name === 'with') resolved[name] = this.relations(value, tableConfig, depth);
      else if (name === 'where') resolved[name] = this.filter(value, table);
      else if (name === 'orderBy') resolved[name] = this.orderBy(value, table);
      else if (name === 'limit' || name === 'offset') resolved[name] = this.hole(value);
      else if (name === 'extras') resolved[name] = this.extras(value, table);
      else refuse();
      this.key.push(';');
    }
    this.key.push('}');
    return resolved;
  }

  private columns(columns: unknown) {
    if (!isPlainObject(columns)) return refuse();
    for (const name in columns) {
      const on = columns[name];
      if (on !== undefined && typeof on !== 'boolean') refuse();
      this.key.push(name, on === undefined ? 'u' : on ? 't' : 'f', ',');
    }
    return columns;
  }

  private relations(relations: unknown, tableConfig: TableConfig, depth: number) {
    if (!isPlainObject(relations)) return refuse();
    const resolved: Record<string, unknown> = {};
    for (const name in relations) {
      const join = relations[name];
      this.key.push(name, '=');
      const relation = tableConfig.relations[name] ?? refuse();
      if (isPlainObject(join)) {
        const target = this.schema[relation.targetTableName] ?? refuse();
        // The alias drizzle gives the relation's table (dialect.js), which a RAW filter is handed.
        const table = aliasOf(relation.targetTable, `d${depth + 1}`);
        resolved[name] = this.config(join, table, target, depth + 1);
      } else if (join === undefined || typeof join === 'boolean') {
        this.key.push(String(join));
        resolved[name] = join;
      } else refuse();
      this.key.push(',');
    }
    return resolved;
  }

  private orderBy(orderBy: unknown, table: Table) {
    if (typeof orderBy === 'function') return this.orderByFunction(orderBy, table);
    if (!isPlainObject(orderBy)) return refuse();
    for (const name in orderBy) {
      const direction = orderBy[name];
      if (direction !== undefined && typeof direction !== 'string') refuse();
      this.key.push(name, ' ', String(direction), ',');
    }
    return orderBy;
  }

  /**
   * An ordering drizzle asks of a function (relationsOrderToSQL): called here instead, once, and
   * handed over as a function answering the same columns and fragments.
   */
  private orderByFunction(orderBy: unknown, table: Table) {
    const ordering = (orderBy as (t: Table, o: typeof orderByOperators) => unknown)(table, orderByOperators);
    const terms = (Array.isArray(ordering) ? ordering : [ordering]).map((term) => {
      if (!(term instanceof Column)) return this.fragment(term);
      this.key.push('column ', term.name, ',');
      return term;
    });
    return () => (Array.isArray(ordering) ? terms : terms[0]);
  }

  private extras(extras: unknown, table: Table) {
    if (!isPlainObject(extras)) return refuse();
    const resolved: Record<string, unknown> = {};
    for (const name in extras) {
      const field = extras[name];
      this.key.push(name, '=');
      // As drizzle's relationExtrasToSQL calls it.
      const fragment =
        typeof field === 'function'
          ? (field as (t: Table, o: { sql: typeof sql }) => SQL)(table, { sql: operators.sql })
          : field;
      resolved[name] = this.fragment(fragment);
      this.key.push(',');
    }
    return resolved;
  }

  /** A filter on one table (drizzle's relationsFilterToSQL): columns, AND/OR/NOT and RAW. */
  private filter(filter: unknown, table: Table): Record<string, unknown> {
    if (!isPlainObject(filter)) return refuse();
    const columns = columnsOf(table);
    const resolved: Record<string, unknown> = {};
    this.key.push('(');
    for (const target in filter) {
      const value = filter[target];
      this.key.push(target, ':');
      if (value === undefined) this.key.push('u');
      else if (target === 'RAW') {
        const fragment =
          typeof value === 'function'
            ? (value as (t: Table, o: typeof operators) => SQL)(table, operators)
            : (value as { getSQL(): SQL }).getSQL();
        resolved[target] = this.fragment(fragment);
      } else if (target === 'AND' || target === 'OR') {
        if (!Array.isArray(value)) refuse();
        this.key.push(String((value as unknown[]).length));
        resolved[target] = (value as unknown[]).map((part) => this.filter(part, table));
      } else if (target === 'NOT') resolved[target] = this.filter(value, table);
      else {
        // A relation's filter (an EXISTS subquery with its own aliases) is left to drizzle.
        const column = columns[target] ?? refuse();
        // A value is put in place as given: only where drizzle would not encode it.
        if (!column.mapToDriverValue.isNoop) refuse();
        resolved[target] = this.columnFilter(value);
      }
      this.key.push(';');
    }
    this.key.push(')');
    return resolved;
  }

  /** A filter on one column (drizzle's relationsFieldFilterToSQL). */
  private columnFilter(filter: unknown): unknown {
    if (!isPlainObject(filter)) return this.value(filter);
    const resolved: Record<string, unknown> = {};
    this.key.push('(');
    for (const operator in filter) {
      const value = filter[operator];
      this.key.push(operator, ':');
      if (value === undefined) this.key.push('u');
      else if (operator === 'NOT') resolved[operator] = this.columnFilter(value);
      else if (operator === 'AND' || operator === 'OR') {
        if (!Array.isArray(value)) refuse();
        this.key.push(String((value as unknown[]).length));
        resolved[operator] = (value as unknown[]).map((part) => this.columnFilter(part));
      } else if (operator === 'isNull' || operator === 'isNotNull') {
        this.key.push(value ? 't' : 'f');
        resolved[operator] = value;
      } else if (operator === 'in' || operator === 'notIn') {
        if (!Array.isArray(value)) refuse();
        this.key.push(String((value as unknown[]).length));
        resolved[operator] = (value as unknown[]).map((item) => this.value(item));
      } else resolved[operator] = this.value(value);
      this.key.push(';');
    }
    this.key.push(')');
    return resolved;
  }

  /** A value compared with a column: a parameter if a string or number, part of the shape if a boolean. */
  private value(value: unknown): unknown {
    if (typeof value === 'boolean') {
      this.key.push(value ? 'T' : 'F');
      return value;
    }
    return this.hole(value);
  }

  private hole(value: unknown): Placeholder {
    if (typeof value !== 'string' && typeof value !== 'number') return refuse();
    this.key.push('?');
    this.holes.push(value);
    return sql.placeholder(`h${this.holes.length - 1}`) as Placeholder;
  }

  /** A SQL fragment of the config: its text is part of the shape, its parameters are values. */
  private fragment(fragment: unknown): SQL {
    const sqlFragment = (fragment as { getSQL?: () => SQL })?.getSQL?.() ?? refuse();
    const query = this.render(sqlFragment);
    this.key.push('[', query.sql, ']');
    this.fragments.push(sqlFragment);
    this.rendered.push(query);
    return sqlFragment;
  }
}

/** What the cache did, since it was made (tests and debugging). */
export interface StatementCacheStats {
  /** Statements taken from a cached shape. */
  hits: number;
  /** Shapes built and checked (cached, or found not cacheable). */
  shapes: number;
  /** Statements left to drizzle: a config not understood, or a shape found not cacheable. */
  uncached: number;
}

/**
 * The shapes of one database, shared by every drizzle instance over it (a request's counting
 * wrapper is a drizzle instance of its own, src/server/log/request-record.ts).
 */
export interface StatementCache {
  readonly stats: StatementCacheStats;
  /** By shape key; null: a shape that is never cached. */
  readonly templates: Map<string, Template | null>;
  /**
   * A cached statement's selection by its text: how drizzle maps its rows, for a statement run
   * again without drizzle (src/server/execution/root-pages.ts).
   */
  readonly selections: Map<string, unknown[]>;
}

export function createStatementCache(): StatementCache {
  return { stats: { hits: 0, shapes: 0, uncached: 0 }, templates: new Map(), selections: new Map() };
}

/**
 * Wraps a SQLite dialect's `buildRelationalQuery` and `sqlToQuery` (both already drizzle's, or
 * sql-text.ts's renderer) so that each relational query shape is built once.
 */
export function cacheRelationalStatements(
  dialect: { buildRelationalQuery: Build; sqlToQuery: (sql: SQL, invokeSource?: string) => Query },
  renderConfig: RenderConfig,
  cache: StatementCache,
): void {
  const { stats, templates, selections } = cache;
  const build = dialect.buildRelationalQuery.bind(dialect);
  const toQuery = dialect.sqlToQuery;
  const render = (fragment: SQL) => renderFlat(fragment, renderConfig);
  // The statement a cached build stands for, found by sqlToQuery.
  const prebuilt = new WeakMap<SQL, Query>();

  dialect.sqlToQuery = (statement, invokeSource) =>
    (invokeSource === undefined && prebuilt.get(statement)) || toQuery(statement, invokeSource);

  dialect.buildRelationalQuery = (input) => {
    // Only the root of a query: drizzle calls itself for each relation.
    if (input.isNested || input.depth || input.relationWhere || input.throughJoin || input.errorPath) {
      return build(input);
    }
    if (input.queryConfig === true) return build(input);
    const reading = new Reading(input.schema, render);
    let resolved: Record<string, unknown>;
    try {
      resolved = reading.config(input.queryConfig, aliasOf(input.table, 'd0'), input.tableConfig, 0);
    } catch (error) {
      if (!(error instanceof NotCacheable)) throw error;
      stats.uncached++;
      return build(input);
    }
    const key = `${input.mode} ${input.tableConfig.name} ${render(input.jsonb).sql} ${reading.key.join('')}`;
    const template = templates.get(key);
    if (template) {
      stats.hits++;
      return answer(template, reading);
    }
    if (template === null) {
      stats.uncached++;
      return build(input);
    }
    stats.shapes++;
    const built = build(input);
    const query = toQuery(built.sql);
    prebuilt.set(built.sql, query);
    remember(key, templateOf(input, resolved, reading, built, query));
    return built;
  };

  function answer(template: Template, reading: Reading): RelationalBuilt {
    const params = template.slots.map((slot) =>
      'hole' in slot
        ? reading.holes[slot.hole]
        : 'fragment' in slot
          ? (reading.rendered[slot.fragment] as Query).params[slot.at]
          : slot.value,
    );
    const statement = sql.raw(template.text);
    prebuilt.set(statement, { sql: template.text, params });
    return { sql: statement, selection: template.selection };
  }

  function remember(key: string, template: Template | null): void {
    if (templates.size >= MAX_SHAPES) templates.delete(templates.keys().next().value as string);
    templates.set(key, template);
    if (!template) return;
    if (selections.size >= MAX_SHAPES) selections.delete(selections.keys().next().value as string);
    selections.set(template.text, template.selection);
  }

  /**
   * The statement with every value a placeholder, checked against drizzle's own: the same text,
   * and every parameter either a value of this request, a parameter of one of its fragments, or
   * a constant of the shape. null if anything differs.
   */
  function templateOf(
    input: RelationalBuildInput,
    resolved: Record<string, unknown>,
    reading: Reading,
    built: RelationalBuilt,
    query: Query,
  ): Template | null {
    const watch = new Map<SQL, number>(reading.fragments.map((fragment) => [fragment, -1]));
    const marked = renderFlat(build({ ...input, queryConfig: resolved }).sql, renderConfig, watch);
    if (marked.sql !== query.sql || marked.params.length !== query.params.length) return null;
    const fragmentAt = (index: number): Slot | undefined => {
      for (let f = 0; f < reading.fragments.length; f++) {
        const start = watch.get(reading.fragments[f] as SQL) as number;
        const length = (reading.rendered[f] as Query).params.length;
        if (start >= 0 && index >= start && index < start + length) return { fragment: f, at: index - start };
      }
      return undefined;
    };
    const slots: Slot[] = [];
    const seen = new Set<number>();
    for (let i = 0; i < query.params.length; i++) {
      const param = marked.params[i];
      const actual = query.params[i];
      let slot: Slot;
      if (param instanceof Placeholder) {
        const hole = Number((param as unknown as { name: string }).name.slice(1));
        if (!Object.is(reading.holes[hole], actual) || seen.has(hole)) return null;
        seen.add(hole);
        slot = { hole };
      } else {
        slot = fragmentAt(i) ?? { value: actual };
        if (!Object.is(param, actual)) return null;
        if ('fragment' in slot) {
          const rendered = reading.rendered[slot.fragment] as Query;
          if (!Object.is(rendered.params[slot.at], actual)) return null;
        }
      }
      slots.push(slot);
    }
    // Every value must have landed somewhere, once.
    if (seen.size !== reading.holes.length) return null;
    for (const [fragment, start] of watch) {
      if (start < 0 && render(fragment).params.length > 0) return null;
    }
    return { text: query.sql, slots, selection: built.selection };
  }
}
