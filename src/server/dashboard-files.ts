/**
 * Node's stand-in for Pages' static assets: the dashboard's built folder, read into memory at
 * start-up (a few hundred KB) and served the way Pages serves it — `name.html` at `/name`,
 * other files at their path, `404.html` with status 404 for anything else — with an ETag
 * (the request lifecycle answers a matching If-None-Match with 304). Node-only.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { StaticAssets } from './dashboard.ts';

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

interface File {
  body: Uint8Array<ArrayBuffer>;
  type: string;
  etag: string;
  /** Hashed names never change content: browsers may keep them for good. */
  immutable: boolean;
}

export function dashboardFiles(dir: string): StaticAssets {
  const files = new Map<string, File>();
  for (const path of walk(dir)) {
    const name = relative(dir, path).split('\\').join('/');
    const extension = name.slice(name.lastIndexOf('.') + 1);
    const body = new Uint8Array(readFileSync(path));
    const route = extension === 'html' ? `/${name.slice(0, -'.html'.length)}` : `/${name}`;
    files.set(route, {
      body,
      type: TYPES[extension] ?? 'application/octet-stream',
      etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`,
      immutable: /\.[0-9a-f]{12}\.(js|css)$/.test(name),
    });
  }
  return {
    async fetch(request) {
      const { pathname } = new URL(request.url);
      const file = files.get(pathname);
      const served = file ?? files.get('/404');
      if (!served) return new Response('Not found.', { status: 404 });
      return new Response(request.method === 'HEAD' ? null : served.body, {
        status: file ? 200 : 404,
        headers: {
          'content-type': served.type,
          'cache-control': served.immutable && file ? 'public, max-age=31536000, immutable' : 'no-cache',
          ...(file ? { etag: served.etag } : {}),
        },
      });
    },
  };
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
