/**
 * `npm run db:synth -- --articles N [--out FILE] [--seed S] [--force]`: a synthetic dataset in its
 * own database file (default data/synthetic-<N>.db), never the real one. Progress on stderr; the
 * summary (rows per table, size, time, marker words) on stdout and in <FILE>.json.
 */
import { parseArgs } from 'node:util';
import { formatBytes, NotEnoughDiskError } from './disk.ts';
import { DEFAULT_SEED, generateSynthetic, type SyntheticSummary } from './generate.ts';
import { duration, ProgressBar } from './progress.ts';

const USAGE = 'Usage: npm run db:synth -- --articles N [--out FILE] [--seed S] [--force]';

function parse() {
  try {
    const { values } = parseArgs({
      options: {
        articles: { type: 'string' },
        out: { type: 'string' },
        seed: { type: 'string', default: DEFAULT_SEED },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    const articles = Number(values.articles?.replaceAll('_', ''));
    if (!Number.isInteger(articles) || articles < 1) throw new Error('--articles must be a positive integer');
    return { articles, out: values.out ?? `data/synthetic-${articles}.db`, seed: values.seed, force: values.force };
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

function report(s: SyntheticSummary): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const width = Math.max(...Object.keys(s.rows).map((t) => t.length));
  return [
    `Synthetic dataset: ${s.file}`,
    `  ${n(s.articles)} articles, seed "${s.seed}", ${formatBytes(s.bytes)} (${n(s.bytes)} bytes, ${n(Math.round(s.bytes / s.articles))} per article)`,
    `  elapsed ${duration(s.elapsedMs)}: migrate ${duration(s.phasesMs.migrate)}, load ${duration(s.phasesMs.load)}, indexes and search ${duration(s.phasesMs.index)}, checks ${duration(s.phasesMs.verify)}`,
    '  rows:',
    ...Object.entries(s.rows).map(([table, rows]) => `    ${table.padEnd(width)} ${n(rows).padStart(12)}`),
    `  checks: foreign_key_check empty, integrity_check ${s.verification.integrity}, ${s.verification.spansChecked} evidence spans exact`,
    ...s.verification.fts.map((f) => `    ${f.table}: ${n(f.indexed)} indexed = ${n(f.expected)} source documents`),
    '  marker words (articles whose body contains the word, found through search):',
    ...s.markers.map((m) => `    ${m.word.padEnd(14)} ${n(m.articles).padStart(9)} articles (${m.share * 100}%)`),
    `  recorded in ${s.file}.json`,
  ].join('\n');
}

const args = parse();
let bar: ProgressBar | null = null;
let phase = '';
try {
  const summary = await generateSynthetic({
    file: args.out,
    articles: args.articles,
    seed: args.seed,
    replace: args.force,
    onProgress: (p) => {
      if (p.phase !== phase) {
        bar?.finish();
        bar = null;
        phase = p.phase;
      }
      if (p.phase === 'disk') {
        console.error(`Disk: needs about ${formatBytes(p.needed)}, ${formatBytes(p.free)} free.`);
      } else if (p.phase === 'verify') {
        console.error('Checking: foreign keys, integrity, search index counts, evidence spans…');
      } else {
        bar ??=
          p.phase === 'load'
            ? new ProgressBar('Loading', 'articles')
            : new ProgressBar('Indexing', 'steps', { rate: false });
        bar.update(p.done, p.total, p.phase === 'index' ? p.step : '');
      }
    },
  });
  console.log(report(summary));
} catch (error) {
  console.error(`\n${error instanceof NotEnoughDiskError ? 'Refused. ' : ''}${(error as Error).message}`);
  process.exit(1);
}
