/**
 * A seeded pseudo-random generator (sfc32, seeded through cyrb128), so one seed always gives the
 * same dataset on every machine and Node version. Math.random() is never used by the generator.
 */

/** Four 32-bit words from any seed text (cyrb128), for sfc32's state. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

export class Prng {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(seed: string | number) {
    [this.#a, this.#b, this.#c, this.#d] = cyrb128(String(seed));
    for (let i = 0; i < 12; i++) this.next(); // sfc32 mixes its state in a few rounds
  }

  /** A float in [0, 1). */
  next(): number {
    this.#a >>>= 0;
    this.#b >>>= 0;
    this.#c >>>= 0;
    this.#d >>>= 0;
    let t = (this.#a + this.#b) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#d = (this.#d + 1) | 0;
    t = (t + this.#d) | 0;
    this.#c = (this.#c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Fisher–Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j] as T, items[i] as T];
    }
    return items;
  }

  /** Exactly `k` distinct integers of [0, n), chosen uniformly (Floyd's algorithm). */
  sample(n: number, k: number): Set<number> {
    const chosen = new Set<number>();
    for (let j = n - Math.min(k, n); j < n; j++) {
      const t = this.int(0, j);
      chosen.add(chosen.has(t) ? j : t);
    }
    return chosen;
  }
}

/** Picks among fixed choices with fixed weights (the weights need not sum to 1). */
export function weighted<T>(entries: readonly (readonly [T, number])[]): (rng: Prng) => T {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  const cumulative = entries.map(([value], i) => ({
    value,
    upTo: entries.slice(0, i + 1).reduce((sum, [, w]) => sum + w, 0) / total,
  }));
  return (rng) => {
    const x = rng.next();
    return (cumulative.find((c) => x < c.upTo) ?? cumulative.at(-1))?.value as T;
  };
}

/**
 * Zipf-distributed ranks 0..n-1 (rank r has weight 1/(r+1)^s), drawn in O(1) with Vose's alias
 * method: a few rank-0 words are in every article, the long tail in a handful.
 */
export class Zipf {
  readonly #probability: Float64Array;
  readonly #alias: Uint32Array;

  constructor(n: number, exponent = 1) {
    const weights = Array.from({ length: n }, (_, r) => 1 / (r + 1) ** exponent);
    const total = weights.reduce((a, b) => a + b, 0);
    const scaled = weights.map((w) => (w * n) / total);
    this.#probability = new Float64Array(n);
    this.#alias = new Uint32Array(n);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((p, i) => {
      (p < 1 ? small : large).push(i);
    });
    while (small.length && large.length) {
      const s = small.pop() as number;
      const l = large.pop() as number;
      this.#probability[s] = scaled[s] as number;
      this.#alias[s] = l;
      scaled[l] = (scaled[l] as number) + (scaled[s] as number) - 1;
      ((scaled[l] as number) < 1 ? small : large).push(l);
    }
    for (const i of [...small, ...large]) this.#probability[i] = 1;
  }

  get size(): number {
    return this.#probability.length;
  }

  next(rng: Prng): number {
    const column = Math.floor(rng.next() * this.#probability.length);
    return rng.next() < (this.#probability[column] as number) ? column : (this.#alias[column] as number);
  }
}
