/**
 * The same dashboard pages against the edge: the wrangler-built Pages project in workerd
 * (Miniflare, listening on a loopback port) over a real `sqld`. The pages are the build's static
 * assets, the data comes from the function — the same checks as against Node.
 */
import type { Miniflare } from 'miniflare';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { migrateAndSeed, type Sqld, startSqld } from '../../scripts/edge/sqld.ts';
import { startWorkerd } from '../../scripts/edge/workerd.ts';
import { sharedEdgeBuild } from '../edge/shared-build.ts';
import { launch, MISSING, SKIP, skippedTitle, TIMEOUT } from './chromium.ts';
import {
  badInput,
  embedAlone,
  fundingTable,
  measuresTimeline,
  quoteHighlight,
  type Scenario,
  searchBackdoors,
} from './scenarios.ts';

let sqld: Sqld | undefined;
let mf: Miniflare | undefined;
let base: string | undefined;
let browser: Browser | undefined;

describe.skipIf(SKIP)(skippedTitle('the dashboard in Chromium, served by the edge function (workerd + sqld)'), () => {
  beforeAll(async () => {
    const build = await sharedEdgeBuild();
    sqld = await startSqld();
    await migrateAndSeed(sqld.url);
    mf = await startWorkerd(build, { DATABASE_URL: sqld.url });
    base = (await mf.ready).origin;
    if (!MISSING) browser = await launch();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await mf?.dispose();
    await sqld?.stop();
  }, TIMEOUT);

  const run = (scenario: Scenario) => async () => {
    if (!browser || !base) throw new Error('Chromium or workerd did not start (see beforeAll).');
    await scenario(browser, base, 'edge');
  };

  it('the funding table holds the seed numbers and marks the flagged €100', run(fundingTable), TIMEOUT);
  it('the measures timeline shows the three measures due by February 2019', run(measuresTimeline), TIMEOUT);
  it('choosing a quote highlights exactly its evidence spans', run(quoteHighlight), TIMEOUT);
  it('the search box finds "backdoors"', run(searchBackdoors), TIMEOUT);
  it('an embed URL renders alone, and inside an iframe', run(embedAlone), TIMEOUT);
  it('bad input gives visible messages; an unknown chart gets the 404 page', run(badInput), TIMEOUT);
});
