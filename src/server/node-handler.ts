/**
 * Node's request handler around Yoga.
 *
 * A POST whose Content-Length declares a body within the 1 MB limit is read here in full and
 * handed to Yoga as a Fetch `Request` with that text as its body, so the request is not adapted
 * into a stream and read back through one: the same plugins run on it, at less cost per request
 * (BENCHMARKS.md, "Per-request overhead"). The `Request` is made here rather than by whatwg-node's
 * Node adapter, which, given a body already read, enumerates it with `Object.keys` to see whether
 * it is empty — for a string, one key per character: ~15 µs for a 230-character query, ~0.7 ms
 * for 10 KB. Any other request — chunked, over the limit, GET — goes to Yoga as it came, and
 * body-limit.ts counts or refuses it.
 *
 * When Yoga stops reading a body (over the limit, a chunked one too) it cancels the request
 * stream, which destroys the socket: the client, still uploading, gets a connection reset instead
 * of the 413. Instead, the rest of the body is read and dropped — up to a bound, then the socket
 * goes — and the connection closes once answered.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createCustomAbortControllerSignal, sendNodeResponse } from '@whatwg-node/server';
import { bodiesReadWithinLimit, WHOLE_NUMBER } from './body-limit.ts';
import { MAX_BODY_BYTES } from './http-hygiene.ts';

/** How much of an abandoned upload is read and dropped so the client can read its answer. */
const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

type NodeContext = { req: IncomingMessage; res: ServerResponse; waitUntil(promise: unknown): void };

/** What of a Yoga server this handler uses: its Node listener, and its Fetch side. */
export interface NodeServable extends Handler {
  handleRequest(request: Request, serverContext: NodeContext): Promise<Response> | Response;
  waitUntil(promise: unknown): void;
  fetchAPI: { Request: typeof Request; Response: typeof Response };
}

export function nodeHandler(yoga: NodeServable): Handler {
  return (req, res) => {
    const destroy = req.destroy.bind(req);
    req.destroy = (error?: Error) => {
      if (req.complete || res.writableEnded) return destroy(error);
      res.shouldKeepAlive = false;
      let drained = 0;
      req.removeAllListeners('data');
      req.on('data', (chunk: Buffer) => {
        drained += chunk.length;
        if (drained > DRAIN_LIMIT_BYTES) destroy(error);
      });
      req.resume();
      return req;
    };
    const url = urlOf(req);
    // Yoga would fail deep in its hooks, and whatwg-node answer 500 with the stack.
    if (!URL.canParse(url)) return void res.writeHead(400, NOT_A_URL_HEADERS).end(NOT_A_URL);
    if (!declaredWithinLimit(req)) return yoga(req, res);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => {
      bodiesReadWithinLimit.add(req);
      // Never rejects: it answers every failure itself.
      void answerWithBody(yoga, req, res, url, Buffer.concat(chunks).toString('utf8'));
    });
    // A client gone mid-upload: nothing to answer (the socket is closed), nothing was run. The
    // listener also keeps the request's error from being thrown as an unhandled event.
    req.on('error', () => destroy());
  };
}

/**
 * What whatwg-node's Node listener does for a request (its URL, headers, a signal that aborts when
 * the connection closes before the answer is sent; then the answer written to `res`), with the
 * body already read.
 */
async function answerWithBody(
  yoga: NodeServable,
  req: IncomingMessage,
  res: ServerResponse,
  url: string,
  body: string,
) {
  const controller = createCustomAbortControllerSignal();
  const closed = () => {
    if (!controller.signal.aborted) controller.abort(res.errored ?? undefined);
  };
  res.once('error', closed);
  res.once('close', closed);
  res.once('finish', () => res.removeListener('close', closed));
  const request = new yoga.fetchAPI.Request(url, {
    method: req.method,
    headers: req.headers as Record<string, string>,
    body,
    signal: controller.signal,
  });
  let response: Response;
  try {
    response = await yoga.handleRequest(request, { req, res, waitUntil: yoga.waitUntil });
  } catch {
    // Yoga answers its own errors; this would be a fault of the server around it.
    response = new yoga.fetchAPI.Response(UNEXPECTED, { status: 500, headers: JSON_HEADERS });
  }
  try {
    await sendNodeResponse(response, res, req, true);
  } catch (error) {
    console.error(`Unexpected error while answering a request: ${(error as Error).message}`);
  }
}

/**
 * The request's URL as whatwg-node's Node adapter makes it, but for a request with no Host header
 * (HTTP/1.0), which names localhost here rather than the socket's address.
 */
function urlOf(req: IncomingMessage): string {
  const protocol = (req.socket as { encrypted?: boolean } | null)?.encrypted ? 'https' : 'http';
  return `${protocol}://${req.headers.host ?? 'localhost'}${req.url}`;
}

const JSON_HEADERS = { 'content-type': 'application/json' };
const NOT_A_URL_HEADERS = {
  ...JSON_HEADERS,
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
  connection: 'close',
};
const errorBody = (message: string, code: string) => JSON.stringify({ errors: [{ message, extensions: { code } }] });
const NOT_A_URL = errorBody('The request line and Host header do not make a URL.', 'BAD_REQUEST');
const UNEXPECTED = errorBody('Unexpected error.', 'INTERNAL_SERVER_ERROR');

/** A POST with a non-empty body whose Content-Length (one whole number) is within the limit. */
function declaredWithinLimit(req: IncomingMessage): boolean {
  if (req.method !== 'POST') return false;
  const declared = req.headers['content-length'];
  if (!declared || !WHOLE_NUMBER.test(declared) || req.headers['transfer-encoding']) return false;
  // A compressed body is Yoga's to decompress (useContentEncoding), as a stream.
  if (req.headers['content-encoding']) return false;
  const bytes = Number(declared);
  return bytes > 0 && bytes <= MAX_BODY_BYTES;
}
