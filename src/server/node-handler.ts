/**
 * Node's request handler around Yoga. When Yoga stops reading a body (over the 1 MB limit, a
 * chunked one too) it cancels the request stream, which destroys the socket: the client, still
 * uploading, gets a connection reset instead of the 413. Instead, the rest of the body is read
 * and dropped — up to a bound, then the socket goes — and the connection closes once answered.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

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
    return yoga(req, res);
  };
}
