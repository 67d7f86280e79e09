/**
 * The dashboard's build (esbuild, offline, from npm packages) and how the server hands it out:
 * the script within its budget, the pages at Pages' paths, the API's headers and 304s on them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboard, type DashboardBuild, SCRIPT_BUDGET_GZIP_BYTES } from '../../src/dashboard/build.ts';
import { dashboardFiles } from '../../src/server/dashboard-files.ts';
import { createDossierYoga } from '../../src/server/yoga.ts';
import { seededDb } from '../helpers.ts';

let dir: string;
let build: DashboardBuild;
let yoga: ReturnType<typeof createDossierYoga>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dossier-dashboard-build-'));
  build = await buildDashboard(dir);
  const db = await seededDb();
  const assets = dashboardFiles(dir);
  yoga = createDossierYoga({ getDb: () => db, dashboardAssets: () => assets });
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const get = (path: string, headers: Record<string, string> = {}) =>
  Promise.resolve(yoga.fetch(`http://test${path}`, { headers }));

describe('the dashboard build', () => {
  it('writes the pages, one script and one stylesheet named by their content', () => {
    const [assets, pages] = [
      build.files.filter((f) => f.startsWith('dashboard/')),
      build.files.filter((f) => !f.startsWith('dashboard/')),
    ];
    expect(pages).toEqual([
      '404.html',
      'dashboard.html',
      'embed/funding.html',
      'embed/measures.html',
      'embed/quotes.html',
    ]);
    expect(assets.map((f) => f.replace(/[0-9a-f]{12}/, 'HASH')).sort()).toEqual([
      'dashboard/app.HASH.css',
      'dashboard/app.HASH.js',
    ]);
  });

  it(`keeps the page's JavaScript within ${SCRIPT_BUDGET_GZIP_BYTES / 1024} KiB gzipped, with Plot bundled in`, () => {
    expect(build.scriptGzipBytes).toBeLessThanOrEqual(SCRIPT_BUDGET_GZIP_BYTES);
    const script = readFileSync(join(dir, build.files.find((f) => f.endsWith('.js')) ?? ''), 'utf8');
    // Offline: no import from anywhere else, no CDN.
    expect(script).not.toMatch(/\bimport\s*\(?\s*["']https?:/);
    expect(script).not.toMatch(/cdn\.|unpkg|jsdelivr/);
    expect(script).toContain('DashboardFunding');
  });
});

describe('the dashboard served by the API server', () => {
  it('GET /dashboard is the page, with the hygiene headers, an ETag and a 304', async () => {
    const response = await get('/dashboard');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await response.text();
    expect(html).toContain('<title>Dossier dashboard</title>');
    expect(html).toMatch(/<script type="module" src="\/dashboard\/app\.[0-9a-f]{12}\.js"><\/script>/);
    const etag = response.headers.get('etag') ?? '';
    expect((await get('/dashboard', { 'if-none-match': etag })).status).toBe(304);
  });

  it('serves each embed, and the script as immutable', async () => {
    for (const chart of ['funding', 'measures', 'quotes']) {
      const html = await (await get(`/embed/${chart}?currency=EUR`)).text();
      expect(html).toContain(`data-chart="${chart}"`);
    }
    const script = build.files.find((f) => f.endsWith('.js'));
    const response = await get(`/${script}`);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers an unknown chart with the 404 page, and other methods with 405', async () => {
    const missing = await get('/embed/pie');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('There is no page at this address.');
    const post = await yoga.fetch('http://test/dashboard', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('leaves the dashboard out of a server that has none (404)', async () => {
    const bare = createDossierYoga({ getDb: () => seededDb() });
    expect((await bare.fetch('http://test/dashboard')).status).toBe(404);
  });
});
