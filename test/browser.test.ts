/**
 * GraphiQL in a real browser: the Node server (`npm start`'s entry point, as a child process) on a
 * fresh database, and Debian's headless Chromium driven by playwright-core, with every request
 * that leaves localhost blocked. The page must render and run the Quotes example offline.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, INSTALL, launch, MISSING, SKIP, skippedTitle, TIMEOUT } from './dashboard/chromium.ts';

if (SKIP) console.warn(`browser test skipped: ${CHROMIUM} is missing; install it with: ${INSTALL}`);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSX_CLI = join(ROOT, 'node_modules/tsx/dist/cli.mjs');

let tempDir: string;
let server: ChildProcess;
let serverOutput = '';
let port: number;
let browser: Browser | undefined;

/** Starts `src/server/main.ts` on a free port and resolves with that port once it listens. */
function startServer(): Promise<number> {
  server = spawn(process.execPath, [TSX_CLI, 'src/server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', DATABASE_URL: `file:${join(tempDir, 'test.db')}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The server did not print its URL within ${TIMEOUT} ms. Output:\n${serverOutput}`)),
      TIMEOUT,
    );
    const onData = (chunk: Buffer) => {
      serverOutput += chunk.toString();
      const match = /at http:\/\/localhost:(\d+)\/graphql/.exec(serverOutput);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    server.stdout?.on('data', onData);
    server.stderr?.on('data', onData);
    server.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`The server exited early (code ${code}, signal ${signal}). Output:\n${serverOutput}`));
    });
  });
}

/** Sends SIGTERM and resolves with the exit code, or rejects if the server does not stop in time. */
function stopServer(): Promise<number | null> {
  if (server.exitCode !== null) return Promise.resolve(server.exitCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      server.kill('SIGKILL');
      reject(new Error(`The server did not exit within 10 s of SIGTERM. Output:\n${serverOutput}`));
    }, 10_000);
    server.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    server.kill('SIGTERM');
  });
}

function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:') return true;
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

/** Monaco renders spaces as no-break spaces; compare text with all whitespace collapsed. */
function normalize(text: string): string {
  return text.replace(/\s+/g, ' ');
}

describe.skipIf(SKIP)(skippedTitle('GraphiQL in headless Chromium'), () => {
  beforeAll(async () => {
    // In CI a missing browser fails the test below rather than being skipped.
    if (MISSING) return;
    tempDir = mkdtempSync(join(tmpdir(), 'dossier-browser-'));
    port = await startServer();
    browser = await launch();
  }, TIMEOUT * 2);

  afterAll(async () => {
    await browser?.close();
    if (server) {
      const code = await stopServer();
      expect(code, `server output:\n${serverOutput}`).toBe(0);
      expect(serverOutput).toContain('SIGTERM: closing');
    }
    if (tempDir && !process.env.DOSSIER_KEEP_SCREENSHOTS) rmSync(tempDir, { recursive: true, force: true });
  }, TIMEOUT);

  it(
    'renders offline and runs the Quotes example',
    async () => {
      if (MISSING) throw new Error(`${CHROMIUM} is missing (CI=true): install it with: ${INSTALL}`);
      if (!browser) throw new Error('Chromium did not start.');
      const context = await browser.newContext({ viewport: { width: 1400, height: 1400 } });
      const blocked: string[] = [];
      const served: string[] = [];
      await context.route('**/*', async (route) => {
        const url = route.request().url();
        if (isLocal(url)) {
          served.push(url);
          await route.continue();
        } else {
          blocked.push(url);
          await route.abort('blockedbyclient');
        }
      });
      const page: Page = await context.newPage();
      page.setDefaultTimeout(TIMEOUT);
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));

      const response = await page.goto(`http://localhost:${port}/graphql`, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      expect(await page.title()).toBe('Dossier');

      await page.locator('.graphiql-container').first().waitFor({ state: 'visible' });
      const execute = page.locator('.graphiql-execute-button');
      await execute.waitFor({ state: 'visible' });
      // The query editor has loaded the example operations.
      await page.locator('.graphiql-query-editor').getByText('query Quotes').first().waitFor();

      const screenshot = join(tempDir, 'graphiql.png');
      const png = await page.screenshot({ path: screenshot });
      expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      expect(statSync(screenshot).size).toBeGreaterThan(10_000);
      if (process.env.DOSSIER_KEEP_SCREENSHOTS) console.info(`GraphiQL screenshot: ${screenshot}`);

      const request = page.waitForRequest(
        (r) =>
          r.method() === 'POST' && new URL(r.url()).pathname === '/graphql' && /query Quotes/.test(r.postData() ?? ''),
      );
      await execute.click();
      // With several operations and the cursor in none of them, GraphiQL asks which one to run.
      // Whichever comes first: the picker, or the request itself.
      const pick = page.getByRole('menuitem', { name: 'Quotes', exact: true });
      const first = await Promise.race([
        pick.waitFor({ state: 'visible' }).then(
          () => 'picker' as const,
          () => 'none' as const,
        ),
        request.then(
          () => 'request' as const,
          () => 'none' as const,
        ),
      ]);
      if (first === 'picker') {
        const offered = (await page.getByRole('menuitem').allInnerTexts()).map((name) => name.trim());
        expect(offered).toEqual([
          'Quotes',
          'FundingAsReported',
          'MeasuresWithDeadlines',
          'ArticleForHighlighting',
          'ConfirmAQuote',
        ]);
        await pick.click();
      }

      const sent = await request;
      expect(sent.postDataJSON().operationName).toBe('Quotes');
      const answered = await sent.response();
      expect(answered?.status()).toBe(200);

      const result = page.locator('.graphiql-response');
      await result.filter({ hasText: 'Julian King' }).waitFor();
      const text = normalize((await result.textContent()) ?? '');
      expect(text).toContain('"totalCount": 5');
      expect(text).toContain('"name": "Julian King"');
      expect(text).not.toContain('"errors"');

      if (process.env.DOSSIER_KEEP_SCREENSHOTS) await page.screenshot({ path: join(tempDir, 'graphiql-result.png') });

      expect(blocked, 'requests that tried to leave localhost').toEqual([]);
      expect(pageErrors).toEqual([]);
      expect(served.length).toBeGreaterThan(0);
      await context.close();
    },
    TIMEOUT,
  );
});
