/**
 * The article viewer: the stored body as text, with spans marked at the API's UTF-16 offsets
 * (evidence of a quote, or a search's matches). Body and marks are text nodes and <mark>
 * elements, so the viewer's text is exactly the body and each mark exactly body.slice(start, end).
 */
import { h, words } from './dom.ts';
import { highlightRuns, type Span } from './highlight.ts';

export interface ArticleText {
  headline: string;
  publishedOn: string;
  url: string | null;
  body: string;
}

export function articleView(
  article: ArticleText,
  spans: Span[],
  lead: string,
  legend: Record<string, string>,
): HTMLElement {
  const runs = highlightRuns(article.body, spans);
  const body = h('div', { class: 'article-body', 'data-testid': 'article-body' });
  for (const run of runs) {
    if (run.labels.length === 0) {
      body.append(run.text);
    } else {
      body.append(
        h(
          'mark',
          {
            class: run.labels.map((label) => `span-${label.toLowerCase()}`).join(' '),
            'data-start': run.start,
            'data-end': run.end,
            'data-role': run.labels.join(' '),
            title: run.labels.map((label) => legend[label] ?? words(label)).join(', '),
          },
          run.text,
        ),
      );
    }
  }
  const used = [...new Set(spans.map((span) => span.label))];
  return h(
    'article',
    { class: 'article', 'aria-labelledby': 'article-headline', tabindex: -1 },
    h('h3', { id: 'article-headline' }, article.headline),
    h(
      'p',
      { class: 'meta' },
      `Published ${article.publishedOn}`,
      ...(article.url ? [' · ', h('a', { href: article.url, rel: 'noopener' }, 'source')] : []),
    ),
    h('p', { class: 'lead' }, lead),
    h(
      'ul',
      { class: 'legend', 'aria-label': 'Highlights' },
      ...used.map((label) =>
        h('li', {}, h('mark', { class: `span-${label.toLowerCase()}` }, legend[label] ?? words(label))),
      ),
    ),
    body,
  );
}

/** Moves the reader to the first highlight: focus on the article, the mark in view. */
export function revealFirstMark(article: HTMLElement): void {
  article.focus({ preventScroll: true });
  const first = article.querySelector('.article-body mark');
  (first ?? article).scrollIntoView({ block: 'center' });
}
