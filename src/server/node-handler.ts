/**
 * Node's request handler around Yoga.
 *
 * A POST whose Content-Length declares a body within the 1 MB limit is read here in full and
 * handed to Yoga as text (whatwg-node takes a `body` already on the request as the body), so the
 * request is not adapted into a stream and read back through one: the same plugins run on it, at
 * less cost per request (BENCHMARKS.md, "Per-request overhead"). Any other request — chunked,
 * over the limit, GET — goes to Yoga as it came, and body-limit.ts counts or refuses it.
 *
 * When Yoga stops reading a body (over the limit, a chunked one too) it cancels the request
 * stream, which destroys the socket: the client, still uploading, gets a connection reset instead
 * of the 413. Instead, the rest of the body is read and dropped — up to a bound, then the socket
 * goes — and the connection closes once answered.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bodiesReadWithinLimit, WHOLE_NUMBER } from './body-limit.ts';
import { MAX_BODY_BYTES } from './http-hygiene.ts';

/** How much of an abandoned upload is read and dropped so the client can read its answer. */
const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

export function nodeHandler(yoga: Handler): Handler {
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
    if (!declaredWithinLimit(req)) return yoga(req, res);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => {
      (req as IncomingMessage & { body?: string }).body = Buffer.concat(chunks).toString('utf8');
      bodiesReadWithinLimit.add(req);
      yoga(req, res);
    });
    // A client gone mid-upload: nothing to answer (the socket is closed), nothing was run. The
    // listener also keeps the request's error from being thrown as an unhandled event.
    req.on('error', () => destroy());
  };
}

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
