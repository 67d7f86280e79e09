/**
 * The edge serves GraphiQL as a static asset of the Pages project (it is ~9 MB, too big for the
 * function bundle): a browser's GET /graphql — the test Yoga uses on Node to decide to render
 * it — is handed to the assets as it is, inside Yoga so it gets the same headers and log line.
 */
import type { Plugin } from 'graphql-yoga';

type Assets = { fetch(request: Request): Promise<Response> };

export function useGraphiQLAsset<TServerContext extends Record<string, unknown>>(
  assetsOf: (serverContext: TServerContext) => Assets | undefined,
): Plugin<Record<string, unknown>, TServerContext> {
  return {
    async onRequest({ request, url, serverContext, endResponse }) {
      if (url.pathname !== '/graphql' || request.method !== 'GET') return;
      if (!(request.headers.get('accept') ?? '').includes('text/html')) return;
      const assets = assetsOf(serverContext as TServerContext);
      if (assets) endResponse(await assets.fetch(request));
    },
  };
}
