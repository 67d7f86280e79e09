/**
 * Relay connections the tutorial way: OFFSET paging, the cursor being the offset after an item,
 * and `totalCount` a COUNT statement of its own, run only when selected. Rows are fetched once
 * (one more than asked, for hasNextPage) however many of nodes/edges/pageInfo are selected.
 */
export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

const DEFAULT_PAGE = 20;
const encode = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64');

function decode(cursor: string): number {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  const offset = Number(text.slice('offset:'.length));
  if (!text.startsWith('offset:') || !Number.isInteger(offset) || offset < 0) throw new Error('Not a cursor.');
  return offset;
}

export function offsetConnection<T>(
  args: ConnectionArgs,
  load: (limit: number, offset: number) => Promise<T[]>,
  count: () => Promise<number>,
) {
  if (args.last != null || args.before != null) throw new Error('The naive peer pages forward only.');
  const first = args.first ?? DEFAULT_PAGE;
  const offset = args.after ? decode(args.after) : 0;
  let loaded: Promise<T[]> | undefined;
  const rows = () => {
    loaded ??= load(first + 1, offset);
    return loaded;
  };
  const page = async () => (await rows()).slice(0, first);
  return {
    nodes: page,
    edges: async () => (await page()).map((node, i) => ({ node, cursor: encode(offset + i + 1) })),
    pageInfo: async () => {
      const all = await rows();
      const size = Math.min(all.length, first);
      return {
        hasNextPage: all.length > first,
        hasPreviousPage: offset > 0,
        startCursor: size > 0 ? encode(offset + 1) : null,
        endCursor: size > 0 ? encode(offset + size) : null,
      };
    },
    totalCount: count,
  };
}
