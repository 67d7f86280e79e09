/**
 * The dashboard in headless Chromium against the Node server (`npm start`'s entry point on a
 * fresh database, which it migrates, seeds and builds the dashboard for).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { type NodeServer, startNodeServer } from '../edge/node-server.ts';
import { launch, MISSING, SKIP, skippedTitle, TIMEOUT } from './chromium.ts';
import {
  accessibility,
  badInput,
  embedAlone,
  fundingTable,
  measuresTimeline,
  quoteHighlight,
  rateLimited,
  type Scenario,
  searchBackdoors,
  snippetSafety,
} from './scenarios.ts';

let tempDir: string;
let server: NodeServer | undefined;
let browser: Browser | undefined;

function started() {
  if (!browser || !server) throw new Error('Chromium or the server did not start (see beforeAll).');
  return { browser, base: server.url };
}

describe.skipIf(SKIP)(skippedTitle('the dashboard in Chromium, served by Node'), () => {
  beforeAll(async () => {
    tempDir = mkdtempSync(join(tmpdir(), 'dossier-dashboard-'));
    server = await startNodeServer({ DATABASE_URL: `file:${join(tempDir, 'test.db')}`, LOG_LEVEL: 'warn' });
    if (!MISSING) browser = await launch();
  }, TIMEOUT * 2);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }, TIMEOUT);

  const run = (scenario: Scenario) => async () => {
    const { browser, base } = started();
    await scenario(browser, base, 'node');
  };

  it('the funding table holds the seed numbers and marks the flagged €100 with its note', run(fundingTable), TIMEOUT);
  it(
    'the measures timeline shows the three measures due by February 2019, overdue as of asOf',
    run(measuresTimeline),
    TIMEOUT,
  );
  it('choosing a quote (keyboard) highlights exactly its evidence spans in the body', run(quoteHighlight), TIMEOUT);
  it('the search box finds "backdoors" and opens the article with the matches marked', run(searchBackdoors), TIMEOUT);
  it('renders a search snippet as text and <mark> only', run(snippetSafety), TIMEOUT);
  it('an embed URL renders alone, and inside an iframe', run(embedAlone), TIMEOUT);
  it('bad input gives visible messages, not a blank page', run(badInput), TIMEOUT);
  it('waits out a rate limit visibly, and says when it cannot', run(rateLimited), TIMEOUT);
  it('axe-core finds no serious or critical violation (desktop, phone, embed)', run(accessibility), TIMEOUT * 2);
});
