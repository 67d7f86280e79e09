/**
 * A loopback relay between a client and `sqld` that counts the HTTP requests going through it:
 * each one is a SQL round trip as the network sees it (the client may pipeline several
 * statements into one). Nothing is changed on the way, so the count is honest for any client —
 * the edge function in workerd as much as Node.
 */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundTripCounter {
  url: string;
  /** Requests relayed since the last reset, by path (`/v2/pipeline`, …). */
  byPath: Map<string, number>;
  total(): number;
  reset(): void;
  close(): Promise<void>;
}

export async function countRoundTrips(targetUrl: string): Promise<RoundTripCounter> {
  const target = new URL(targetUrl);
  const byPath = new Map<string, number>();
  const server = createServer((incoming, outgoing) => {
    const path = incoming.url ?? '/';
    byPath.set(path, (byPath.get(path) ?? 0) + 1);
    const relay = request(
      { host: target.hostname, port: target.port, path, method: incoming.method, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    relay.on('error', () => outgoing.destroy());
    incoming.pipe(relay);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    byPath,
    total: () => [...byPath.values()].reduce((a, b) => a + b, 0),
    reset: () => byPath.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
