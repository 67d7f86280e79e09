/**
 * Evidence spans are exact: offsets are UTF-16 indices into the stored body, each span lies in its
 * sentence, sentences stop at paragraph breaks and subheadings, and every fact has a main statement.
 */
import { Buffer } from 'node:buffer';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE_SLUG, seededDb, serverFor } from './helpers.ts';

type Gql = ReturnType<typeof serverFor>;

interface Span {
  start: number;
  end: number;
  exact: string;
  sentence: string;
  sentenceStart: number;
  sentenceEnd: number;
  role: string;
}

let gql: Gql;
let body: string;
let evidence: Span[];
let subheadings: { start: number; end: number; exact: string }[];

async function query<T = any>(source: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await gql<T>(source, variables);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  expect(result.status).toBe(200);
  return result.data as T;
}

beforeAll(async () => {
  gql = serverFor(await seededDb());
  const data = await query(
    `query ($slug: String!) {
      article(slug: $slug) {
        body
        subheadings { start end exact }
        evidence { start end exact sentence sentenceStart sentenceEnd role }
      }
    }`,
    { slug: ARTICLE_SLUG },
  );
  body = data.article.body;
  evidence = data.article.evidence;
  subheadings = data.article.subheadings;
});

describe('article evidence spans', () => {
  it('there are spans to check', () => {
    expect(body.length).toBeGreaterThan(4000);
    expect(evidence.length).toBeGreaterThan(20);
  });

  it('every span: body.slice(start, end) === exact', () => {
    for (const e of evidence) {
      expect(e.start).toBeGreaterThanOrEqual(0);
      expect(e.end).toBeGreaterThan(e.start);
      expect(e.end).toBeLessThanOrEqual(body.length);
      expect(body.slice(e.start, e.end), `${e.start}-${e.end}`).toBe(e.exact);
    }
  });

  it('every span: body.slice(sentenceStart, sentenceEnd) === sentence, and the sentence holds the span', () => {
    for (const e of evidence) {
      expect(body.slice(e.sentenceStart, e.sentenceEnd), `${e.sentenceStart}-${e.sentenceEnd}`).toBe(e.sentence);
      expect(e.sentence).toContain(e.exact);
      expect(e.sentenceStart).toBeLessThanOrEqual(e.start);
      expect(e.sentenceEnd).toBeGreaterThanOrEqual(e.end);
    }
  });

  it('spans are in body order (start non-decreasing)', () => {
    const starts = evidence.map((e) => e.start);
    for (let i = 1; i < starts.length; i++) {
      expect(starts[i], `span ${i}`).toBeGreaterThanOrEqual(starts[i - 1] ?? 0);
    }
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('no sentence runs across a paragraph break or contains a subheading', () => {
    expect(subheadings.map((s) => s.exact)).toEqual(['Vulnerable backdoors', 'Public spaces']);
    for (const e of evidence) {
      expect(e.sentence, e.sentence).not.toContain('\n\n');
      expect(e.sentence, e.sentence).not.toContain('\n');
      const lines = e.sentence.split('\n').map((l) => l.trim());
      for (const s of subheadings) {
        expect(lines).not.toContain(s.exact);
        const overlaps = e.sentenceStart < s.end && s.start < e.sentenceEnd;
        expect(overlaps, `${e.sentence} overlaps subheading ${s.exact}`).toBe(false);
      }
    }
  });
});

describe('offsets are UTF-16 code units, not bytes', () => {
  it('the "€18.5 million" span starts at body.indexOf and is 13 code units long', () => {
    const spans = evidence.filter((e) => e.exact === '€18.5 million');
    expect(spans.length).toBeGreaterThan(0);
    for (const e of spans) {
      expect(e.start).toBe(body.indexOf('€18.5 million'));
      expect(e.end - e.start).toBe(13);
    }
  });

  it('the "€100" span lies after an earlier "€", where byte and UTF-16 offsets differ', () => {
    const spans = evidence.filter((e) => e.exact === '€100');
    expect(spans).toHaveLength(1);
    const e = spans[0] as Span;
    expect(body.indexOf('€')).toBeLessThan(e.start);
    expect(Buffer.byteLength(body.slice(0, e.start))).not.toBe(e.start);
    expect(body.slice(e.start, e.end)).toBe('€100');
    expect(e.end - e.start).toBe(4);
  });
});

describe('every fact has evidence', () => {
  const connections = ['measures', 'positions', 'fundingItems', 'quotes', 'figures', 'events'] as const;

  it.each(connections)('every %s node has at least one span, including a MAIN_STATEMENT', async (name) => {
    const data = await query(`{ ${name}(first: 100) { totalCount nodes { id evidence { role exact start end } } } }`);
    const { totalCount, nodes } = data[name];
    expect(totalCount).toBeGreaterThan(0);
    expect(totalCount).toBeLessThanOrEqual(100);
    expect(nodes).toHaveLength(totalCount);
    for (const node of nodes) {
      expect(node.evidence.length, node.id).toBeGreaterThan(0);
      expect(
        node.evidence.map((e: any) => e.role),
        node.id,
      ).toContain('MAIN_STATEMENT');
      for (const e of node.evidence) {
        expect(body.slice(e.start, e.end)).toBe(e.exact);
      }
    }
  });
});
