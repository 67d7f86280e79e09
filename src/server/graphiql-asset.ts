/**
 * The edge serves GraphiQL as a static asset of the Pages project (it is ~9 MB, too big for the
 * function bundle): a browser's GET /graphql — the test Yoga uses on Node to decide to render
 * it — is handed to the assets as it is, inside Yoga so it gets the same headers and log line.
 */
import type { Plugin } from 'graphql-yoga';
import { onRequestWhere } from './route-hook.ts';

type Assets = { fetch(request: Request): Promise<Response> };

export function useGraphiQLAsset<TServerContext extends Record<string, unknown>>(
  assetsOf: (serverContext: TServerContext) => Assets | undefined,
): Plugin<Record<string, unknown>, TServerContext> {
  return {
    onRequest: onRequestWhere(
      ({ request, url }) => url.pathname === '/graphql' && request.method === 'GET',
      async ({ request, serverContext, endResponse }) => {
        if (!(request.headers.get('accept') ?? '').includes('text/html')) return;
        const assets = assetsOf(serverContext as TServerContext);
        if (assets) endResponse(await assets.fetch(request));
      },
    ),
  };
}
