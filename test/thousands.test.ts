/** thousands() writes integers as toLocaleString('en-US') does, without Intl (its first use is slow at the edge). */
import { describe, expect, it } from 'vitest';
import { thousands } from '../src/text/thousands.ts';

describe('thousands', () => {
  it('puts commas between thousands, as en-US does', () => {
    expect(thousands(2000)).toBe('2,000');
    expect(thousands(999)).toBe('999');
    expect(thousands(0)).toBe('0');
    expect(thousands(1_234_567)).toBe('1,234,567');
    for (const n of [1, 12, 123, 1234, 12_345, 123_456, 62_500, 100_000_000, Number.MAX_SAFE_INTEGER]) {
      expect(thousands(n)).toBe(n.toLocaleString('en-US'));
    }
  });
});
