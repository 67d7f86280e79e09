/**
 * What every peer server is: an `Answer` from the POST body text to the response body text.
 * The same answer serves a fetch-style handler (tests, no port) and node:http (the benchmark),
 * so a peer's HTTP layer is a few lines and costs next to nothing next to Yoga's.
 */
import { createServer, type Server } from 'node:http';

export interface Reply {
  status: number;
  body: string;
}

export type Answer = (body: string) => Promise<Reply>;

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

export function errorReply(status: number, message: string): Reply {
  return { status, body: JSON.stringify({ errors: [{ message }] }) };
}

/** A fetch-style handler: POST only, like the benchmark sends. */
export function fetchHandler(answer: Answer): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'POST') return new Response(null, { status: 405 });
    const reply = await answer(await request.text()).catch((error: unknown) => errorReply(500, String(error)));
    return new Response(reply.body, { status: reply.status, headers: JSON_HEADERS });
  };
}

/** A node:http server on 127.0.0.1 answering POST /graphql; resolves once it listens. */
export function listen(answer: Answer, port: number): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method !== 'POST' || !request.url?.startsWith('/graphql')) {
      response.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const reply = await answer(Buffer.concat(chunks).toString('utf8')).catch((error: unknown) =>
        errorReply(500, String(error)),
      );
      response.writeHead(reply.status, JSON_HEADERS).end(reply.body);
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}
