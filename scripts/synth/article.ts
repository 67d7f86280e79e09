/**
 * One synthetic article's rows: the article and its topics, subheading, mentions, ~5 quotes,
 * ~3 measures, ~2 funding items, ~3 figures, ~1 position, occasionally events, a report per
 * fact, and evidence spans whose offsets and sentences are true for the body written here.
 * Filler prose between the facts uses the Zipf vocabulary and carries the article's markers.
 */
import { Sentences } from './body.ts';
import { publishedOn } from './dates.ts';
import { ArticleDraft } from './draft.ts';
import { writeEvent } from './facts-events.ts';
import { writeMeasure, writeReReport } from './facts-measures.ts';
import { writeFigure, writeFunding } from './facts-numbers.ts';
import { writePosition, writeQuote } from './facts-speech.ts';
import type { Rows } from './rows.ts';
import { capitalize } from './vocabulary.ts';
import type { SyntheticWorld } from './world.ts';

/** Article `n` (0-based) has the key `synthetic-0000042`: sorted keys are in generation order. */
export function articleId(n: number): string {
  return `synthetic-${String(n).padStart(7, '0')}`;
}

/** A sentence of filler prose, with these marker words placed among its words. */
function writeFiller(a: ArticleDraft, markers: string[]): void {
  const words = a.phrase(6, 16).split(' ');
  for (const marker of markers) words.splice(a.rng.int(1, words.length), 0, marker);
  a.body.sentence();
  a.body.write(`${capitalize(words.join(' '))}.`);
}

export function syntheticArticle(world: SyntheticWorld, n: number): Rows {
  const { rng } = world;
  const id = articleId(n);
  const published = publishedOn(rng);
  const a = new ArticleDraft(world, id, published);

  const measureCount = rng.int(1, 5);
  a.measureIds = Array.from({ length: measureCount }, (_, i) => `${id}-measure-${i}`);
  const packageId = measureCount >= 2 && rng.chance(0.3) ? (a.measureIds[0] as string) : null;
  const eventCount = rng.chance(0.3) ? (rng.chance(0.85) ? 1 : 2) : 0;
  const reReport = world.recentMeasures.length && rng.chance(0.1) ? rng.pick(world.recentMeasures) : null;
  const seenEvents = new Set<string>();
  // Each piece writes one sentence; the package comes first among the measures.
  const facts: (() => void)[] = [
    ...Array.from({ length: rng.int(3, 7) }, (_, i) => () => writeQuote(a, i)),
    ...Array.from({ length: rng.int(0, 4) }, (_, i) => () => writeFunding(a, i)),
    ...Array.from({ length: rng.int(1, 5) }, (_, i) => () => writeFigure(a, i)),
    ...Array.from({ length: rng.int(0, 2) }, (_, i) => () => writePosition(a, i)),
    ...Array.from({ length: eventCount }, () => () => writeEvent(a, seenEvents)),
    ...(reReport ? [() => writeReReport(a, reReport)] : []),
    ...a.measureIds
      .slice(packageId ? 1 : 0)
      .map((_, i) => () => writeMeasure(a, i + (packageId ? 1 : 0), false, packageId)),
  ];
  rng.shuffle(facts);
  if (packageId) facts.unshift(() => writeMeasure(a, 0, true, null));

  // Fillers: a lead, then some between the facts; the markers go into random fillers.
  const fillerMarkers: string[][] = Array.from({ length: rng.int(3, 6) }, () => []);
  for (const marker of world.markersOf(n)) fillerMarkers[rng.int(0, fillerMarkers.length - 1)]?.push(marker);
  const [lead, ...others] = fillerMarkers as [string[], ...string[][]];
  const pieces = [...facts, ...others.map((m) => () => writeFiller(a, m))];
  rng.shuffle(pieces);
  pieces.unshift(() => writeFiller(a, lead));
  const subheadingAt = rng.chance(0.25) ? rng.int(3, pieces.length - 1) : -1;

  pieces.forEach((write, i) => {
    if (i === subheadingAt) {
      a.body.paragraph();
      a.body.sentence();
      const heading = a.body.write(capitalize(a.phrase(2, 4)));
      a.rows.articleSubheadings.push({ articleId: id, start: heading.start, end: heading.end, exact: heading.exact });
      a.body.paragraph();
    } else if (i > 0 && rng.chance(0.4)) {
      a.body.paragraph();
    }
    write();
  });

  const body = a.body.text();
  const rows = a.rows;
  rows.articles.push({
    id,
    headline: `Synthetic: ${capitalize(a.phrase(5, 9))}`,
    headlineProvenance: rng.chance(0.3) ? 'EDITORS' : 'SOURCE_TEXT',
    publishedOn: published,
    publisher: rng.chance(0.8) ? rng.pick(world.publishers) : null,
    url: rng.chance(0.7) ? `https://synthetic.example/articles/${id}` : null,
    language: 'en',
    body,
    sourceFile: null,
  });
  const topics = new Set(Array.from({ length: rng.int(1, 4) }, () => world.topics.pick(rng)));
  for (const topic of topics) rows.articleTopics.push({ articleId: id, topic });
  for (const [actorId, m] of a.mentions) rows.mentions.push({ articleId: id, actorId, ...m });
  for (const { column, factId } of a.reports) {
    rows.reports.push({ id: world.nextReportId++, articleId: id, [column]: factId });
  }
  const sentences = new Sentences(body);
  for (const { column, factId, span, role } of a.spans) {
    rows.evidence.push({
      id: world.nextEvidenceId++,
      articleId: id,
      [column]: factId,
      start: span.start,
      end: span.end,
      exact: span.exact,
      role,
      ...sentences.of(span),
    });
  }
  world.remember(rows);
  return rows;
}
