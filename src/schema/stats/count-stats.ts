/**
 * Counts of measures, quotes and positions grouped in SQL: `measureStats`, `quoteStats`,
 * `positionStats`. Each row has the group keys asked for (null for the others) and a count.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { actors, articles, measures, positions, quotes } from '../../db/schema.ts';
import { Actor } from '../actor.ts';
import { Article } from '../article.ts';
import { builder } from '../builder.ts';
import { ActorKind, MeasureStatus, MeasureType, Stance } from '../enums.ts';
import { type Conditions, compileListFilter, type Logical } from '../lists/filtering.ts';
import { MeasureFilter, measureConditions } from '../measure-list.ts';
import { PositionFilter, positionConditions } from '../position-list.ts';
import { PRICE } from '../pricing.ts';
import { QuoteFilter, quoteConditions } from '../quote-list.ts';
import { groupRows, MAX_GROUPS, rowsById } from './group-by.ts';

type Row = Record<string, unknown> & { count: number };

/** A group key: its SQL, and how it appears on the row (a plain value, or an actor/article row). */
interface Key {
  description: string;
  expression: SQL;
  output: { enum: unknown } | 'string' | 'actor' | 'article';
}

interface StatsSpec<F extends Logical<F>, T extends SQLiteTable> {
  field: string;
  row: string;
  noun: string;
  table: T;
  filter: { ref: unknown; conditions: Conditions<F, T> };
  keys: Record<string, Key>;
}

function countStats<F extends Logical<F>, T extends SQLiteTable>(spec: StatsSpec<F, T>) {
  const names = Object.keys(spec.keys);
  const GroupBy = builder.enumType(`${spec.row}GroupBy`, {
    description: `What to group ${spec.noun} by.`,
    values: Object.fromEntries(
      names.map((name) => [
        name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase(),
        { value: name, description: spec.keys[name]?.description },
      ]),
    ),
  });
  const RowType = builder.objectRef<Row>(spec.row).implement({
    description: `One group of ${spec.noun}: the keys grouped by (null for the others) and how many are in it.`,
    fields: (t) => ({
      count: t.int({ description: `How many ${spec.noun} are in the group.`, resolve: (row) => row.count }),
      ...Object.fromEntries(
        Object.entries(spec.keys).map(([name, key]) => {
          const description = `${key.description} (null when not grouped by it).`;
          const value = (row: Row) => (row[name] ?? null) as never;
          if (key.output === 'actor')
            return [name, t.field({ type: Actor, nullable: true, description, resolve: value })];
          if (key.output === 'article')
            return [name, t.field({ type: Article, nullable: true, description, resolve: value })];
          if (key.output === 'string') return [name, t.string({ nullable: true, description, resolve: value })];
          return [name, t.field({ type: key.output.enum as never, nullable: true, description, resolve: value })];
        }),
      ),
    }),
  });
  builder.queryField(spec.field, (t) =>
    t.field({
      type: [RowType],
      description: `Counts of ${spec.noun}, grouped in the database (at most ${MAX_GROUPS} groups).`,
      extensions: { [PRICE]: MAX_GROUPS },
      args: {
        groupBy: t.arg({ type: [GroupBy] as never, required: true, description: 'The group keys, in order.' }),
        filter: t.arg({
          type: spec.filter.ref as never,
          description: `Only ${spec.noun} matching every condition given.`,
        }),
      },
      resolve: async (_root, args, ctx) => {
        const rows = (await groupRows(ctx.db, {
          from: sql`${spec.table}`,
          where: compileListFilter(args.filter as F, spec.table, spec.filter.conditions, ctx),
          dimensions: spec.keys,
          groupBy: args.groupBy as string[],
        })) as Row[];
        // Actor and article keys come back as ids: load their rows once for all groups.
        for (const [name, key] of Object.entries(spec.keys)) {
          if (key.output !== 'actor' && key.output !== 'article') continue;
          const table = key.output === 'actor' ? ctx.db.query.actors : ctx.db.query.articles;
          const found = await rowsById(
            rows.map((r) => r[name] as string | null),
            (ids) => (table as typeof ctx.db.query.actors).findMany({ where: { id: { in: ids } } }),
          );
          for (const row of rows) row[name] = typeof row[name] === 'string' ? found.get(row[name] as string) : null;
        }
        return rows;
      },
    }),
  );
}

countStats({
  field: 'measureStats',
  row: 'MeasureStatsRow',
  noun: 'measures',
  table: measures,
  filter: { ref: MeasureFilter, conditions: measureConditions },
  keys: {
    status: { description: 'The status', expression: sql`${measures.status}`, output: { enum: MeasureStatus } },
    type: { description: 'The type', expression: sql`${measures.type}`, output: { enum: MeasureType } },
    proposer: { description: 'The proposer', expression: sql`${measures.proposerId}`, output: 'actor' },
  },
});

countStats({
  field: 'quoteStats',
  row: 'QuoteStatsRow',
  noun: 'quotes',
  table: quotes,
  filter: { ref: QuoteFilter, conditions: quoteConditions },
  keys: {
    speaker: { description: 'The speaker', expression: sql`${quotes.speakerId}`, output: 'actor' },
    speakerKind: {
      description: 'The kind of speaker',
      expression: sql`(SELECT ${actors.kind} FROM ${actors} WHERE ${actors.id} = ${quotes.speakerId})`,
      output: { enum: ActorKind },
    },
    article: { description: 'The article', expression: sql`${quotes.articleId}`, output: 'article' },
    publishedYear: {
      description: 'The year the article was published',
      expression: sql`(SELECT substr(${articles.publishedOn}, 1, 4) FROM ${articles} WHERE ${articles.id} = ${quotes.articleId})`,
      output: 'string',
    },
  },
});

countStats({
  field: 'positionStats',
  row: 'PositionStatsRow',
  noun: 'positions',
  table: positions,
  filter: { ref: PositionFilter, conditions: positionConditions },
  keys: {
    question: { description: 'The policy question', expression: sql`${positions.question}`, output: 'string' },
    stance: { description: 'The stance', expression: sql`${positions.stance}`, output: { enum: Stance } },
    actor: { description: 'The actor holding the position', expression: sql`${positions.actorId}`, output: 'actor' },
  },
});
