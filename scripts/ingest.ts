/**
 * `npm run ingest -- [--dry-run] [--json] [--published-on D] [--headline H] [--url U] [--publisher P] FILE`
 *
 * Reads an article (a source file with its ` date YYYY-MM-DD ` header, or plain UTF-8 text with
 * --published-on), proposes its facts with the extractor, and — with --dry-run — prints them
 * (one JSON object on stdout with --json; logs go to stderr) and writes nothing. Without
 * --dry-run it stores the article, its UNREVIEWED drafts and the new actors they name in
 * DATABASE_URL through the editors' write path (src/ingest/ingest-article.ts; history records the
 * editor `cli`), keeping reviewed facts as they are, and prints the change summary. Bad input
 * exits 2 with a message naming it; a failed write exits 1.
 */
import { readFileSync } from 'node:fs';
import { prepareArticle } from '../src/extract/article-input.ts';
import { extract } from '../src/extract/extract.ts';
import { parseIngestArgs, USAGE } from './ingest/args.ts';
import { loadKnownActors } from './ingest/known-actors.ts';
import { storeArticle } from './ingest/store.ts';
import { summary } from './ingest/summary.ts';

function refuse(message: string): never {
  console.error(`ingest: ${message}`);
  process.exit(2);
}

const parsed = parseIngestArgs(process.argv.slice(2));
if (!parsed.ok) refuse(`${parsed.message}\n\n${USAGE}`);
const args = parsed.args;

let bytes: Uint8Array;
try {
  bytes = readFileSync(args.file);
} catch (error) {
  refuse(`cannot read ${args.file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
}

const prepared = prepareArticle(bytes, args);
if (!prepared.ok) refuse(`${prepared.error.field} ${prepared.error.message}`);
const { article } = prepared;

if (!args.dryRun) {
  await store(bytes);
  process.exit(0);
}

async function store(input: Uint8Array): Promise<void> {
  const { publishedOn, headline, url, publisher } = args;
  const outcome = await storeArticle({ body: input, publishedOn, headline, url, publisher }, args.json);
  if (outcome === 'refused') process.exit(2);
  if (outcome === 'failed') process.exit(1);
}

const known = await loadKnownActors();
console.error(`ingest: ${known.actors.length} known actors from ${known.from}; dry run, nothing is written`);
const started = performance.now();
const extraction = extract({ body: article.body, publishedOn: article.publishedOn, actors: known.actors });
console.error(`ingest: extracted in ${(performance.now() - started).toFixed(1)} ms`);

const { body: _body, ...metadata } = article;
if (args.json) {
  process.stdout.write(`${JSON.stringify({ article: metadata, ...extraction }, null, 2)}\n`);
} else {
  process.stdout.write(summary(metadata, extraction));
}
