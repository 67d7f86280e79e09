/**
 * What a person does with the dashboard, as checks in Chromium, run against any server that
 * serves it (the Node server, and the edge function in workerd over sqld). Each compares what
 * the page shows — its data tables, its highlights — with the public API's answer and with the
 * seed article's facts, and saves a screenshot named after the scenario and the server.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { closeSession, openSession, type Session, screenshot } from './chromium.ts';

const SEED = JSON.parse(
  readFileSync(new URL('../../seeds/articles/2017-10-18-eu-police-decryption-plan.json', import.meta.url), 'utf8'),
);
const FLAGGED_NOTE: string = SEED.fundingItems.find(
  (f: { reportedText: string }) => f.reportedText === '€100',
).qualityNote;

/** One check of the dashboard: a browser, the server's base URL, and the server's name for screenshots. */
export type Scenario = (browser: Browser, base: string, server: string) => Promise<void>;

export async function api<T = any>(base: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data as T;
}

/** A data table's body rows as arrays of cell texts (whitespace collapsed). */
async function tableRows(page: Page, caption: RegExp): Promise<string[][]> {
  const table = page.locator('table', { has: page.locator('caption', { hasText: caption }) });
  await table.waitFor();
  return table
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [...row.children].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim())),
    );
}

async function withSession(
  browser: Browser,
  run: (session: Session) => Promise<void>,
  viewport?: { width: number; height: number },
) {
  const session = await openSession(browser, viewport);
  await run(session);
  await closeSession(session);
}

export async function fundingTable(browser: Browser, base: string, server: string) {
  await withSession(browser, async ({ page }) => {
    await page.goto(`${base}/dashboard`);
    const items = await tableRows(page, /^Funding items/);
    const fromApi = await api(
      base,
      '{ fundingItems(first: 100, orderBy: { field: AMOUNT, direction: DESC }) { nodes { purpose amount { reportedText amount } qualityFlags } } }',
    );
    // The table says what the API says, in the API's order…
    expect(items.map((row) => row[0])).toEqual(fromApi.fundingItems.nodes.map((n: any) => n.purpose));
    // …and what the source article says: the amounts as reported and normalised, the €100 flagged.
    expect(items.map((row) => row.slice(1, 3))).toEqual([
      ['€18.5 million (approx.)', 'EUR 18,500,000.00'],
      ['€500,000', 'EUR 500,000.00'],
      ['€100', 'EUR 100.00'],
    ]);
    expect(items[2]?.[6]).toBe('⚠ Flagged: implausible amount, suspected typo');
    expect(items[0]?.[6]).toBe('no flags');
    const flaggedRow = page.locator('tr.flagged');
    await expect.poll(() => flaggedRow.count()).toBe(1);
    expect(await flaggedRow.locator('td').nth(0).textContent()).toBe('€100');
    // The flag's note, in words, next to the chart.
    const note = page.locator('.flag-note');
    expect(await note.count()).toBe(1);
    expect(await note.textContent()).toContain('⚠ Flagged: “€100”');
    expect(await note.locator('.note').textContent()).toBe(FLAGGED_NOTE);
    const totals = await tableRows(page, /^Totals by stage/);
    expect(totals).toEqual([['announced', 'EUR', '3', 'EUR 19,000,100.00', '1', 'EUR 100.00']]);
    // The chart: one bar per item, and a dashed outline on the flagged one.
    const svg = page.locator('#funding figure svg[role="img"]');
    expect(await svg.getAttribute('aria-label')).toMatch(/Funding items in EUR/);
    const bars = svg.locator('g[aria-label="bar"]:not([aria-hidden]) rect');
    expect(await bars.evaluateAll((rects) => rects.map((r) => r.getAttribute('aria-label')))).toEqual([
      '€18.5 million, announced',
      '€500,000, announced',
      '€100 (flagged), announced',
    ]);
    expect(await svg.locator('g[stroke-dasharray] rect').count()).toBe(1);
    await screenshot(page, `dashboard-${server}`);
  });
}

export async function measuresTimeline(browser: Browser, base: string, server: string) {
  await withSession(browser, async ({ page }) => {
    await page.goto(`${base}/dashboard?asOf=2019-03-01`);
    const rows = await tableRows(page, /^Measures with a deadline/);
    expect(rows).toEqual(
      [
        'Tool box of alternative investigation techniques',
        'Network of encryption experts',
        'Training programme to train police',
      ].map((title) => [
        title,
        'proposed',
        'within the next 16 months',
        '2019-02-01',
        '2019-02-28',
        'month',
        'Overdue',
      ]),
    );
    expect(await page.locator('#measures .as-of').textContent()).toContain('2019-03-01');
    const overdue = await api(base, '{ measures(filter: { overdue: { asOf: "2019-03-01" } }) { totalCount } }');
    expect(overdue.measures.totalCount).toBe(3);
    const svg = page.locator('#measures figure svg[role="img"]');
    expect(await svg.locator('g[aria-label="bar"] rect').count()).toBe(3);
    expect(await svg.locator('text', { hasText: 'as of 2019-03-01' }).count()).toBe(1);
    await screenshot(page, `measures-${server}`);

    // A day inside February 2019: the deadlines may still be met, nothing is overdue.
    await page.locator('#filter-asOf').fill('2019-02-15');
    await page.locator('#filter-asOf').dispatchEvent('change');
    await page.locator('caption', { hasText: 'overdue as of 2019-02-15: 0' }).waitFor();
    expect(page.url()).toContain('asOf=2019-02-15');
    const later = await tableRows(page, /^Measures with a deadline/);
    expect(later.map((row) => row[6])).toEqual(['no', 'no', 'no']);
  });
}

const KING_BACKDOORS = 'weaken the overall security of our cyber space.';

export async function quoteHighlight(browser: Browser, base: string, server: string) {
  await withSession(browser, async ({ page }) => {
    await page.goto(`${base}/dashboard`);
    const button = page.getByRole('button', { name: new RegExp(KING_BACKDOORS.slice(0, 30)) });
    // Keyboard: focus the quote and press Enter, as someone without a mouse would.
    await button.focus();
    await page.keyboard.press('Enter');
    await page.locator('.article-body mark').first().waitFor();
    expect(await button.getAttribute('aria-pressed')).toBe('true');
    const id = new URL(page.url()).searchParams.get('quote');
    expect(id).toBeTruthy();
    const { node } = await api(
      base,
      'query ($id: ID!) { node(id: $id) { ... on Quote { evidence { start end role exact } article { body } } } }',
      {
        id,
      },
    );
    // The body shown is exactly the stored body, and each mark sits at the API's UTF-16 offsets.
    const shown = await page.locator('.article-body').evaluate((body) => ({
      text: body.textContent,
      marks: [...body.querySelectorAll('mark')].map((mark) => {
        const range = document.createRange();
        range.setStart(body, 0);
        range.setEndBefore(mark);
        return { start: range.toString().length, text: mark.textContent, role: (mark as HTMLElement).dataset.role };
      }),
    }));
    expect(shown.text).toBe(node.article.body);
    const expected = [...node.evidence]
      .sort((a: any, b: any) => a.start - b.start)
      .map((e: any) => ({ start: e.start, text: e.exact, role: e.role }));
    expect(shown.marks).toEqual(expected);
    expect(shown.marks).toContainEqual({ start: 1499, text: KING_BACKDOORS, role: 'MAIN_STATEMENT' });
    expect(shown.marks).toContainEqual({ start: 1422, text: 'King insisted', role: 'ATTRIBUTION' });
    await screenshot(page, `quote-${server}`, false);

    // The chosen quote is in the address: a reload (or a shared link) opens the same article.
    await page.reload();
    await page.locator('.article-body mark', { hasText: KING_BACKDOORS }).waitFor();
  });
}

export async function searchBackdoors(browser: Browser, base: string, server: string) {
  await withSession(browser, async ({ page }) => {
    await page.goto(`${base}/dashboard`);
    await page.getByLabel('Search articles, quotes, measures, positions and funding').fill('backdoors');
    await page.keyboard.press('Enter');
    await page.locator('.hits').waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe('backdoors');
    expect(await page.locator('#search .count').textContent()).toBe('3 hits for “backdoors”.');
    const marks = await page.locator('.snippet mark').allTextContents();
    expect(marks.length).toBeGreaterThanOrEqual(4);
    expect(new Set(marks)).toEqual(new Set(['backdoors']));
    // Only text and <mark> inside a snippet.
    expect(await page.locator('.snippet *:not(mark)').count()).toBe(0);
    // The body hit opens the article with every match marked at the API's offsets.
    await page.getByRole('button', { name: 'Show every match in the article' }).click();
    await page.locator('.article-body mark.span-match').first().waitFor();
    const starts = await page
      .locator('.article-body mark')
      .evaluateAll((marks) => marks.map((m) => Number((m as HTMLElement).dataset.start)));
    expect(starts).toEqual([1160, 1458, 1675]);
    await screenshot(page, `search-${server}`);
  });
}

export async function embedAlone(browser: Browser, base: string, server: string) {
  await withSession(
    browser,
    async ({ page }) => {
      await page.goto(`${base}/embed/funding?currency=EUR`);
      await page.locator('#embed figure svg[role="img"]').waitFor();
      // Alone: the chart's own heading, no dashboard around it.
      expect(await page.locator('header.site').count()).toBe(0);
      expect(await page.locator('h1').textContent()).toBe('Funding by stage, funder and currency');
      expect(await page.locator('section').count()).toBe(1);
      // Its numbers behind a toggle, and links to the data that feeds it.
      await page.getByText('The numbers as a table').click();
      const rows = await tableRows(page, /^Funding items/);
      expect(rows.map((row) => row[1])).toEqual(['€18.5 million (approx.)', '€500,000', '€100']);
      const csvHref = await page.getByRole('link', { name: 'CSV' }).getAttribute('href');
      const csv = await fetch(new URL(csvHref ?? '', base));
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      expect((await csv.text()).split('\r\n')[0]).toBe(
        // A funder that is null in some rows adds no bare `funder` column (src/server/csv.ts).
        'purpose,stage,programme,funder.name,amount.reportedText,amount.approximate,amount.amount,amount.currencyCode,qualityFlags,qualityNote',
      );
      await screenshot(page, `embed-funding-${server}`);

      // In an iframe, the chart takes the iframe's width.
      await page.setContent(
        `<main><h1>A host page</h1><iframe title="Dossier funding" src="${base}/embed/measures?asOf=2019-03-01" width="420" height="560"></iframe></main>`,
      );
      const frame = page.frameLocator('iframe');
      const svg = frame.locator('figure svg[role="img"]');
      await svg.waitFor();
      expect(Number(await svg.getAttribute('width'))).toBeLessThanOrEqual(420);
      expect(await frame.locator('table caption').first().textContent()).toContain('overdue as of 2019-03-01: 3');
      await screenshot(page, `embed-iframe-${server}`);
    },
    { width: 900, height: 700 },
  );
}

export async function badInput(browser: Browser, base: string, server: string) {
  await withSession(browser, async ({ page }) => {
    await page.goto(`${base}/dashboard?stage=FOO&asOf=2019-02-30&colour=red`);
    const notices = page.locator('.notices li');
    await notices.first().waitFor();
    expect(await notices.allInnerTexts()).toEqual([
      'Unknown parameter "colour" in the address (ignored). Known: by, currency, stage, funder, status, asOf, speaker, quote, q.',
      'Unknown funding stage "FOO" in the address (ignored): choose ANNOUNCED, COMMITTED, DISBURSED or PLEDGED.',
      '"2019-02-30" is not a day in the form YYYY-MM-DD (asOf, ignored): overdue is judged as of today.',
    ]);
    // The rest of the page works.
    expect((await tableRows(page, /^Funding items/)).length).toBe(3);

    // An API error is said in words in its own section; the other sections still draw.
    await page.goto(`${base}/dashboard?funder=not-an-id&q=${encodeURIComponent('"unbalanced')}`);
    const fundingError = page.locator('#funding .status.error');
    await fundingError.waitFor();
    expect(await fundingError.textContent()).toMatch(
      /^The API answered with an error: .*\(BAD_USER_INPUT, at .*funder/,
    );
    const searchError = page.locator('#search .status.error');
    await searchError.waitFor();
    expect(await searchError.textContent()).toMatch(/BAD_USER_INPUT, at query\)$/);
    expect((await tableRows(page, /^Measures with a deadline/)).length).toBe(3);
    await screenshot(page, `bad-input-${server}`);

    // No data: said so.
    await page.goto(`${base}/dashboard?currency=USD`);
    await page.locator('#funding .empty').waitFor();
    expect(await page.locator('#funding .empty').textContent()).toBe('No funding matches these filters.');

    // An unknown chart: a page that says so, with the ones there are.
    const response = await page.goto(`${base}/embed/pie`);
    expect(response?.status()).toBe(404);
    expect(await page.getByRole('alert').textContent()).toBe('There is no page at this address.');
    expect(await page.locator('li a').allTextContents()).toEqual([
      '/embed/funding',
      '/embed/measures',
      '/embed/quotes',
    ]);
  });
}

export async function accessibility(browser: Browser, base: string, server: string) {
  for (const [name, path, viewport] of [
    ['dashboard', '/dashboard?q=backdoors', { width: 1280, height: 1000 }],
    ['phone', '/dashboard?q=backdoors', { width: 390, height: 844 }],
    ['embed', '/embed/measures?asOf=2019-03-01', { width: 600, height: 600 }],
  ] as const) {
    await withSession(
      browser,
      async ({ page }) => {
        await page.goto(`${base}${path}`);
        await page.locator('figure svg[role="img"]').first().waitFor();
        if (name !== 'embed') {
          await page.locator('.hits').waitFor();
          await page.getByRole('button', { name: /weaken the overall security/ }).click();
          await page.locator('.article-body mark').first().waitFor();
        }
        const results = await new AxeBuilder({ page: page as never }).analyze();
        const severe = results.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        expect(severe, `axe-core on ${path} at ${viewport.width}px`).toEqual([]);
        // Nothing wider than the screen (a phone scrolls down, not sideways).
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow).toBeLessThanOrEqual(0);
        await screenshot(page, `axe-${name}-${server}`);
      },
      viewport,
    );
  }
}

/**
 * The API's rate limit (HTTP 429, RATE_LIMITED, Retry-After), played by the browser's router
 * since this server does not limit yet: the page says it is waiting and tries again, and says
 * so in words when the wait is too long.
 */
export async function rateLimited(browser: Browser, base: string, server: string) {
  const limited = (seconds: number) => ({
    status: 429,
    headers: { 'retry-after': String(seconds), 'content-type': 'application/json' },
    body: JSON.stringify({ errors: [{ message: 'Rate limit reached.', extensions: { code: 'RATE_LIMITED' } }] }),
  });
  await withSession(browser, async ({ page }) => {
    let refused = 0;
    await page.route('**/graphql', (route) => {
      const operation = route.request().postData() ?? '';
      if (operation.includes('DashboardMeasures') && refused++ === 0) return route.fulfill(limited(1));
      if (operation.includes('DashboardQuotes')) return route.fulfill(limited(120));
      return route.fallback();
    });
    await page.goto(`${base}/dashboard`);
    const measures = page.locator('#measures .status');
    await expect.poll(() => measures.textContent()).toContain('(rate limited). Trying again in 1 s');
    expect((await tableRows(page, /^Measures with a deadline/)).length).toBe(3);
    expect(refused).toBe(2);
    const quotes = page.locator('#quotes .status.error');
    await quotes.waitFor();
    expect(await quotes.textContent()).toBe(
      'The API is limiting how much this page may ask for (RATE_LIMITED). Try again in 120 s.',
    );
    // The other sections are not held up.
    expect((await tableRows(page, /^Funding items/)).length).toBe(3);
    await screenshot(page, `rate-limited-${server}`);
  });
}

/** A snippet is text and <mark> only, whatever it holds: markup in it stays visible text. */
export async function snippetSafety(browser: Browser, base: string, server: string) {
  await withSession(browser, async ({ page }) => {
    const hostile = 'a &lt;b&gt; <mark>hit</mark> <img src=x onerror="window.pwned=1"><script>window.pwned=2</script>';
    await page.route('**/graphql', (route) => {
      if (!(route.request().postData() ?? '').includes('DashboardSearch')) return route.fallback();
      return route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({
          data: {
            search: {
              totalCount: 1,
              nodes: [
                { type: 'MEASURE', field: 'title', snippet: hostile, matches: [], node: { id: 'x', title: 'T' } },
              ],
            },
          },
        }),
      });
    });
    await page.goto(`${base}/dashboard?q=hit`);
    const snippet = page.locator('.snippet');
    await snippet.waitFor();
    expect(await snippet.locator('*').evaluateAll((els) => els.map((e) => e.tagName))).toEqual(['MARK']);
    expect(await snippet.textContent()).toBe(
      'a <b> hit <img src=x onerror="window.pwned=1"><script>window.pwned=2</script>',
    );
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    await screenshot(page, `snippet-safety-${server}`, false);
  });
}
