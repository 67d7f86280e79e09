/**
 * Refusals before anything runs. Writes travel only as POST with `content-type: application/json`
 * (a form or multipart post is what a hostile page can send cross-site without asking, so /graphql
 * takes no such post at all; Yoga itself refuses mutations over GET). A browser request carrying
 * an API key must come from this server's own origin or one listed in EDITOR_ORIGINS, so a page
 * elsewhere cannot use a key an editor pasted into it. An EDITOR_ORIGINS that cannot be read
 * (only possible on the edge: Node checks it at start-up) answers every request with a 503 naming it.
 */
import type { Plugin } from 'graphql-yoga';

export function useRequestGuards<TServerContext extends Record<string, unknown>>(
  editorOrigins: (serverContext: TServerContext) => readonly string[],
): Plugin<Record<string, unknown>, TServerContext> {
  return {
    onRequest({ request, url, serverContext, endResponse }) {
      if (url.pathname !== '/graphql') return;
      if (request.method === 'POST') {
        const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
        if (type !== 'application/json') {
          endResponse(
            refusal(415, 'UNSUPPORTED_MEDIA_TYPE', 'POST /graphql takes only content-type: application/json.'),
          );
          return;
        }
      }
      // Read on every request, not only a browser's with a key, so a bad setting (the edge reads
      // it from its env) is named at once on every request rather than failing some of them.
      let allowed: readonly string[];
      try {
        allowed = editorOrigins(serverContext as TServerContext);
      } catch (error) {
        endResponse(refusal(503, 'SERVICE_UNAVAILABLE', (error as Error).message));
        return;
      }
      const origin = request.headers.get('origin');
      if (origin && request.headers.has('authorization') && origin !== url.origin) {
        if (!allowed.includes(origin)) {
          endResponse(
            refusal(
              403,
              'FORBIDDEN',
              `Requests with an API key are accepted from this server's own pages and EDITOR_ORIGINS only, not from ${origin}.`,
            ),
          );
        }
      }
    },
  };
}

function refusal(status: number, code: string, message: string): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json', 'access-control-allow-origin': '*' },
  });
}
