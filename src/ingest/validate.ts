/**
 * Checks an article and its facts before anything is written: the shape (zod), every evidence
 * span against the body, and every reference between facts and actors. All problems are
 * collected, each with the path of the fact it concerns, so an editor can fix a file in one go.
 */
import type { z } from 'zod';
import { type ActorInput, type ArticleInput, actorSchema, articleSchema } from './format.ts';
import { checkSpan } from './spans.ts';

export interface Problem {
  path: string;
  message: string;
}

export class ImportError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
    this.name = 'ImportError';
  }
}

const FACT_LISTS = ['measures', 'positions', 'fundingItems', 'quotes', 'figures', 'events'] as const;

export function validateActors(input: unknown): ActorInput[] {
  const parsed = actorSchemaList.safeParse(input);
  if (!parsed.success) throw new ImportError(zodProblems(parsed.error, input, 'actors'));
  const problems: Problem[] = [];
  duplicates(parsed.data.map((a) => a.id)).forEach((id) => {
    problems.push({ path: `actors (${id})`, message: 'this id is used more than once' });
  });
  if (problems.length) throw new ImportError(problems);
  return parsed.data;
}

const actorSchemaList = actorSchema.array();

/** `knownActors` are the actor ids the article may refer to (from the same import or the database). */
export function validateArticle(input: unknown, body: string, knownActors: ReadonlySet<string>): ArticleInput {
  const parsed = articleSchema.safeParse(input);
  if (!parsed.success) throw new ImportError(zodProblems(parsed.error, input, 'article'));
  const article = parsed.data;
  const problems: Problem[] = [];
  const report = (path: string, message: string | null) => {
    if (message) problems.push({ path, message });
  };
  const actor = (path: string, id: string | null) =>
    report(path, id === null || knownActors.has(id) ? null : `names actor "${id}", which does not exist`);
  const measureIds = new Set(article.measures.map((m) => m.id));
  const measure = (path: string, id: string | null) =>
    report(
      path,
      id === null || measureIds.has(id) ? null : `names measure "${id}", which this article does not report`,
    );

  article.subheadings.forEach((span, i) => {
    report(`article.subheadings[${i}]`, checkSpan(body, span));
  });
  article.mentions.forEach((m, i) => {
    actor(`article.mentions[${i}].actor`, m.actor);
  });
  for (const list of FACT_LISTS) {
    const facts: { id: string; evidence: ArticleInput['measures'][number]['evidence'] }[] = article[list];
    for (const id of duplicates(facts.map((f) => f.id))) {
      report(`${list} (${id})`, 'this id is used more than once');
    }
    facts.forEach((fact, i) => {
      fact.evidence.forEach((span, j) => {
        report(`${list}[${i}] (${fact.id}).evidence[${j}]`, checkSpan(body, span));
      });
    });
  }
  article.measures.forEach((m, i) => {
    const at = `measures[${i}] (${m.id})`;
    actor(`${at}.proposer`, m.proposer);
    m.actors.forEach((a, j) => {
      actor(`${at}.actors[${j}].actor`, a.actor);
    });
    measure(`${at}.parent`, m.parent);
    report(`${at}.parent`, m.parent === m.id ? 'a measure cannot be its own part' : null);
  });
  article.positions.forEach((p, i) => {
    actor(`positions[${i}] (${p.id}).actor`, p.actor);
  });
  article.fundingItems.forEach((f, i) => {
    actor(`fundingItems[${i}] (${f.id}).funder`, f.funder);
    measure(`fundingItems[${i}] (${f.id}).measure`, f.measure);
  });
  article.quotes.forEach((q, i) => {
    actor(`quotes[${i}] (${q.id}).speaker`, q.speaker);
  });
  article.figures.forEach((f, i) => {
    actor(`figures[${i}] (${f.id}).reportedBy`, f.reportedBy);
    measure(`figures[${i}] (${f.id}).measure`, f.measure);
  });
  if (problems.length) throw new ImportError(problems);
  return article;
}

function duplicates(ids: string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(ids.filter((id) => seen.size === seen.add(id).size))];
}

/** zod paths as `measures[2] (europol-staff).evidence[0].start`, naming the fact by its id. */
function zodProblems(error: z.ZodError, input: unknown, root: string): Problem[] {
  return error.issues.map((issue) => {
    let path = '';
    let node: unknown = input;
    for (const part of issue.path) {
      node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[part] : undefined;
      path += typeof part === 'number' ? `[${part}]` : path ? `.${String(part)}` : String(part);
      const id = node !== null && typeof node === 'object' ? (node as { id?: unknown }).id : undefined;
      if (typeof part === 'number' && typeof id === 'string') path += ` (${id})`;
    }
    return { path: path || root, message: issue.message };
  });
}
