/**
 * The naive peer's object types, the graphql-js tutorial way: a class per type, a property per
 * scalar field, a method per field that needs work — graphql's default resolver calls it with
 * (args, context). Every relation method asks the Source for its own parent only; with the
 * direct Source that is one statement per parent (N+1). `__typename` lets graphql resolve the
 * Node and Fact interfaces without any extra code.
 */
import type { CurrencyCode } from '../../../src/domain.ts';
import { minorToDecimal } from '../../../src/money.ts';
import { globalId } from '../ids.ts';
import { type ConnectionArgs, offsetConnection } from './connection.ts';
import type { Row, Source } from './source.ts';

export interface Context {
  source: Source;
}

const many = <T>(rows: Promise<Row[]>, make: (row: Row) => T) => rows.then((list) => list.map(make));
const maybe = <T>(row: Promise<Row | undefined>, make: (row: Row) => T) => row.then((r) => (r ? make(r) : null));

class FactFields {
  reviewStatus: string;
  provenance: string;
  constructor(row: Row) {
    this.reviewStatus = row.review_status;
    this.provenance = row.provenance;
  }
}

export class Actor {
  readonly __typename = 'Actor';
  key: string;
  name: string;
  kind: string;
  description: string | null;
  constructor(row: Row) {
    this.key = row.id;
    this.name = row.name;
    this.kind = row.kind;
    this.description = row.description;
  }
  id() {
    return globalId('Actor', this.key);
  }
}

const actor = (source: Source, key: string | null) => (key ? maybe(source.actor(key), (r) => new Actor(r)) : null);

export class Article {
  readonly __typename = 'Article';
  slug: string;
  headline: string;
  headlineProvenance: string;
  publishedOn: string;
  publisher: string | null;
  url: string | null;
  language: string;
  body: string;
  sourceFile: string | null;
  constructor(row: Row) {
    this.slug = row.id;
    this.headline = row.headline;
    this.headlineProvenance = row.headline_provenance;
    this.publishedOn = row.published_on;
    this.publisher = row.publisher;
    this.url = row.url;
    this.language = row.language;
    this.body = row.body;
    this.sourceFile = row.source_file;
  }
  id() {
    return globalId('Article', this.slug);
  }
  topics(_args: unknown, { source }: Context) {
    return source.topicsOf(this.slug);
  }
  quotes(args: ConnectionArgs, { source }: Context) {
    return offsetConnection(
      args,
      (limit, offset) => many(source.quotesOf(this.slug, limit, offset), (r) => new Quote(r)),
      () => source.countQuotesOf(this.slug),
    );
  }
  measures(args: ConnectionArgs, { source }: Context) {
    return offsetConnection(
      args,
      (limit, offset) => many(source.measuresOf(this.slug, limit, offset), (r) => new Measure(r)),
      () => source.countMeasuresOf(this.slug),
    );
  }
}

export class Quote extends FactFields {
  readonly __typename = 'Quote';
  key: string;
  text: string;
  kind: string;
  speakerAsWritten: string | null;
  roleAsWritten: string | null;
  #speakerKey: string | null;
  #articleKey: string;
  constructor(row: Row) {
    super(row);
    this.key = row.id;
    this.text = row.text;
    this.kind = row.kind;
    this.speakerAsWritten = row.speaker_as_written;
    this.roleAsWritten = row.role_as_written;
    this.#speakerKey = row.speaker_id;
    this.#articleKey = row.article_id;
  }
  id() {
    return globalId('Quote', this.key);
  }
  speaker(_args: unknown, { source }: Context) {
    return actor(source, this.#speakerKey);
  }
  article(_args: unknown, { source }: Context) {
    return maybe(source.article(this.#articleKey), (r) => new Article(r));
  }
}

export class Measure extends FactFields {
  readonly __typename = 'Measure';
  key: string;
  title: string;
  summary: string;
  type: string;
  status: string;
  #proposerKey: string | null;
  constructor(row: Row) {
    super(row);
    this.key = row.id;
    this.title = row.title;
    this.summary = row.summary;
    this.type = row.type;
    this.status = row.status;
    this.#proposerKey = row.proposer_id;
  }
  id() {
    return globalId('Measure', this.key);
  }
  proposer(_args: unknown, { source }: Context) {
    return actor(source, this.#proposerKey);
  }
  fundingItems(_args: unknown, { source }: Context) {
    return many(source.fundingItemsOf(this.key), (r) => new FundingItem(r));
  }
}

export class FundingItem extends FactFields {
  readonly __typename = 'FundingItem';
  key: string;
  purpose: string;
  stage: string;
  programme: string | null;
  qualityNote: string | null;
  #row: Row;
  constructor(row: Row) {
    super(row);
    this.key = row.id;
    this.purpose = row.purpose;
    this.stage = row.stage;
    this.programme = row.programme;
    this.qualityNote = row.quality_note;
    this.#row = row;
  }
  id() {
    return globalId('FundingItem', this.key);
  }
  amount() {
    const currencyCode = this.#row.currency_code as CurrencyCode;
    return {
      reportedText: this.#row.reported_text,
      approximate: Boolean(this.#row.approximate),
      amount: minorToDecimal(Number(this.#row.amount_minor), currencyCode),
      currencyCode,
    };
  }
  qualityFlags(_args: unknown, { source }: Context) {
    return source.flagsOf(this.key);
  }
  funder(_args: unknown, { source }: Context) {
    return actor(source, this.#row.funder_id);
  }
  measure(_args: unknown, { source }: Context) {
    const key = this.#row.measure_id;
    return key ? maybe(source.measure(key), (r) => new Measure(r)) : null;
  }
  evidence(_args: unknown, { source }: Context) {
    return many(source.evidenceOf(this.key), (r) => new Evidence(r));
  }
}

export class Evidence {
  start: number;
  end: number;
  exact: string;
  sentence: string;
  sentenceStart: number;
  sentenceEnd: number;
  role: string;
  #articleKey: string;
  constructor(row: Row) {
    this.start = row.start;
    this.end = row.end;
    this.exact = row.exact;
    this.sentence = row.sentence;
    this.sentenceStart = row.sentence_start;
    this.sentenceEnd = row.sentence_end;
    this.role = row.role;
    this.#articleKey = row.article_id;
  }
  article(_args: unknown, { source }: Context) {
    return maybe(source.article(this.#articleKey), (r) => new Article(r));
  }
}

export class Position extends FactFields {
  readonly __typename = 'Position';
  key: string;
  question: string;
  stance: string;
  summary: string;
  constructor(row: Row) {
    super(row);
    this.key = row.id;
    this.question = row.question;
    this.stance = row.stance;
    this.summary = row.summary;
  }
  id() {
    return globalId('Position', this.key);
  }
}

/** The object behind a global ID's type and key, or null. */
export function loadNode(source: Source, type: string, key: string) {
  switch (type) {
    case 'Article':
      return maybe(source.article(key), (r) => new Article(r));
    case 'Actor':
      return maybe(source.actor(key), (r) => new Actor(r));
    case 'Measure':
      return maybe(source.measure(key), (r) => new Measure(r));
    case 'Quote':
      return maybe(source.quote(key), (r) => new Quote(r));
    case 'FundingItem':
      return maybe(source.fundingItem(key), (r) => new FundingItem(r));
    case 'Position':
      return maybe(source.position(key), (r) => new Position(r));
    default:
      return null;
  }
}
