/** EDITOR_ORIGINS, read the same way on Node and the edge. */

/** EDITOR_ORIGINS: comma-separated origins such as `https://newsroom.example`, empty by default. */
export function parseOrigins(value: string | undefined): string[] {
  const origins = (value ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of origins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {}
    if (!parsed || parsed.origin !== origin || !/^https?:$/.test(parsed.protocol)) {
      throw new Error(`EDITOR_ORIGINS must list origins such as https://newsroom.example (no path); got "${origin}".`);
    }
  }
  return origins;
}
