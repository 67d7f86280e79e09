/**
 * Checks an import before anything is written: the shape (zod), every evidence span against the
 * body, and every reference between facts inside an article. All problems are collected, each
 * with the input path it concerns and a code, so an editor can fix a file in one go.
 *
 * What passes comes out as a `ValidImport` (amounts normalised, a leading BOM dropped from
 * bodies). Only this module can make one — its constructor wants a
 * token nobody else holds — and the writer takes nothing else, so no unchecked data reaches the
 * tables. References to actors stored in the database are checked by the writer, against the
 * state it writes on.
 */
import type { z } from 'zod';
import type { CurrencyCode } from '../domain.ts';
import { decimalToMinor, minorToDecimal } from '../money.ts';
import { FACT_TYPES, type FactInput } from './facts.ts';
import {
  type ActorInput,
  type ArticleInput,
  actorSchema,
  articleSchema,
  MAX_BODY_LENGTH,
  UNCLEAN_TEXT,
} from './format.ts';
import { linkOf, MEASURE_LISTS, overCapMessage } from './measure-lists.ts';
import { checkSpan } from './spans.ts';

export type ProblemCode =
  | 'INVALID'
  | 'EMPTY'
  | 'INVALID_TEXT'
  | 'INVALID_DATE'
  | 'SPAN_MISMATCH'
  | 'DUPLICATE_ID'
  | 'UNKNOWN_ACTOR'
  | 'UNKNOWN_MEASURE'
  | 'SELF_REFERENCE'
  | 'REVIEWED_FACT_CONFLICT'
  | 'EVIDENCE_NO_LONGER_MATCHES'
  | 'NOT_FOUND'
  | 'LIMIT_EXCEEDED'
  | 'LAST_EVIDENCE'
  | 'TAKEN';

export interface Problem {
  /** The input path, e.g. ['article', 'quotes', '2', 'evidence', '0']. */
  field: string[];
  code: ProblemCode;
  message: string;
  /** The path for people, naming facts by their id: `quotes[2] (king-quote).evidence[0]`. */
  label: string;
}

export class ImportError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => `${p.label}: ${p.message}`).join('\n'));
    this.name = 'ImportError';
  }
}

/** One article as it arrives: its JSON (the shape of format.ts) and its body text. */
export interface RawArticle {
  json: unknown;
  body: string;
  /** Where it came from (a file name), prefixed to its problems' labels. */
  source?: string;
}

export interface RawImport {
  actors?: unknown;
  articles: RawArticle[];
}

export interface ValidArticle {
  article: ArticleInput;
  body: string;
  /** Where the article sits in the caller's input, for the paths of later problems. */
  path: string[];
}

/** Where actors and articles sit in the caller's input (a file tree, a mutation's `input`). */
export interface InputPaths {
  actors: string[];
  article: (index: number) => string[];
  body: (index: number) => string[];
}

const FILE_PATHS: InputPaths = {
  actors: ['actors'],
  article: (i) => ['articles', String(i)],
  body: (i) => ['articles', String(i), 'body'],
};

const TOKEN = Symbol('validated');

/** An import that passed every check of this module. */
export class ValidImport {
  readonly actors: readonly ActorInput[];
  readonly articles: readonly ValidArticle[];
  constructor(token: symbol, actors: ActorInput[], articles: ValidArticle[]) {
    if (token !== TOKEN) throw new Error('A ValidImport comes only from validateImport().');
    this.actors = actors;
    this.articles = articles;
  }
}

/** Validates actors and articles together; throws an ImportError listing every problem. */
export function validateImport(raw: RawImport, paths: InputPaths = FILE_PATHS): ValidImport {
  const problems: Problem[] = [];
  const actors = raw.actors === undefined ? [] : checkActors(raw.actors, paths.actors, problems);
  const articles: ValidArticle[] = [];
  const slugs = new Set<string>();
  raw.articles.forEach((item, i) => {
    const at = paths.article(i);
    const found: Problem[] = [];
    const valid = checkArticle(item.json, stripBom(item.body), at, paths.body(i), found);
    for (const p of found) problems.push(item.source ? { ...p, label: `${item.source}: ${p.label}` } : p);
    if (!valid) return;
    if (slugs.has(valid.article.slug)) {
      problems.push(problem([...at, 'slug'], 'DUPLICATE_ID', `article "${valid.article.slug}" is imported twice`));
    }
    slugs.add(valid.article.slug);
    articles.push(valid);
  });
  if (problems.length) throw new ImportError(problems);
  return new ValidImport(TOKEN, actors, articles);
}

/** "A leading BOM is dropped": offsets always refer to the body as stored. */
function stripBom(body: string): string {
  return body.startsWith('\uFEFF') ? body.slice(1) : body;
}

function checkActors(input: unknown, at: string[], problems: Problem[]): ActorInput[] {
  const parsed = actorSchema.array().safeParse(input);
  if (!parsed.success) {
    problems.push(...zodProblems(parsed.error, input, at));
    return [];
  }
  for (const id of duplicates(parsed.data.map((a) => a.id))) {
    problems.push(problem(at, 'DUPLICATE_ID', `actor "${id}" is listed more than once`, `actors (${id})`));
  }
  return parsed.data.map((a) => ({ ...a, aliases: [...new Set(a.aliases)] }));
}

function checkArticle(
  input: unknown,
  body: string,
  at: string[],
  bodyPath: string[],
  problems: Problem[],
): ValidArticle | null {
  const parsed = articleSchema.safeParse(input);
  if (!parsed.success) {
    problems.push(...zodProblems(parsed.error, input, at));
    return null;
  }
  const article = parsed.data;
  const before = problems.length;
  if (body.length === 0 || body.length > MAX_BODY_LENGTH) {
    problems.push(problem(bodyPath, 'INVALID', `must be 1 to ${MAX_BODY_LENGTH} UTF-16 code units long`, 'body'));
  }
  // Line endings are kept as sent (a carriage return is fine); other control characters are not.
  if (UNCLEAN_TEXT.test(body.replaceAll('\r', ''))) {
    problems.push(
      problem(
        bodyPath,
        'INVALID',
        'must not contain control characters (other than tab, newline and carriage return) or lone surrogates',
        'body',
      ),
    );
  }
  const report = (path: (string | number)[], code: ProblemCode, message: string | null) => {
    if (message) problems.push(problem([...at, ...path.map(String)], code, message, labelOf(article, path)));
  };
  const measureIds = new Set(article.measures.map((m) => m.id));
  const measure = (path: (string | number)[], id: string | null) =>
    report(
      path,
      'UNKNOWN_MEASURE',
      id === null || measureIds.has(id) ? null : `names measure "${id}", which this article does not report`,
    );

  article.subheadings.forEach((span, i) => {
    report(['subheadings', i], 'SPAN_MISMATCH', checkSpan(body, span));
  });
  for (const { list } of FACT_TYPES) {
    const facts: FactInput[] = article[list];
    for (const id of duplicates(facts.map((f) => f.id))) {
      report([list], 'DUPLICATE_ID', `fact "${id}" is listed more than once`);
    }
    facts.forEach((fact, i) => {
      fact.evidence.forEach((span, j) => {
        report([list, i, 'evidence', j], 'SPAN_MISMATCH', checkSpan(body, span));
      });
    });
  }
  article.measures.forEach((m, i) => {
    measure(['measures', i, 'parent'], m.parent);
    report(['measures', i, 'parent'], 'SELF_REFERENCE', m.parent === m.id ? 'a measure cannot be its own part' : null);
  });
  article.fundingItems.forEach((f, i) => {
    measure(['fundingItems', i, 'measure'], f.measure);
    report(['fundingItems', i, 'amount'], 'INVALID', amountProblem(f.amount, f.currencyCode));
  });
  article.figures.forEach((f, i) => {
    measure(['figures', i, 'measure'], f.measure);
  });
  for (const of of MEASURE_LISTS) {
    const facts: FactInput[] = article[of.list];
    const counts = new Map<string, number>();
    for (const fact of facts) {
      const id = linkOf(fact, of.link);
      if (id !== null) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    for (const [id, count] of counts) {
      const i = article.measures.findIndex((m) => m.id === id);
      if (count > of.max && i >= 0) report(['measures', i], 'LIMIT_EXCEEDED', overCapMessage(count, of));
    }
  }
  if (problems.length > before) return null;
  return { article: normalised(article), body, path: at };
}

function amountProblem(amount: string, currency: CurrencyCode): string | null {
  try {
    decimalToMinor(amount, currency);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Amounts written one way and repeated set members dropped; the order of lists is kept, so that
 * problem paths found later (unknown actors) still point into the input as sent.
 */
function normalised(a: ArticleInput): ArticleInput {
  return {
    ...a,
    topics: [...new Set(a.topics)],
    fundingItems: a.fundingItems.map((f) => ({
      ...f,
      amount: minorToDecimal(decimalToMinor(f.amount, f.currencyCode), f.currencyCode),
      qualityFlags: [...new Set(f.qualityFlags)],
    })),
  };
}

export function problem(field: string[], code: ProblemCode, message: string, label?: string): Problem {
  return { field, code, message, label: label ?? (field.join('.') || 'input') };
}

/** `measures[2] (europol-staff).evidence[0]`: the path with each fact named by its id. */
function labelOf(root: unknown, path: (string | number)[]): string {
  let label = '';
  let node: unknown = root;
  for (const part of path) {
    node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[part] : undefined;
    label += typeof part === 'number' ? `[${part}]` : label ? `.${String(part)}` : String(part);
    const id = node !== null && typeof node === 'object' ? (node as { id?: unknown }).id : undefined;
    if (typeof part === 'number' && typeof id === 'string') label += ` (${id})`;
  }
  return label;
}

function duplicates(ids: string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(ids.filter((id) => seen.size === seen.add(id).size))];
}

/** A write's input that failed its schema: one INVALID problem per issue, at `input.<path>`. */
export function inputProblems(error: z.ZodError): Problem[] {
  return error.issues.map((issue) => problem(['input', ...pathOf(issue).map(String)], 'INVALID', issue.message));
}

function pathOf(issue: z.core.$ZodIssue): (string | number)[] {
  return issue.path.filter((p): p is string | number => typeof p !== 'symbol');
}

function zodProblems(error: z.ZodError, input: unknown, at: string[]): Problem[] {
  return error.issues.map((issue) => {
    const path = pathOf(issue);
    return problem(
      [...at, ...path.map(String)],
      listOverCap(issue) ? 'LIMIT_EXCEEDED' : 'INVALID',
      issue.message,
      labelOf(input, path) || at.join('.') || 'input',
    );
  });
}

/** A list longer than its write-time cap (caps.ts), told apart from other invalid input. */
function listOverCap(issue: z.core.$ZodIssue): boolean {
  return issue.code === 'too_big' && issue.origin === 'array';
}
