/** The response cache's bound: at most `max` entries, the least recently read or written dropped first. */
import { describe, expect, it } from 'vitest';
import { Lru } from '../src/server/lru.ts';

describe('Lru', () => {
  it('drops the least recently used entry past its bound; a read counts as a use', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1); // now b is the least recently used
    lru.set('c', 3);
    expect(lru.size).toBe(2);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
    expect(lru.get('c')).toBe(3);
    lru.set('a', 10); // overwriting keeps one entry per key
    expect(lru.size).toBe(2);
    expect(lru.get('a')).toBe(10);
  });
});
