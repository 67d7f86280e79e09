/**
 * The 1 MB request body limit (MAX_BODY_BYTES), in place of Yoga's own `maxRequestBodySize`,
 * which pipes every body through a TransformStream into a second Request — per request, even a
 * 300-byte one, and measurably so (BENCHMARKS.md, "Per-request overhead"). The checks and answers
 * are Yoga's: a declared Content-Length that is not one whole number is 400 BAD_REQUEST, one over
 * the limit 413 REQUEST_ENTITY_TOO_LARGE before anything is read; a body without one (chunked) is
 * counted as it streams and stopped with 413 past the limit, and so is a compressed one, once
 * inflated. A body whose Content-Length is within the limit is not counted (it cannot be longer),
 * nor one node-handler.ts has already read in full.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** A Content-Length as HTTP allows it: one whole number of bytes. */
export const WHOLE_NUMBER = /^\d+$/;

/** Node requests (IncomingMessage) whose whole body node-handler.ts read within the limit. */
export const bodiesReadWithinLimit = new WeakSet<object>();

export function useBodyLimit(limit: number): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, serverContext, fetchAPI }) {
      const declared = request.headers.get('content-length');
      if (declared !== null) {
        if (!WHOLE_NUMBER.test(declared)) throw httpError(400, 'BAD_REQUEST', 'Content-Length header is invalid.');
        if (Number(declared) > limit) throw tooLarge();
        // The platform's HTTP parser stops a body at its declared length, so one declared within
        // the limit cannot pass it — unless it is compressed: useContentEncoding inflates it first.
        if (!request.headers.has('content-encoding')) return;
      }
      const nodeRequest = (serverContext as { req?: object } | undefined)?.req;
      if (nodeRequest && bodiesReadWithinLimit.has(nodeRequest)) return;
      if (!requestParser || !request.body) return;
      setRequestParser((raw) => requestParser(counted(raw, limit, fetchAPI)));
    },
  };
}

/** The request with a body that fails with 413 once more than `limit` bytes have come through. */
function counted(
  request: Request,
  limit: number,
  fetchAPI: { Request: typeof Request; TransformStream: typeof TransformStream },
): Request {
  // A platform's own stream (workerd's, Node's fetch) pipes only into its own TransformStream;
  // whatwg-node's (Node's server adapter) only into its.
  const Transform = request.body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  let bytes = 0;
  const body = (request.body as ReadableStream<Uint8Array>).pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytes += chunk.byteLength;
        if (bytes > limit) controller.error(tooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
  return new fetchAPI.Request(request.url, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    body,
    duplex: 'half',
  } as RequestInit);
}

function tooLarge(): GraphQLError {
  return httpError(413, 'REQUEST_ENTITY_TOO_LARGE', 'Request body too large');
}

function httpError(status: number, code: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { http: { status }, code } });
}
