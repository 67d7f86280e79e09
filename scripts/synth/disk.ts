/**
 * Free disk space, checked before a generation starts: statfs on the target folder against an
 * estimate from the measured size of generated files (bytes per article, see BENCHMARKS.md).
 */
import { statfsSync } from 'node:fs';

/** Measured file size per article: 35,886 B at 10,000 articles, 35,507 B at 100,000 (BENCHMARKS.md). */
export const BYTES_PER_ARTICLE = 36_000;
/** Head room over the final size: the FTS rebuild writes segments before it merges them. */
const HEADROOM = 1.25;
const FIXED_BYTES = 16 * 1024 * 1024;

export function estimateBytes(articles: number): number {
  return Math.ceil(articles * BYTES_PER_ARTICLE * HEADROOM + FIXED_BYTES);
}

export function freeBytes(folder: string): number {
  const stats = statfsSync(folder);
  return Number(stats.bavail) * Number(stats.bsize);
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

export class NotEnoughDiskError extends Error {
  constructor(
    readonly needed: number,
    readonly free: number,
    folder: string,
  ) {
    super(`Not enough disk space in ${folder}: needs about ${formatBytes(needed)}, ${formatBytes(free)} free.`);
    this.name = 'NotEnoughDiskError';
  }
}

/** Throws NotEnoughDiskError when `folder` has less free space than `articles` need. */
export function checkDisk(folder: string, articles: number): { needed: number; free: number } {
  const needed = estimateBytes(articles);
  const free = freeBytes(folder);
  if (free < needed) throw new NotEnoughDiskError(needed, free, folder);
  return { needed, free };
}
