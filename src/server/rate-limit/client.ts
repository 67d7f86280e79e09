/**
 * Who a request comes from, for its rate limit. A client is its IP address: the socket's peer on
 * Node, `CF-Connecting-IP` on the edge (Cloudflare sets it; a client cannot). `X-Forwarded-For` is
 * believed only from a configured trusted proxy (TRUST_PROXY, its addresses): the client is then
 * the right-most entry that is not one of the proxies — entries further left are whatever the
 * client chose to send. The seam for API keys (the write path): a request whose key has been
 * verified gets `key:<id>` through `setVerifiedKey`; an unverified key is ignored here, so it
 * never gets a bucket of its own.
 */

export interface ClientSources {
  /** The socket's peer (Node) or CF-Connecting-IP (edge); undefined when unknown (tests, local workerd). */
  peer: string | undefined;
  /** Addresses of proxies whose X-Forwarded-For is believed. */
  trustedProxies: ReadonlySet<string>;
}

const verifiedKeys = new WeakMap<Request, string>();

/** For the write path: after checking a request's API key, its bucket is the key's. */
export function setVerifiedKey(request: Request, keyId: string): void {
  verifiedKeys.set(request, keyId);
}

/** The bucket of a request whose key was verified, or undefined (no key, or not verified yet). */
export function verifiedClientOf(request: Request): string | undefined {
  const key = verifiedKeys.get(request);
  return key ? `key:${key}` : undefined;
}

export function clientOf(request: Request, sources: ClientSources): string {
  const verified = verifiedClientOf(request);
  if (verified) return verified;
  return `ip:${addressOf(request, sources) ?? 'unknown'}`;
}

function addressOf(request: Request, { peer, trustedProxies }: ClientSources): string | undefined {
  const direct = peer && normalise(peer);
  if (!direct || !trustedProxies.has(direct)) return direct;
  const forwarded = (request.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => normalise(entry.trim()))
    .filter(Boolean);
  for (let i = forwarded.length - 1; i >= 0; i--) {
    const hop = forwarded[i] as string;
    if (!trustedProxies.has(hop)) return hop;
  }
  // Every hop is a trusted proxy: the request started at one of them.
  return forwarded[0] ?? direct;
}

/** `::ffff:127.0.0.1` (an IPv4 peer on a dual-stack socket) is 127.0.0.1; case does not matter in IPv6. */
export function normalise(address: string): string {
  const lower = address.trim().toLowerCase();
  return lower.startsWith('::ffff:') && lower.includes('.') ? lower.slice('::ffff:'.length) : lower;
}

/** TRUST_PROXY: comma-separated addresses of the proxies in front of the server. */
export function parseTrustedProxies(value: string | undefined): ReadonlySet<string> {
  return new Set(
    (value ?? '')
      .split(',')
      .map((entry) => normalise(entry))
      .filter(Boolean),
  );
}
