/**
 * The dashboard's pages (`/dashboard`, `/embed/<chart>`, `/dashboard/app.*`) are static files:
 * the edge's Pages assets, or on Node a folder built at start-up (dashboard-files.ts). Either
 * way they are handed out here, inside Yoga, so they get the same headers and log line as the
 * API. On Pages `_routes.json` keeps these paths off the function altogether; this plugin makes
 * the function answer the same when it does see them (as under Miniflare).
 */
import type { Plugin } from 'graphql-yoga';
import { onRequestWhere } from './route-hook.ts';

export type StaticAssets = { fetch(request: Request): Promise<Response> };

export function isDashboardPath(pathname: string): boolean {
  return pathname === '/dashboard' || pathname.startsWith('/dashboard/') || pathname.startsWith('/embed/');
}

export function useDashboard<TServerContext extends Record<string, unknown>>(
  assetsOf: (serverContext: TServerContext) => StaticAssets | undefined,
): Plugin<Record<string, unknown>, TServerContext> {
  return {
    onRequest: onRequestWhere(
      ({ url }) => isDashboardPath(url.pathname),
      async ({ request, serverContext, endResponse, fetchAPI }) => {
        const assets = assetsOf(serverContext as TServerContext);
        if (!assets) return; // this server has no dashboard: Yoga's 404
        if (request.method !== 'GET' && request.method !== 'HEAD') {
          return endResponse(
            new fetchAPI.Response('Use GET.', {
              status: 405,
              headers: { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' },
            }),
          );
        }
        // Re-made with the server's own Response class (on Node a platform Response's stream does
        // not go through the compression plugin); the files are small, so reading them is cheap.
        const answer = await assets.fetch(request);
        const body = request.method === 'HEAD' ? null : await answer.arrayBuffer();
        endResponse(new fetchAPI.Response(body, { status: answer.status, headers: answer.headers }));
      },
    ),
  };
}
