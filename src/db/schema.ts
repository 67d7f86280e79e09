/**
 * The tables. Natural keys are the primary keys of articles, actors and facts (a slug such as
 * `europol-decryption-staff`), so re-seeding or re-importing the same facts keeps their IDs and
 * every bookmark and link survives. Money is stored in integer minor units, never as floats.
 */
import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import {
  ACTOR_KINDS,
  API_KEY_ROLES,
  CURRENCY_CODES,
  DATA_QUALITY_FLAGS,
  DATE_PRECISIONS,
  EVIDENCE_ROLES,
  FUNDING_STAGES,
  HISTORY_CHANGES,
  MEASURE_ACTOR_ROLES,
  MEASURE_STATUSES,
  MEASURE_TYPES,
  PROVENANCES,
  QUOTE_KINDS,
  REVIEW_STATUSES,
  STANCES,
} from '../domain.ts';
import { fuzzyDateSql, isDateSql, oneOf } from './constraints.ts';

const reviewColumns = {
  reviewStatus: text('review_status', { enum: REVIEW_STATUSES }).notNull().default('UNREVIEWED'),
  provenance: text('provenance', { enum: PROVENANCES }).notNull().default('SOURCE_TEXT'),
};

export const articles = sqliteTable(
  'articles',
  {
    id: text('id').primaryKey(), // the slug
    headline: text('headline').notNull(),
    headlineProvenance: text('headline_provenance', { enum: PROVENANCES }).notNull(),
    publishedOn: text('published_on').notNull(),
    publisher: text('publisher'),
    url: text('url'),
    language: text('language').notNull(),
    body: text('body').notNull(),
    sourceFile: text('source_file'),
  },
  (t) => [
    index('articles_published_on_idx').on(t.publishedOn, t.id),
    index('articles_headline_idx').on(t.headline, t.id),
    check('articles_published_on_is_date', isDateSql(t.publishedOn)),
    check('articles_headline_provenance', oneOf(t.headlineProvenance, PROVENANCES)),
  ],
);

export const articleTopics = sqliteTable(
  'article_topics',
  {
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    topic: text('topic').notNull(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.topic] }), index('article_topics_topic_idx').on(t.topic)],
);

/** Subheadings inside an article body ("Vulnerable backdoors"), so they are never read as prose. */
export const articleSubheadings = sqliteTable(
  'article_subheadings',
  {
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    exact: text('exact').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.start] }),
    check('article_subheadings_span', sql`${t.start} >= 0 AND ${t.start} < ${t.end}`),
  ],
);

export const actors = sqliteTable(
  'actors',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ACTOR_KINDS }).notNull(),
    description: text('description'),
  },
  (t) => [
    index('actors_by_kind_idx').on(t.kind, t.name, t.id),
    index('actors_by_name_idx').on(t.name, t.id),
    check('actors_kind', oneOf(t.kind, ACTOR_KINDS)),
  ],
);

export const actorAliases = sqliteTable(
  'actor_aliases',
  {
    actorId: text('actor_id')
      .notNull()
      .references(() => actors.id, { onDelete: 'cascade' }),
    alias: text('alias').notNull(),
  },
  (t) => [primaryKey({ columns: [t.actorId, t.alias] })],
);

/** An actor named in an article, with the role the article gives them there. */
export const mentions = sqliteTable(
  'mentions',
  {
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    actorId: text('actor_id')
      .notNull()
      .references(() => actors.id),
    nameAsWritten: text('name_as_written').notNull(),
    roleAsWritten: text('role_as_written'),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.actorId] }), index('mentions_actor_idx').on(t.actorId)],
);

export const measures = sqliteTable(
  'measures',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    type: text('type', { enum: MEASURE_TYPES }).notNull(),
    status: text('status', { enum: MEASURE_STATUSES }).notNull(),
    proposerId: text('proposer_id').references(() => actors.id),
    parentId: text('parent_id'),
    announcedEarliest: text('announced_earliest'),
    announcedLatest: text('announced_latest'),
    announcedPrecision: text('announced_precision', { enum: DATE_PRECISIONS }),
    announcedText: text('announced_text'),
    announcedDerivation: text('announced_derivation'),
    expectedEarliest: text('expected_earliest'),
    expectedLatest: text('expected_latest'),
    expectedPrecision: text('expected_precision', { enum: DATE_PRECISIONS }),
    expectedText: text('expected_text'),
    expectedDerivation: text('expected_derivation'),
    deadlineEarliest: text('deadline_earliest'),
    deadlineLatest: text('deadline_latest'),
    deadlinePrecision: text('deadline_precision', { enum: DATE_PRECISIONS }),
    deadlineText: text('deadline_text'),
    deadlineDerivation: text('deadline_derivation'),
    ...reviewColumns,
  },
  (t) => [
    foreignKey({ columns: [t.parentId], foreignColumns: [t.id] }),
    index('measures_by_proposer_idx').on(t.proposerId, t.id),
    index('measures_parent_idx').on(t.parentId),
    index('measures_by_status_idx').on(t.status, t.id),
    index('measures_type_idx').on(t.type),
    index('measures_title_idx').on(t.title, t.id),
    // Same expression as the DEADLINE ordering, so that ordering reads this index.
    index('measures_deadline_sort_idx').on(sql`coalesce(${t.deadlineEarliest}, '9999-12-31')`, t.id),
    check('measures_type', oneOf(t.type, MEASURE_TYPES)),
    check('measures_status', oneOf(t.status, MEASURE_STATUSES)),
    check('measures_announced_precision', oneOf(t.announcedPrecision, DATE_PRECISIONS)),
    check('measures_announced_dates', fuzzyDateSql(t.announcedEarliest, t.announcedLatest, t.announcedPrecision)),
    check('measures_expected_precision', oneOf(t.expectedPrecision, DATE_PRECISIONS)),
    check('measures_expected_dates', fuzzyDateSql(t.expectedEarliest, t.expectedLatest, t.expectedPrecision)),
    check('measures_deadline_precision', oneOf(t.deadlinePrecision, DATE_PRECISIONS)),
    check('measures_deadline_dates', fuzzyDateSql(t.deadlineEarliest, t.deadlineLatest, t.deadlinePrecision)),
    check('measures_review_status', oneOf(t.reviewStatus, REVIEW_STATUSES)),
    check('measures_provenance', oneOf(t.provenance, PROVENANCES)),
  ],
);

/** The actors a measure targets or involves, besides its proposer. */
export const measureActors = sqliteTable(
  'measure_actors',
  {
    measureId: text('measure_id')
      .notNull()
      .references(() => measures.id, { onDelete: 'cascade' }),
    actorId: text('actor_id')
      .notNull()
      .references(() => actors.id),
    role: text('role', { enum: MEASURE_ACTOR_ROLES }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.measureId, t.actorId, t.role] }),
    index('measure_actors_actor_idx').on(t.actorId),
    check('measure_actors_role', oneOf(t.role, MEASURE_ACTOR_ROLES)),
  ],
);

/** What an actor demands, supports or opposes when no measure of theirs is announced. */
export const positions = sqliteTable(
  'positions',
  {
    id: text('id').primaryKey(),
    actorId: text('actor_id')
      .notNull()
      .references(() => actors.id),
    question: text('question').notNull(),
    stance: text('stance', { enum: STANCES }).notNull(),
    summary: text('summary').notNull(),
    statedEarliest: text('stated_earliest'),
    statedLatest: text('stated_latest'),
    statedPrecision: text('stated_precision', { enum: DATE_PRECISIONS }),
    statedText: text('stated_text'),
    statedDerivation: text('stated_derivation'),
    ...reviewColumns,
  },
  (t) => [
    index('positions_by_actor_idx').on(t.actorId, t.id),
    index('positions_by_question_idx').on(t.question, t.stance, t.id),
    check('positions_stance', oneOf(t.stance, STANCES)),
    check('positions_stated_precision', oneOf(t.statedPrecision, DATE_PRECISIONS)),
    check('positions_stated_dates', fuzzyDateSql(t.statedEarliest, t.statedLatest, t.statedPrecision)),
    check('positions_review_status', oneOf(t.reviewStatus, REVIEW_STATUSES)),
    check('positions_provenance', oneOf(t.provenance, PROVENANCES)),
  ],
);

export const fundingItems = sqliteTable(
  'funding_items',
  {
    id: text('id').primaryKey(),
    purpose: text('purpose').notNull(),
    funderId: text('funder_id').references(() => actors.id),
    stage: text('stage', { enum: FUNDING_STAGES }).notNull(),
    programme: text('programme'),
    periodEarliest: text('period_earliest'),
    periodLatest: text('period_latest'),
    periodPrecision: text('period_precision', { enum: DATE_PRECISIONS }),
    periodText: text('period_text'),
    periodDerivation: text('period_derivation'),
    reportedText: text('reported_text').notNull(),
    approximate: integer('approximate', { mode: 'boolean' }).notNull(),
    /** The normalised amount in the currency's minor units (cents for EUR). */
    amountMinor: integer('amount_minor').notNull(),
    currencyCode: text('currency_code', { enum: CURRENCY_CODES }).notNull(),
    qualityNote: text('quality_note'),
    measureId: text('measure_id').references(() => measures.id),
    ...reviewColumns,
  },
  (t) => [
    index('funding_items_by_funder_idx').on(t.funderId, t.id),
    index('funding_items_measure_idx').on(t.measureId),
    index('funding_items_by_amount_idx').on(t.currencyCode, t.amountMinor, t.id),
    // Same expression as the PERIOD ordering, so that ordering reads this index.
    index('funding_items_period_sort_idx').on(sql`coalesce(${t.periodEarliest}, '9999-12-31')`, t.id),
    check('funding_items_amount_not_negative', sql`${t.amountMinor} >= 0`),
    check('funding_items_stage', oneOf(t.stage, FUNDING_STAGES)),
    check('funding_items_currency', oneOf(t.currencyCode, CURRENCY_CODES)),
    check('funding_items_period_precision', oneOf(t.periodPrecision, DATE_PRECISIONS)),
    check('funding_items_period_dates', fuzzyDateSql(t.periodEarliest, t.periodLatest, t.periodPrecision)),
    check('funding_items_review_status', oneOf(t.reviewStatus, REVIEW_STATUSES)),
    check('funding_items_provenance', oneOf(t.provenance, PROVENANCES)),
  ],
);

/** Data-quality flags on a funding item ("€100" is almost certainly a typo in the source). */
export const fundingItemFlags = sqliteTable(
  'funding_item_flags',
  {
    fundingItemId: text('funding_item_id')
      .notNull()
      .references(() => fundingItems.id, { onDelete: 'cascade' }),
    flag: text('flag', { enum: DATA_QUALITY_FLAGS }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.fundingItemId, t.flag] }),
    index('funding_item_flags_flag_idx').on(t.flag),
    check('funding_item_flags_flag', oneOf(t.flag, DATA_QUALITY_FLAGS)),
  ],
);

/** Attributed speech only: scare quotes and quoted titles are not quotes. */
export const quotes = sqliteTable(
  'quotes',
  {
    id: text('id').primaryKey(),
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id),
    speakerId: text('speaker_id').references(() => actors.id),
    speakerAsWritten: text('speaker_as_written'),
    roleAsWritten: text('role_as_written'),
    text: text('text').notNull(),
    kind: text('kind', { enum: QUOTE_KINDS }).notNull(),
    ...reviewColumns,
  },
  (t) => [
    index('quotes_by_article_idx').on(t.articleId, t.id),
    index('quotes_by_speaker_idx').on(t.speakerId, t.id),
    check('quotes_kind', oneOf(t.kind, QUOTE_KINDS)),
    check('quotes_review_status', oneOf(t.reviewStatus, REVIEW_STATUSES)),
    check('quotes_provenance', oneOf(t.provenance, PROVENANCES)),
  ],
);

/** Any other number a story cites: staff, months, identity cards, percent. */
export const figures = sqliteTable(
  'figures',
  {
    id: text('id').primaryKey(),
    value: real('value').notNull(),
    unit: text('unit').notNull(),
    reportedText: text('reported_text').notNull(),
    approximate: integer('approximate', { mode: 'boolean' }).notNull(),
    /** What the number measures, in words ("Share of calls … never viewed"); `measureId` is the measure it belongs to. */
    subject: text('subject').notNull(),
    reporterId: text('reporter_id').references(() => actors.id),
    measureId: text('measure_id').references(() => measures.id),
    ...reviewColumns,
  },
  (t) => [
    index('figures_by_unit_idx').on(t.unit, t.value, t.id),
    index('figures_by_reporter_idx').on(t.reporterId, t.id),
    index('figures_measure_idx').on(t.measureId),
    check('figures_review_status', oneOf(t.reviewStatus, REVIEW_STATUSES)),
    check('figures_provenance', oneOf(t.provenance, PROVENANCES)),
  ],
);

/** Dated happenings a story cites as context (the 2004 Madrid train bombings). */
export const events = sqliteTable(
  'events',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    place: text('place'),
    dateEarliest: text('date_earliest').notNull(),
    dateLatest: text('date_latest').notNull(),
    datePrecision: text('date_precision', { enum: DATE_PRECISIONS }).notNull(),
    dateText: text('date_text'),
    dateDerivation: text('date_derivation'),
    ...reviewColumns,
  },
  (t) => [
    index('events_by_date_idx').on(t.dateEarliest, t.id),
    index('events_name_idx').on(t.name, t.id),
    check('events_date_precision', oneOf(t.datePrecision, DATE_PRECISIONS)),
    check('events_date_dates', fuzzyDateSql(t.dateEarliest, t.dateLatest, t.datePrecision)),
    check('events_review_status', oneOf(t.reviewStatus, REVIEW_STATUSES)),
    check('events_provenance', oneOf(t.provenance, PROVENANCES)),
  ],
);

/**
 * "This article reports this fact": one row per article and fact, whatever the number of spans.
 * It lets an article list its facts without duplicates, and evidence references it so no span
 * can point at an article that does not report its fact.
 */
export const reports = sqliteTable(
  'reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    measureId: text('measure_id').references(() => measures.id, { onDelete: 'cascade' }),
    positionId: text('position_id').references(() => positions.id, { onDelete: 'cascade' }),
    fundingItemId: text('funding_item_id').references(() => fundingItems.id, { onDelete: 'cascade' }),
    quoteId: text('quote_id').references(() => quotes.id, { onDelete: 'cascade' }),
    figureId: text('figure_id').references(() => figures.id, { onDelete: 'cascade' }),
    eventId: text('event_id').references(() => events.id, { onDelete: 'cascade' }),
  },
  (t) => [
    index('reports_article_idx').on(t.articleId),
    uniqueIndex('reports_measure_article_uq').on(t.measureId, t.articleId),
    uniqueIndex('reports_position_article_uq').on(t.positionId, t.articleId),
    uniqueIndex('reports_funding_item_article_uq').on(t.fundingItemId, t.articleId),
    uniqueIndex('reports_quote_article_uq').on(t.quoteId, t.articleId),
    uniqueIndex('reports_figure_article_uq').on(t.figureId, t.articleId),
    uniqueIndex('reports_event_article_uq').on(t.eventId, t.articleId),
    check(
      'reports_exactly_one_fact',
      sql`(${t.measureId} IS NOT NULL) + (${t.positionId} IS NOT NULL) + (${t.fundingItemId} IS NOT NULL) + (${t.quoteId} IS NOT NULL) + (${t.figureId} IS NOT NULL) + (${t.eventId} IS NOT NULL) = 1`,
    ),
  ],
);

/**
 * A span of an article body that states (part of) a fact. Offsets are UTF-16 code units into
 * `articles.body`; `exact` and `sentence` are checked against the body on every write.
 */
export const evidence = sqliteTable(
  'evidence',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    measureId: text('measure_id'),
    positionId: text('position_id'),
    fundingItemId: text('funding_item_id'),
    quoteId: text('quote_id'),
    figureId: text('figure_id'),
    eventId: text('event_id'),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    exact: text('exact').notNull(),
    sentenceStart: integer('sentence_start').notNull(),
    sentenceEnd: integer('sentence_end').notNull(),
    sentence: text('sentence').notNull(),
    role: text('role', { enum: EVIDENCE_ROLES }).notNull(),
    /**
     * Added by an editor (`evidenceAdd`) rather than by an import of the article: a re-import keeps
     * such a span when it still matches the new body (the file need not list it), and refuses
     * the import, naming the fact, when it no longer does.
     */
    editorAdded: integer('editor_added', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    // A span must belong to a report of its fact by its article (NULL fact columns are not checked).
    foreignKey({
      columns: [t.measureId, t.articleId],
      foreignColumns: [reports.measureId, reports.articleId],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.positionId, t.articleId],
      foreignColumns: [reports.positionId, reports.articleId],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.fundingItemId, t.articleId],
      foreignColumns: [reports.fundingItemId, reports.articleId],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.quoteId, t.articleId], foreignColumns: [reports.quoteId, reports.articleId] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.figureId, t.articleId], foreignColumns: [reports.figureId, reports.articleId] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.eventId, t.articleId], foreignColumns: [reports.eventId, reports.articleId] }).onDelete(
      'cascade',
    ),
    index('evidence_article_idx').on(t.articleId, t.start, t.end),
    index('evidence_measure_idx').on(t.measureId, t.articleId),
    index('evidence_position_idx').on(t.positionId, t.articleId),
    index('evidence_funding_item_idx').on(t.fundingItemId, t.articleId),
    index('evidence_quote_idx').on(t.quoteId, t.articleId),
    index('evidence_figure_idx').on(t.figureId, t.articleId),
    index('evidence_event_idx').on(t.eventId, t.articleId),
    check(
      'evidence_span',
      sql`${t.start} >= 0 AND ${t.start} < ${t.end} AND ${t.sentenceStart} <= ${t.start} AND ${t.end} <= ${t.sentenceEnd}`,
    ),
    check(
      'evidence_exactly_one_fact',
      sql`(${t.measureId} IS NOT NULL) + (${t.positionId} IS NOT NULL) + (${t.fundingItemId} IS NOT NULL) + (${t.quoteId} IS NOT NULL) + (${t.figureId} IS NOT NULL) + (${t.eventId} IS NOT NULL) = 1`,
    ),
    check('evidence_role', oneOf(t.role, EVIDENCE_ROLES)),
  ],
);

/**
 * One row counting writes: every import bumps it in the same batch as its data, so response
 * caches (and ETags) built on it change exactly when the data does, whichever process wrote.
 */
export const dataRevision = sqliteTable(
  'data_revision',
  {
    id: integer('id').primaryKey(),
    revision: integer('revision').notNull(),
  },
  (t) => [check('data_revision_single_row', sql`${t.id} = 1`)],
);

/**
 * Every write, one row per object it touched: who (the API key's name, or `seed`/`cli`), when,
 * the operation, which fields changed and their values before and after. Rows never reference
 * the objects they describe, so the history of a removed or merged object stays readable.
 * `articleId` names the article a change happened in (an import, a span), so a purge can find it.
 */
export const history = sqliteTable(
  'history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** One id per write: the rows of one import share it. */
    writeId: text('write_id').notNull(),
    at: text('at').notNull(),
    editor: text('editor').notNull(),
    operation: text('operation').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectKey: text('subject_key').notNull(),
    change: text('change', { enum: HISTORY_CHANGES }).notNull(),
    articleId: text('article_id'),
    changedFields: text('changed_fields', { mode: 'json' }).$type<string[]>().notNull(),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
    note: text('note'),
  },
  (t) => [
    index('history_subject_idx').on(t.subjectType, t.subjectKey, t.id),
    index('history_article_idx').on(t.articleId),
    check('history_change', oneOf(t.change, HISTORY_CHANGES)),
  ],
);

/**
 * Optimistic concurrency for writers in different processes: a write plans against the data
 * revision it read, and the first statement of its batch inserts (planned, current) here. When
 * another process wrote in between, the CHECK fails, the whole batch rolls back and the writer
 * plans again. The batch deletes its row at the end, so the table is always empty.
 */
export const writeGuards = sqliteTable(
  'write_guards',
  {
    id: integer('id').primaryKey(),
    planned: integer('planned').notNull(),
    current: integer('current').notNull(),
  },
  (t) => [check('write_guards_revision_unchanged', sql`${t.planned} = ${t.current}`)],
);

/**
 * API keys of editors and admins. Only the SHA-256 of a key is stored (hex), never the key. The
 * name is public: history shows it as the editor. A revoked key keeps its row, so its name stays
 * taken and its history stays attributable.
 */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    name: text('name').primaryKey(),
    role: text('role', { enum: API_KEY_ROLES }).notNull(),
    sha256: text('sha256').notNull(),
    createdAt: text('created_at').notNull(),
    /** Updated at most hourly, and only by servers that may write. */
    lastUsedAt: text('last_used_at'),
    revokedAt: text('revoked_at'),
  },
  (t) => [uniqueIndex('api_keys_sha256_uq').on(t.sha256), check('api_keys_role', oneOf(t.role, API_KEY_ROLES))],
);

/**
 * Actors merged into others (`actorMerge`): the old ID keeps resolving, through `node`, to the
 * actor it was merged into. No foreign key on `fromId`: that actor no longer exists.
 */
export const actorRedirects = sqliteTable('actor_redirects', {
  fromId: text('from_id').primaryKey(),
  toId: text('to_id')
    .notNull()
    .references(() => actors.id, { onDelete: 'cascade' }),
});
