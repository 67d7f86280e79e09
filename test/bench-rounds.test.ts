/**
 * The benchmark's schedule (bench/harness/plan.ts `roundsOf`): the operations the targets name get
 * several throughput rounds of Dossier, L and N+DL, so their ratios are of medians; the cached ones
 * several rounds of Dossier with the cache off and on; everything else one round of every server.
 */
import { describe, expect, it } from 'vitest';
import type { BenchDataset } from '../bench/harness/datasets.ts';
import { measurementCount, type Plan, roundsOf } from '../bench/harness/plan.ts';
import { FULL } from '../bench/harness/profile.ts';
import { type Operation, timeSeries } from '../bench/operations.ts';

const NAMES = ['Dossier', 'L', 'N', 'N+DL', 'Dossier+cache'] as const;
const op = (label: string) => ({ ...timeSeries(), label }) as Operation;
const planOf = (ops: Operation[], cached: string[]): Plan => ({
  dataset: {} as BenchDataset,
  main: ops,
  sweeps: [],
  timed: ops,
  cached: new Set(cached),
});
/** Each round as `server:kinds`, kinds abbreviated (s = throughput, 1 = one connection). */
const schedule = (label: string, cached: string[]) =>
  roundsOf(op(label), planOf([op(label)], cached), FULL, NAMES).map((turns) =>
    turns.map((t) => `${t.name}:${t.kinds.map((k) => (k === 'saturation' ? 's' : '1')).join('')}`),
  );

describe('the rounds of each operation', () => {
  it('a target operation: every server once, then two throughput rounds of Dossier, L and N+DL', () => {
    expect(schedule('deep-page-50000', [])).toEqual([
      ['Dossier:s1', 'L:s1', 'N:s1', 'N+DL:s1'],
      ['Dossier:s', 'L:s', 'N+DL:s'],
      ['Dossier:s', 'L:s', 'N+DL:s'],
    ]);
  });

  it("the page sweep's end points (10 and 100 items) are target operations; the points between are not", () => {
    const medianRounds = ['Dossier:s', 'L:s', 'N+DL:s'];
    for (const label of ['articles-with-quotes-10', 'nested-depth-3-100'])
      expect(schedule(label, [])[2]).toEqual(medianRounds);
    expect(schedule('nested-depth-3-50', [])).toEqual([['Dossier:s1', 'L:s1', 'N:s1', 'N+DL:s1']]);
  });

  it('a target operation that is also cached: Dossier with and without the cache keep both kinds', () => {
    expect(schedule('article-by-id', ['article-by-id'])).toEqual([
      ['Dossier:s1', 'L:s1', 'N:s1', 'N+DL:s1', 'Dossier+cache:s1'],
      ['Dossier:s1', 'L:s', 'N+DL:s', 'Dossier+cache:s1'],
      ['Dossier:s1', 'L:s', 'N+DL:s', 'Dossier+cache:s1'],
    ]);
  });

  it('a cached operation no target names, and one neither cached nor named', () => {
    expect(schedule('funding-dashboard', ['funding-dashboard'])).toEqual([
      ['Dossier:s1', 'L:s1', 'N:s1', 'N+DL:s1', 'Dossier+cache:s1'],
      ['Dossier:s1', 'Dossier+cache:s1'],
      ['Dossier:s1', 'Dossier+cache:s1'],
    ]);
    expect(schedule('time-series', [])).toEqual([['Dossier:s1', 'L:s1', 'N:s1', 'N+DL:s1']]);
  });

  it('the count the run announces is the number of measurements the schedule makes', () => {
    const ops = ['article-by-id', 'deep-page-50000', 'funding-dashboard', 'time-series'].map(op);
    const plan = planOf(ops, ['article-by-id', 'funding-dashboard']);
    // 10 + 6 + 6, 8 + 3 + 3, 10 + 4 + 4, 8
    expect(measurementCount(plan, FULL)).toBe(22 + 14 + 18 + 8);
  });
});
