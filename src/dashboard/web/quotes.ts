/**
 * The quote explorer: how many quotes each speaker has (a chart, and its table), each speaker's
 * quotes, and — for the chosen one — the article with the quote's evidence spans highlighted
 * at the API's offsets. The chosen quote is in the URL (`quote=`), so it can be shared.
 */
import { barX, plot, text } from '@observablehq/plot';
import { graphql, type Waiting } from './api.ts';
import { type ArticleText, articleView, revealFirstMark } from './article.ts';
import { CHART_STYLE, COLORS, labelRoom, responsiveChart, shorten } from './chart.ts';
import { dataTable, h, words } from './dom.ts';
import { dataLinks } from './funding.ts';
import type { Filters } from './params.ts';

export const QUOTES_QUERY = `query DashboardQuotes($filter: QuoteFilter) {
  quoteStats(groupBy: [SPEAKER], filter: $filter) { speaker { id name } count }
  quotes(first: 100, filter: $filter, orderBy: { field: ARTICLE }) {
    totalCount
    nodes { id text speaker { id name } roleAsWritten article { headline publishedOn } }
  }
}`;

const CSV_QUERY = `query QuotesBySpeaker($filter: QuoteFilter) {
  quoteStats(groupBy: [SPEAKER], filter: $filter) { speaker { name } count }
}`;

export const QUOTE_QUERY = `query DashboardQuote($id: ID!) {
  node(id: $id) {
    ... on Quote {
      id text speaker { name } roleAsWritten
      evidence { start end role exact }
      article { headline publishedOn url body }
    }
  }
}`;

interface Quote {
  id: string;
  text: string;
  speaker: { id: string; name: string } | null;
  roleAsWritten: string | null;
  article: { headline: string; publishedOn: string };
}

interface QuotesData {
  quoteStats: { speaker: { id: string; name: string } | null; count: number }[];
  quotes: { totalCount: number; nodes: Quote[] };
}

interface QuoteDetail {
  node: {
    id?: string;
    text: string;
    speaker: { name: string } | null;
    evidence: { start: number; end: number; role: string; exact: string }[];
    article: ArticleText;
  } | null;
}

export const EVIDENCE_LEGEND: Record<string, string> = {
  MAIN_STATEMENT: 'the quote',
  ATTRIBUTION: 'who said it',
  CONTEXT: 'context',
  MATCH: 'search match',
};

export function quoteVariables(filters: Filters) {
  return { filter: filters.speaker ? { speaker: filters.speaker } : {} };
}

export interface QuoteChoice {
  /** Called with the quote's ID when the reader chooses it (the page puts it in the URL). */
  choose: (id: string) => void;
}

export async function renderQuotes(
  body: HTMLElement,
  filters: Filters,
  waiting: Waiting,
  options: { embed?: boolean; choice?: QuoteChoice } = {},
) {
  const variables = quoteVariables(filters);
  const data = await graphql<QuotesData>(QUOTES_QUERY, variables, waiting);
  if (data.quotes.nodes.length === 0) {
    body.replaceChildren(h('p', { class: 'empty' }, 'No quotes match these filters.'));
    return;
  }
  const counts = data.quoteStats.map((row) => ({
    speaker: row.speaker?.name ?? 'speaker not reported',
    count: row.count,
  }));
  const figure = h(
    'figure',
    {},
    responsiveChart(`Quotes per speaker: ${counts.map((c) => `${c.speaker} ${c.count}`).join(', ')}`, (width) =>
      speakerChart(counts, width),
    ),
    h('figcaption', {}, 'How many quotes of each speaker the articles report.'),
  );
  const table = dataTable(
    'Quotes per speaker',
    [
      { header: 'Speaker', cell: (row) => row.speaker },
      { header: 'Quotes', cell: (row) => row.count, numeric: true },
    ],
    counts,
  );
  if (options.embed) {
    body.replaceChildren(
      figure,
      h('details', {}, h('summary', {}, 'The numbers as a table'), table),
      dataLinks(CSV_QUERY, variables),
    );
    return;
  }
  const bySpeaker = new Map<string, Quote[]>();
  for (const quote of data.quotes.nodes) {
    const name = quote.speaker?.name ?? 'Speaker not reported';
    bySpeaker.set(name, [...(bySpeaker.get(name) ?? []), quote]);
  }
  const explorer = h(
    'div',
    { class: 'explorer' },
    ...[...bySpeaker].map(([speaker, quotes]) =>
      h(
        'section',
        { class: 'speaker', 'aria-label': `Quotes of ${speaker}` },
        h('h3', {}, `${speaker} (${quotes.length})`),
        h(
          'ul',
          { class: 'quote-list' },
          ...quotes.map((quote) =>
            h(
              'li',
              {},
              h(
                'button',
                {
                  type: 'button',
                  class: 'quote',
                  'data-quote-id': quote.id,
                  'aria-pressed': quote.id === filters.quote ? 'true' : 'false',
                  'aria-controls': 'article-view',
                },
                h('q', {}, shorten(quote.text, 160)),
                h('span', { class: 'quote-meta' }, ` — ${quote.article.headline}, ${quote.article.publishedOn}`),
              ),
            ),
          ),
        ),
      ),
    ),
  );
  explorer.addEventListener('click', (event) => {
    const button = (event.target as Element).closest('button[data-quote-id]');
    const id = button?.getAttribute('data-quote-id');
    if (!id) return;
    for (const other of explorer.querySelectorAll('button[data-quote-id]')) {
      other.setAttribute('aria-pressed', String(other === button));
    }
    options.choice?.choose(id);
  });
  body.replaceChildren(
    figure,
    table,
    h('h3', { class: 'sub' }, 'Choose a quote to read it in its article'),
    explorer,
    dataLinks(CSV_QUERY, variables),
  );
}

/** Shows the quote's article with its evidence spans marked, or says why it cannot. */
export async function showQuote(viewer: HTMLElement, id: string, waiting: Waiting, reveal: boolean) {
  const data = await graphql<QuoteDetail>(QUOTE_QUERY, { id }, waiting);
  const quote = data.node;
  if (!quote?.evidence || !quote.article) {
    viewer.replaceChildren(
      h('p', { class: 'status error', role: 'alert' }, 'No quote has this ID (quote in the address).'),
    );
    return;
  }
  const spans = quote.evidence.map((e) => ({ start: e.start, end: e.end, label: e.role }));
  const lead = `${quote.speaker?.name ?? 'An unnamed speaker'}: “${shorten(quote.text, 120)}” — ${quote.evidence.length} evidence ${quote.evidence.length === 1 ? 'span' : 'spans'} highlighted (${quote.evidence.map((e) => words(e.role)).join(', ')}).`;
  const article = articleView(quote.article, spans, lead, EVIDENCE_LEGEND);
  viewer.replaceChildren(article);
  if (reveal) revealFirstMark(article);
}

function speakerChart(counts: { speaker: string; count: number }[], width: number): Element {
  const { marginLeft, maxChars } = labelRoom(width, Math.max(...counts.map((c) => c.speaker.length)));
  const rows = counts.map((c) => ({ ...c, label: shorten(c.speaker, maxChars) }));
  return plot({
    width,
    style: CHART_STYLE,
    height: 48 + rows.length * 34,
    marginLeft,
    marginRight: 40,
    x: { label: 'Quotes →', grid: true, tickFormat: 'd', ticks: Math.min(10, Math.max(...rows.map((r) => r.count))) },
    y: { label: null, domain: rows.map((r) => r.label) },
    marks: [
      barX(rows, {
        x: 'count',
        y: 'label',
        fill: COLORS[0],
        title: (d) => `${d.speaker}: ${d.count}`,
        ariaLabel: (d) => `${d.speaker}: ${d.count}`,
      }),
      text(rows, {
        x: 'count',
        y: 'label',
        text: (d) => String(d.count),
        dx: 6,
        textAnchor: 'start',
        ariaHidden: 'true',
      }),
    ],
  }) as Element;
}
