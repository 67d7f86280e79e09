/**
 * Search over everything (the API's `search`): each hit with the API's snippet, shown safely —
 * the snippet's escaped text as text, its <mark>s as marks, nothing else as markup. A hit in an
 * article body opens the article with every match marked at the API's offsets; a quote hit
 * opens the quote.
 */
import { graphql, type Waiting } from './api.ts';
import { type ArticleText, articleView, revealFirstMark } from './article.ts';
import { h, words } from './dom.ts';
import { snippetParts } from './snippet.ts';

export const SEARCH_QUERY = `query DashboardSearch($q: String!) {
  search(query: $q, first: 20) {
    totalCount
    nodes {
      type field snippet matches { start end }
      node {
        id
        ... on Article { slug headline }
        ... on Quote { speaker { name } }
        ... on Measure { title }
        ... on Position { actor { name } }
        ... on FundingItem { purpose }
      }
    }
  }
}`;

const ARTICLE_QUERY = `query DashboardArticle($slug: String!) {
  article(slug: $slug) { headline publishedOn url body }
}`;

interface Hit {
  type: string;
  field: string;
  snippet: string;
  matches: { start: number; end: number }[];
  node: {
    id: string;
    slug?: string;
    headline?: string;
    speaker?: { name: string } | null;
    title?: string;
    actor?: { name: string } | null;
    purpose?: string;
  };
}

export interface SearchActions {
  openQuote: (id: string) => void;
  /** Where an article with marked matches is shown. */
  viewer: HTMLElement;
}

export async function renderSearch(results: HTMLElement, q: string, waiting: Waiting, actions: SearchActions) {
  const data = await graphql<{ search: { totalCount: number; nodes: Hit[] } }>(SEARCH_QUERY, { q }, waiting);
  const { totalCount, nodes } = data.search;
  if (nodes.length === 0) {
    results.replaceChildren(h('p', { class: 'empty' }, `Nothing found for “${q}”.`));
    return;
  }
  const list = h(
    'ol',
    { class: 'hits' },
    ...nodes.map((hit) => {
      const snippet = h('p', { class: 'snippet' });
      for (const part of snippetParts(hit.snippet)) snippet.append(part.marked ? h('mark', {}, part.text) : part.text);
      const opens = hit.type === 'QUOTE' || (hit.type === 'ARTICLE' && hit.field === 'body');
      return h(
        'li',
        {},
        h(
          'p',
          { class: 'hit-title' },
          h('span', { class: 'hit-type' }, `${words(hit.type)} · ${hit.field}`),
          ' ',
          title(hit),
        ),
        snippet,
        opens
          ? h(
              'button',
              { type: 'button', class: 'open', 'data-hit': hit.node.id, 'aria-controls': 'article-view' },
              hit.type === 'QUOTE' ? 'Show this quote in its article' : 'Show every match in the article',
            )
          : '',
      );
    }),
  );
  list.addEventListener('click', (event) => {
    const button = (event.target as Element).closest('button[data-hit]');
    const hit = nodes.find((n) => n.node.id === button?.getAttribute('data-hit'));
    if (!hit) return;
    if (hit.type === 'QUOTE') actions.openQuote(hit.node.id);
    else void openArticleMatches(actions.viewer, hit, waiting);
  });
  results.replaceChildren(
    h(
      'p',
      { class: 'count' },
      `${totalCount} ${totalCount === 1 ? 'hit' : 'hits'} for “${q}”${totalCount > nodes.length ? ` (the best ${nodes.length} shown)` : ''}.`,
    ),
    list,
  );
}

function title(hit: Hit): string {
  const node = hit.node;
  return node.headline ?? node.title ?? node.purpose ?? node.actor?.name ?? node.speaker?.name ?? '';
}

async function openArticleMatches(viewer: HTMLElement, hit: Hit, waiting: Waiting) {
  try {
    const data = await graphql<{ article: ArticleText | null }>(ARTICLE_QUERY, { slug: hit.node.slug }, waiting);
    if (!data.article) throw new Error('The article is no longer there.');
    const spans = hit.matches.map((m) => ({ start: m.start, end: m.end, label: 'MATCH' }));
    const lead = `${hit.matches.length} ${hit.matches.length === 1 ? 'match' : 'matches'} of the search marked.`;
    const article = articleView(data.article, spans, lead, { MATCH: 'search match' });
    viewer.replaceChildren(article);
    revealFirstMark(article);
  } catch (error) {
    viewer.replaceChildren(h('p', { class: 'status error', role: 'alert' }, (error as Error).message));
  }
}
