/**
 * API keys: `dsk_` and 43 base64url characters (32 random bytes, 256 bits). Only the SHA-256 of a
 * key is stored; WebCrypto computes it, the same on Node and the edge, in microseconds.
 */
export const KEY_PREFIX = 'dsk_';
const KEY_SHAPE = /^dsk_[A-Za-z0-9_-]{43}$/;

export function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return (
    KEY_PREFIX +
    btoa(String.fromCharCode(...bytes))
      .replaceAll('+', '-')
      .replaceAll('/', '_')
      .replace(/=+$/, '')
  );
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

export type Credentials = { kind: 'none' } | { kind: 'malformed' } | { kind: 'key'; key: string };

/** A key travels only as `Authorization: Bearer dsk_…`. */
export function credentialsOf(authorization: string | null): Credentials {
  if (authorization === null) return { kind: 'none' };
  const match = /^Bearer +(\S+) *$/i.exec(authorization);
  if (!match || !KEY_SHAPE.test(match[1] as string)) return { kind: 'malformed' };
  return { kind: 'key', key: match[1] as string };
}
