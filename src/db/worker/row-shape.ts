/**
 * Rows as libSQL's client hands them out — readable by position and by column name, `length` the
 * number of values, only the column names enumerable (so `Object.keys`, spreading and JSON see
 * the named values alone) — made from the plain arrays a worker thread sends.
 *
 * libSQL defines every property of every row with `Object.defineProperty` (about 2n + 1 calls
 * for n columns), which cost ~70 µs for a page of 21 three-column rows on the main thread. Here
 * the positions and `length` are getters on a prototype made once per list of columns, and a
 * row is that prototype, its array of values under a symbol, and one plain assignment per name.
 *
 * As in libSQL: where two columns share a name, the first one's value is the named one; a column
 * named `length`, or like a position the row has ("0"), is readable only by position.
 */
import type { Row } from '@libsql/client';

const VALUES = Symbol('row values');

type Shaped = { [VALUES]: unknown[] } & Record<string, unknown>;
export type RowMaker = (values: unknown[]) => Row;

/** Makers by list of columns: a server runs a bounded set of statements, so a bounded set of lists. */
const makers = new Map<string, RowMaker>();
const MAX_SHAPES = 500;

export function rowMaker(columns: readonly string[]): RowMaker {
  const key = columns.join('\u0000');
  let maker = makers.get(key);
  if (!maker) {
    maker = makeRowMaker(columns);
    if (makers.size >= MAX_SHAPES) makers.clear();
    makers.set(key, maker);
  }
  return maker;
}

function makeRowMaker(columns: readonly string[]): RowMaker {
  const count = columns.length;
  const positions: PropertyDescriptorMap = {
    length: {
      get(this: Shaped) {
        return this[VALUES].length;
      },
    },
  };
  for (let i = 0; i < count; i++) {
    positions[i] = {
      get(this: Shaped) {
        return this[VALUES][i];
      },
    };
  }
  const prototype = Object.create(Object.prototype, positions);
  const named: [number, string][] = [];
  const seen = new Set<string>(['length']);
  for (let i = 0; i < count; i++) seen.add(String(i));
  for (const [i, name] of columns.entries()) {
    if (seen.has(name)) continue;
    seen.add(name);
    named.push([i, name]);
  }
  // `row.__proto__ = …` would set the prototype instead: that one name is defined, not assigned.
  const namesProto = seen.has('__proto__');
  return (values) => {
    const row = Object.create(prototype) as Shaped;
    row[VALUES] = values;
    for (const [i, name] of named) {
      if (namesProto && name === '__proto__') {
        Object.defineProperty(row, name, { value: values[i], enumerable: true, configurable: true, writable: true });
      } else {
        row[name] = values[i];
      }
    }
    return row as unknown as Row;
  };
}
