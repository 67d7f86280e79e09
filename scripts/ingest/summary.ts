/** The dry run without --json: the proposals as a short text for a person to read. */
import type { PreparedArticle } from '../../src/extract/article-input.ts';
import type { Extraction } from '../../src/extract/types.ts';

export function summary(article: Omit<PreparedArticle, 'body'>, x: Extraction): string {
  const lines = [
    `${article.slug} (${article.publishedOn}) — ${article.headline}`,
    `${x.quotes.length} quotes, ${x.amounts.length} amounts, ${x.figures.length} figures, ${x.dates.length} dates, ${x.positions.length} positions, ${x.actors.length} actors (${x.extractorVersion})`,
    '',
    ...x.quotes.map((q) => `quote    ${q.speaker ?? '?'}: "${q.text}"`),
    ...x.amounts.map(
      (a) =>
        `amount   ${a.reportedText} = ${a.amount} ${a.currencyCode}${a.qualityFlags.length ? ` [${a.qualityFlags.join(', ')}]` : ''}`,
    ),
    ...x.figures.map(
      (f) => `figure   ${f.reportedText} = ${f.value} ${f.unit}${f.reportedBy ? ` (${f.reportedBy})` : ''}`,
    ),
    ...x.dates.map((d) => `date     ${d.reportedText} = ${d.earliest}..${d.latest} ${d.precision}`),
    ...x.positions.map((p) => `position ${p.actor} ${p.stance} ${p.question}`),
    ...x.actors.map((a) => `actor    ${a.name} (${a.kind}${a.isNew ? ', new' : ''})`),
  ];
  return `${lines.join('\n')}\n`;
}
