/**
 * Drizzle's rendering of a SQL chunk tree into text and parameters, without its per-chunk cost.
 * drizzle-orm 1.0.0-rc.4 (`SQL.buildQueryFromSourceParams`) makes an object and a copy of its
 * config for every chunk, tests each chunk against a dozen entity kinds with `is()` (walking the
 * prototype chain on every miss) and joins the text by `+=` into a rope that the worker-thread
 * client then has to flatten. A page of nested relations is thousands of chunks, every request.
 *
 * Here the common chunks (text, names, tables, columns, nested SQL, lists, plain parameters) are
 * written into one array with `instanceof`; any other chunk (views, subqueries, placeholders,
 * aliased fields, enums, SQL wrappers, raw values…) is rendered by drizzle itself, in place, with
 * the same parameter numbering — so the text and parameters are drizzle's own
 * (test/sql-text.test.ts compares them on real statements).
 */
import { Column, Name, Param, SQL, StringChunk, Table } from 'drizzle-orm';

// drizzle's own symbols for a table's name, schema and alias flag (table.js; not in its types).
const TABLE_NAME = Symbol.for('drizzle:Name');
const TABLE_SCHEMA = Symbol.for('drizzle:Schema');
const IS_ALIAS = Symbol.for('drizzle:IsAlias');

/** Whether drizzle inlines this SQL node's parameters (an internal flag). */
const inlines = (sql: SQL): boolean => (sql as unknown as { shouldInlineParams: boolean }).shouldInlineParams;

/** What the SQLite dialect hands `SQL.toQuery` (dialect.sqlToQuery). */
export interface RenderConfig {
  escapeName(name: string): string;
  escapeParam(index: number, value: unknown): string;
  escapeString(text: string): string;
  invokeSource?: string;
}

export interface Query {
  sql: string;
  params: unknown[];
}

interface Encoder {
  mapToDriverValue: ((value: unknown) => unknown) & { isNoop?: boolean };
}

/** drizzle's own renderer of one chunk list (a method of any SQL node; `this` is the SQL given). */
type DrizzleRender = (
  this: SQL,
  chunks: unknown[],
  config: RenderConfig & { inlineParams: boolean; paramStartIndex: { value: number } },
) => Query;

class Renderer {
  readonly text: string[] = [];
  readonly params: unknown[] = [];
  readonly index = { value: 0 };

  constructor(
    private readonly root: SQL,
    private readonly config: RenderConfig,
    /** SQL nodes whose first parameter's index is wanted (statement-cache.ts): filled in as met. */
    private readonly watch?: Map<SQL, number>,
  ) {}

  chunks(chunks: readonly unknown[], inline: boolean): void {
    for (const chunk of chunks) this.chunk(chunk, inline);
  }

  private chunk(chunk: unknown, inline: boolean): void {
    const { escapeName } = this.config;
    if (chunk instanceof StringChunk) {
      const { value } = chunk as unknown as { value: string[] };
      this.text.push(value.length === 1 ? (value[0] as string) : value.join(''));
    } else if (chunk instanceof Name) {
      this.text.push(escapeName((chunk as unknown as { value: string }).value));
    } else if (chunk === undefined) {
      // drizzle renders a missing chunk as nothing
    } else if (Array.isArray(chunk)) {
      this.text.push('(');
      chunk.forEach((item, i) => {
        if (i > 0) this.text.push(', ');
        this.chunk(item, inline);
      });
      this.text.push(')');
    } else if (chunk instanceof SQL) {
      if (this.watch?.has(chunk)) this.watch.set(chunk, this.params.length);
      this.chunks(chunk.queryChunks, inline || inlines(chunk));
    } else if (chunk instanceof Table) {
      const table = chunk as unknown as Record<symbol, unknown>;
      const schema = table[TABLE_SCHEMA] as string | undefined;
      const name = escapeName(table[TABLE_NAME] as string);
      this.text.push(schema === undefined || table[IS_ALIAS] ? name : `${escapeName(schema)}.${name}`);
    } else if (chunk instanceof Column && this.config.invokeSource === undefined) {
      const column = chunk as unknown as { name: string; isAlias?: boolean; table: Record<symbol, unknown> };
      if (column.isAlias) this.text.push(escapeName(column.name));
      else {
        const schema = column.table[TABLE_SCHEMA] as string | undefined;
        const table = escapeName(column.table[TABLE_NAME] as string);
        const prefix = column.table[IS_ALIAS] || schema === undefined ? table : `${escapeName(schema)}.${table}`;
        this.text.push(`${prefix}.${escapeName(column.name)}`);
      }
    } else if (chunk instanceof Param && !inline && this.plainParam(chunk)) {
      // written by plainParam
    } else {
      this.byDrizzle(chunk, inline);
    }
  }

  /** A parameter whose value (after its encoder) is a plain value: `?`; false for anything else. */
  private plainParam(param: Param): boolean {
    const { value, encoder } = param as unknown as { value: unknown; encoder: Encoder };
    if (value instanceof SQL || (typeof value === 'object' && value !== null && !(value instanceof Uint8Array)))
      return false;
    const mapped = value === null || encoder.mapToDriverValue.isNoop ? value : encoder.mapToDriverValue(value);
    if (typeof mapped === 'object' && mapped !== null && !(mapped instanceof Uint8Array)) return false;
    this.text.push(this.config.escapeParam(this.index.value++, mapped));
    this.params.push(mapped);
    return true;
  }

  /** drizzle renders this chunk, numbering its parameters after ours. */
  private byDrizzle(chunk: unknown, inline: boolean): void {
    const render = (this.root as unknown as { buildQueryFromSourceParams: DrizzleRender }).buildQueryFromSourceParams;
    const query = render.call(this.root, [chunk], {
      ...this.config,
      inlineParams: inline,
      paramStartIndex: this.index,
    });
    this.text.push(query.sql);
    for (const param of query.params) this.params.push(param);
  }
}

/** `dialect.sqlToQuery` for a drizzle SQLite dialect: the same text and parameters, rendered flat. */
export function fastSqlToQuery(original: (sql: SQL, invokeSource?: string) => Query, config: RenderConfig) {
  return (sql: SQL, invokeSource?: string): Query =>
    invokeSource === undefined ? renderFlat(sql, config) : original(sql, invokeSource);
}

/**
 * The text and parameters of a SQL tree, rendered flat. `watch`: SQL nodes of the tree whose first
 * parameter's index is wanted; each one met is set to the number of parameters written before it.
 */
export function renderFlat(sql: SQL, config: RenderConfig, watch?: Map<SQL, number>): Query {
  const renderer = new Renderer(sql, config, watch);
  renderer.chunks(sql.queryChunks, inlines(sql));
  return { sql: renderer.text.join(''), params: renderer.params };
}
