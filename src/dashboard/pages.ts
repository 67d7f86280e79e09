/**
 * The dashboard's HTML pages: `/dashboard`, and one standalone page per chart under `/embed/`.
 * Static shells: the script (built by build.ts) reads the URL's filters and asks the public API.
 * Platform-neutral strings only, so the same pages are files on Node and static assets on Pages.
 */

/** The charts that have an embed URL, `/embed/<chart>`. */
export const EMBED_CHARTS = {
  funding: 'Funding by stage, funder and currency',
  measures: 'Measures: deadlines and status',
  quotes: 'Quotes per speaker',
} as const;

export type EmbedChart = keyof typeof EMBED_CHARTS;

export interface PageAssets {
  script: string;
  style: string;
}

function shell(title: string, bodyAttributes: string, body: string, assets: PageAssets): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${title}</title>
<link rel="stylesheet" href="${assets.style}">${assets.script ? `\n<script type="module" src="${assets.script}"></script>` : ''}
</head>
<body ${bodyAttributes}>
${body}
</body>
</html>
`;
}

export function dashboardPage(assets: PageAssets): string {
  const body = `<a class="skip" href="#main">Skip to the charts</a>
<header class="site">
<h1>Dossier dashboard</h1>
<p>EU security-policy facts reported in the news, each traced to the words that reported it. Data: the public <a href="/graphql">GraphQL API</a>.</p>
</header>
<main id="main">
<noscript><p class="notice">This dashboard needs JavaScript. The same data is available as <a href="/persisted/funding-summary.csv">CSV</a> and through <a href="/graphql">GraphQL</a>.</p></noscript>
<div id="app"><p role="status">Loading…</p></div>
</main>`;
  return shell('Dossier dashboard', 'data-view="dashboard"', body, assets);
}

export function embedPage(chart: EmbedChart, assets: PageAssets): string {
  const body = `<main id="main" class="embed">
<noscript><p class="notice">This chart needs JavaScript.</p></noscript>
<div id="app"><p role="status">Loading…</p></div>
</main>`;
  return shell(`${EMBED_CHARTS[chart]} — Dossier`, `data-view="embed" data-chart="${chart}"`, body, assets);
}

/** Answered, with status 404, for a path that is no page (e.g. an unknown `/embed/<chart>`). */
export function notFoundPage(assets: PageAssets): string {
  const embeds = Object.entries(EMBED_CHARTS)
    .map(([chart, title]) => `<li><a href="/embed/${chart}">/embed/${chart}</a>: ${title}</li>`)
    .join('\n');
  const body = `<main id="main">
<h1>Not found</h1>
<p class="notice" role="alert">There is no page at this address.</p>
<p>The dashboard is at <a href="/dashboard">/dashboard</a>. Charts that can be embedded:</p>
<ul>
${embeds}
</ul>
<p>The API is at <a href="/graphql">/graphql</a>.</p>
</main>`;
  return shell('Not found — Dossier', 'data-view="not-found"', body, { ...assets, script: '' });
}
