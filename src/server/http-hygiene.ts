/**
 * The headers every answer gets, and conditional GETs done right (RFC 9110):
 * - `X-Content-Type-Options: nosniff` and `X-Request-Id` on everything;
 * - `Cache-Control: no-store` on anything that failed (an HTTP error, or GraphQL errors in a 200);
 * - `Vary: Accept` on /graphql, where a browser's Accept gets GraphiQL and a client's gets JSON;
 * - ETags quoted (the response cache makes bare hashes), and `If-None-Match` compared weakly,
 *   as a list, with `*`, answered `304 Not Modified`.
 * Platform-neutral: the same code runs on Node and the edge.
 */

export const MAX_BODY_BYTES = 1024 * 1024;

export interface Finish {
  request: Request;
  response: Response;
  route: string;
  requestId: string;
  /** GraphQL errors in the answer, or an HTTP error status. */
  failed: boolean;
  /** The ETag of the GraphiQL page, once it has been rendered (Node). */
  graphiqlEtag?: string;
  Response: typeof Response;
}

export function finishResponse({ request, response, route, requestId, failed, graphiqlEtag, Response }: Finish) {
  let out = response;
  try {
    out.headers.set('x-content-type-options', 'nosniff');
  } catch {
    // Headers of a fetched response (the edge's static assets) are immutable: copy them.
    out = new Response(out.body, out);
    out.headers.set('x-content-type-options', 'nosniff');
  }
  const headers = out.headers;
  headers.set('x-request-id', requestId);
  if (failed || out.status >= 400) headers.set('cache-control', 'no-store');
  if (route === '/graphql') {
    addVary(headers, 'Accept');
    if (out.status === 200 && (headers.get('content-type') ?? '').startsWith('text/html')) {
      // GraphiQL: the browser keeps it and asks again each time, getting a 304 while it is unchanged.
      headers.set('cache-control', 'no-cache');
      if (graphiqlEtag && !headers.has('etag')) headers.set('etag', graphiqlEtag);
    }
  }
  const etag = headers.get('etag');
  if (etag && !/^(W\/)?"/.test(etag)) headers.set('etag', `"${etag}"`);
  return notModified(request, out, Response) ?? out;
}

/** A 304 for a GET whose If-None-Match matches the answer's ETag, or undefined. */
function notModified(request: Request, response: Response, Response: Finish['Response']): Response | undefined {
  const etag = response.headers.get('etag');
  const condition = request.headers.get('if-none-match');
  if (!etag || !condition || response.status !== 200) return undefined;
  if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
  if (!matchesIfNoneMatch(condition, etag)) return undefined;
  response.body?.cancel().catch(() => {});
  const headers: Record<string, string> = {};
  const dropped = new Set(['content-type', 'content-length', 'content-encoding', 'transfer-encoding']);
  response.headers.forEach((value, name) => {
    if (!dropped.has(name)) headers[name] = value;
  });
  return new Response(null, { status: 304, headers });
}

/**
 * RFC 9110 §13.1.2: `*` matches any current answer; otherwise the header is a list of entity
 * tags, compared weakly (`W/"x"` matches `"x"`). A bare token is taken as a tag too, for clients
 * that echo an unquoted ETag.
 */
export function matchesIfNoneMatch(condition: string, etag: string): boolean {
  if (condition.trim() === '*') return true;
  const target = opaque(etag);
  for (const match of condition.matchAll(/(?:W\/)?"([^"]*)"|([^\s,]+)/g)) {
    if ((match[1] ?? match[2]) === target) return true;
  }
  return false;
}

function opaque(etag: string): string {
  return etag.replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}

function addVary(headers: Headers, name: string): void {
  const vary = headers.get('vary');
  if (vary?.split(',').some((v) => v.trim().toLowerCase() === name.toLowerCase() || v.trim() === '*')) return;
  headers.set('vary', vary ? `${vary}, ${name}` : name);
}
