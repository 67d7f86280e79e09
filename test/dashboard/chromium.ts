/**
 * Debian's headless Chromium for the browser tests (GraphiQL and the dashboard), driven by playwright-core (never
 * a downloaded browser), with every request that leaves localhost blocked and recorded. Without
 * Chromium the tests are skipped with the command that installs it — except in CI (`CI=true`),
 * where `.ci/run` installs it and a missing browser fails. Screenshots go to the test output
 * folder, `test-output/dashboard/` (or `$TEST_OUTPUT_DIR/dashboard/`), and are kept.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';
export const INSTALL = 'sudo apt-get install -y chromium';
export const MISSING = !existsSync(CHROMIUM);
export const SKIP = MISSING && process.env.CI !== 'true';
export const TIMEOUT = 60_000;

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const OUTPUT_DIR = join(process.env.TEST_OUTPUT_DIR ?? join(ROOT, 'test-output'), 'dashboard');

export function skippedTitle(title: string): string {
  return SKIP ? `${title} (skipped: ${CHROMIUM} is missing; install it with: ${INSTALL})` : title;
}

export async function launch(): Promise<Browser> {
  if (MISSING) throw new Error(`${CHROMIUM} is missing (CI=true): install it with: ${INSTALL}`);
  return chromium.launch({
    executablePath: CHROMIUM,
    timeout: TIMEOUT,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true;
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Requests that tried to leave localhost (all blocked). */
  blocked: string[];
  /** Uncaught errors of the page's script. */
  pageErrors: string[];
}

/** A fresh context with everything off localhost blocked, and one page in it. */
export async function openSession(browser: Browser, viewport = { width: 1280, height: 1000 }): Promise<Session> {
  const context = await browser.newContext({ viewport });
  const blocked: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.fallback();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT / 2);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { context, page, blocked, pageErrors };
}

/** Checks that nothing left localhost and the script threw nothing, then closes the context. */
export async function closeSession(session: Session): Promise<void> {
  expect(session.blocked, 'requests that tried to leave localhost').toEqual([]);
  expect(session.pageErrors, 'uncaught errors in the page').toEqual([]);
  await session.context.close();
}

/** Saves a PNG of the page under the test output folder and checks it is one. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const path = join(OUTPUT_DIR, `${name}.png`);
  const png = await page.screenshot({ path, fullPage });
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(statSync(path).size).toBeGreaterThan(5_000);
  return path;
}
