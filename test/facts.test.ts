/**
 * Every fact of the first article is queryable with its exact values. Expected values are typed
 * by hand from the source article (seeds/sources/000_8226112b5d290b71.txt, vendored verbatim),
 * not copied from the seed, so that altering any seeded fact makes these tests fail.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE_SLUG, seededDb, serverFor } from './helpers.ts';

type Gql = ReturnType<typeof serverFor>;

let gql: Gql;

beforeAll(async () => {
  gql = serverFor(await seededDb());
});

/** Runs a query and fails loudly on any GraphQL error. */
async function query<T = any>(source: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await gql<T>(source, variables);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  expect(result.status).toBe(200);
  return result.data as T;
}

/**
 * Fetches every node of a top-level connection, one request per group of fields (merged by id),
 * so that each request stays under the server's query-cost limit.
 */
async function nodesOf(connection: string, fieldGroups: string[]): Promise<any[]> {
  const merged = new Map<string, any>();
  let total: number | undefined;
  for (const fields of fieldGroups) {
    const data = await query(`{ ${connection}(first: 100) { totalCount nodes { id ${fields} } } }`);
    const { totalCount, nodes } = data[connection];
    expect(nodes).toHaveLength(totalCount);
    if (total !== undefined) expect(totalCount).toBe(total);
    total = totalCount;
    for (const node of nodes) merged.set(node.id, { ...merged.get(node.id), ...node });
  }
  return [...merged.values()];
}

const FUZZY = 'earliest latest precision reportedText';
const EVIDENCE = 'evidence { start end exact sentence role }';

describe('quotes', () => {
  let quotes: any[];

  beforeAll(async () => {
    quotes = await nodesOf('quotes', ['text kind speaker { name }', EVIDENCE]);
  });

  it('are exactly the five attributed quotes, with speaker and kind', () => {
    const got = quotes
      .map((q) => ({ text: q.text, kind: q.kind, speaker: q.speaker?.name }))
      .sort((a, b) => a.text.localeCompare(b.text));
    const expected = [
      {
        text: 'We believe there is more that we can do to support law enforcement and judicial authorities when they encounter encryption',
        kind: 'FULL_SENTENCE',
        speaker: 'Julian King',
      },
      {
        text: 'weaken the overall security of our cyber space.',
        kind: 'PARTIAL',
        speaker: 'Julian King',
      },
      {
        text: 'I am not predicting the outcome of these agreements yet. I do hope it is possible to make progress',
        kind: 'FULL_SENTENCE',
        speaker: 'Julian King',
      },
      {
        text: 'to make public spaces less vulnerable without completely changing their nature',
        kind: 'PARTIAL',
        speaker: 'Julian King',
      },
      {
        text: 'is far from clear that encryption is a key tool through which terrorists avoid detection.',
        kind: 'PARTIAL',
        speaker: 'Civil Liberties Union for Europe',
      },
    ].sort((a, b) => a.text.localeCompare(b.text));
    expect(quotes).toHaveLength(5);
    expect(got).toEqual(expected);
  });

  it('has four quotes by Julian King and one by the Civil Liberties Union for Europe', () => {
    const bySpeaker = quotes.map((q) => q.speaker?.name);
    expect(bySpeaker.filter((n) => n === 'Julian King')).toHaveLength(4);
    expect(bySpeaker.filter((n) => n === 'Civil Liberties Union for Europe')).toHaveLength(1);
  });

  it('contains no scare quotes or quoted titles', () => {
    const scare = ['backdoors', 'back doors', 'tool box of alternative investigation techniques'];
    for (const q of quotes) {
      for (const s of scare) {
        expect(q.text.toLowerCase()).not.toBe(s);
        expect(q.text.toLowerCase()).not.toContain(s);
      }
    }
  });

  it('each quote has a MAIN_STATEMENT span whose exact is the quote text', () => {
    for (const q of quotes) {
      const main = q.evidence.filter((e: any) => e.role === 'MAIN_STATEMENT');
      expect(
        main.map((e: any) => e.exact),
        q.text,
      ).toContain(q.text);
    }
  });
});

describe('funding items', () => {
  let items: any[];
  const byText = (text: string) => {
    const found = items.filter((i) => i.amount.reportedText === text);
    expect(found, text).toHaveLength(1);
    return found[0];
  };

  beforeAll(async () => {
    items = await nodesOf('fundingItems', [
      'amount { reportedText approximate amount currencyCode } qualityFlags qualityNote',
      EVIDENCE,
    ]);
  });

  it('are exactly three items: €500,000, €18.5 million and €100', () => {
    expect(items).toHaveLength(3);
    expect(items.map((i) => i.amount.reportedText).sort()).toEqual(['€100', '€18.5 million', '€500,000'].sort());
  });

  it('€500,000 is 500000.00 EUR, not approximate, not flagged', () => {
    const item = byText('€500,000');
    expect(item.amount).toEqual({
      reportedText: '€500,000',
      approximate: false,
      amount: '500000.00',
      currencyCode: 'EUR',
    });
    expect(item.qualityFlags).toEqual([]);
  });

  it('"some €18.5 million" is 18500000.00 EUR, approximate, not flagged', () => {
    const item = byText('€18.5 million');
    expect(item.amount).toEqual({
      reportedText: '€18.5 million',
      approximate: true,
      amount: '18500000.00',
      currencyCode: 'EUR',
    });
    expect(item.qualityFlags).toEqual([]);
  });

  it('€100 is kept as reported (100.00 EUR) and flagged SUSPECTED_TYPO with a note', () => {
    const item = byText('€100');
    expect(item.amount).toEqual({
      reportedText: '€100',
      approximate: false,
      amount: '100.00',
      currencyCode: 'EUR',
    });
    expect(item.qualityFlags).toContain('SUSPECTED_TYPO');
    expect(typeof item.qualityNote).toBe('string');
    expect(item.qualityNote.trim().length).toBeGreaterThan(0);
  });

  it('the €18.5 million AMOUNT span carries the whole sentence', () => {
    const item = byText('€18.5 million');
    const amountSpans = item.evidence.filter((e: any) => e.role === 'AMOUNT');
    expect(amountSpans).toHaveLength(1);
    expect(amountSpans[0].exact).toBe('€18.5 million');
    expect(amountSpans[0].sentence).toBe(
      'Meanwhile, King announced some €18.5 million in EU security funds until the end of year to finance projects to protect public spaces from terrorist attacks.',
    );
  });

  it('each item has an AMOUNT span whose exact is the reported text', () => {
    for (const item of items) {
      const amounts = item.evidence.filter((e: any) => e.role === 'AMOUNT').map((e: any) => e.exact);
      expect(amounts, item.amount.reportedText).toContain(item.amount.reportedText);
    }
  });
});

describe('measures', () => {
  let measures: any[];
  const ofType = (type: string) => measures.filter((m) => m.type === type);
  const one = (type: string, title?: RegExp) => {
    const found = ofType(type).filter((m) => !title || title.test(m.title));
    expect(found, `${type} ${title ?? ''}`).toHaveLength(1);
    return found[0];
  };

  beforeAll(async () => {
    measures = await nodesOf('measures', [
      'title summary type proposer { name }',
      'actors { actor { name } role }',
      `deadline { ${FUZZY} } expected { ${FUZZY} }`,
      EVIDENCE,
    ]);
  });

  it('Europol gets 86 additional staff, proposed by the European Commission', () => {
    const staffing = ofType('STAFFING');
    expect(staffing.length).toBeGreaterThan(0);
    const europol = one('STAFFING', /Europol/);
    expect(europol.proposer?.name).toBe('European Commission');
    expect(europol.actors.map((a: any) => a.actor.name)).toContain('Europol');
    const main = europol.evidence.filter((e: any) => e.role === 'MAIN_STATEMENT');
    expect(main.some((e: any) => e.exact.includes('Europol, 86 additional staff'))).toBe(true);
  });

  it.each([
    ['EXPERT_NETWORK', 'a network of encryption experts'],
    ['TOOLBOX', 'tool box of alternative investigation techniques'],
    ['TRAINING', 'training programme to train police'],
  ])('%s measure ("%s") is due within the next 16 months: February 2019', (type, words) => {
    const measure = one(type);
    expect(measure.deadline).toEqual({
      earliest: '2019-02-01',
      latest: '2019-02-28',
      precision: 'MONTH',
      reportedText: 'within the next 16 months',
    });
    const deadlines = measure.evidence.filter((e: any) => e.role === 'DEADLINE');
    expect(deadlines.some((e: any) => e.exact.includes('within the next 16 months'))).toBe(true);
    const main = measure.evidence.filter((e: any) => e.role === 'MAIN_STATEMENT');
    expect(main.some((e: any) => e.exact.includes(words))).toBe(true);
    expect(measure.proposer?.name).toBe('European Commission');
  });

  it('the electronic-evidence rules are LEGISLATION expected "early next year" (2018)', () => {
    const rules = one('LEGISLATION', /electronic evidence/i);
    expect(rules.proposer?.name).toBe('European Commission');
    expect(rules.expected).not.toBeNull();
    expect(rules.expected.reportedText).toBe('early next year');
    expect(rules.expected.earliest.slice(0, 4)).toBe('2018');
    expect(rules.expected.latest.slice(0, 4)).toBe('2018');
    expect(rules.expected.earliest).toBe('2018-01-01');
    const expectedSpans = rules.evidence.filter((e: any) => e.role === 'EXPECTED_DATE');
    expect(expectedSpans.map((e: any) => e.exact)).toContain('early next year');
    const main = rules.evidence.filter((e: any) => e.role === 'MAIN_STATEMENT');
    expect(main.some((e: any) => e.exact.includes('a set of rules on electronic evidence'))).toBe(true);
  });

  it('the talks with Egypt and Turkey involve both countries', () => {
    const talks = measures.filter((m) => /Egypt/.test(m.title) && /Turkey/.test(m.title));
    expect(talks).toHaveLength(1);
    const actors = talks[0].actors.map((a: any) => a.actor.name);
    expect(actors).toContain('Egypt');
    expect(actors).toContain('Turkey');
    const main = talks[0].evidence.filter((e: any) => e.role === 'MAIN_STATEMENT');
    expect(main.some((e: any) => e.exact.includes('open up talks with pariah governments in Egypt and Turkey'))).toBe(
      true,
    );
  });
});

describe('positions', () => {
  let positions: any[];
  let body: string;
  const ofActor = (name: string, stance: string) => {
    const found = positions.filter((p) => p.actor.name === name && p.stance === stance);
    expect(found, `${name} ${stance}`).toHaveLength(1);
    return found[0];
  };

  beforeAll(async () => {
    positions = await nodesOf('positions', [`actor { name } stance question stated { ${FUZZY} }`, EVIDENCE]);
    const c = await query('query ($slug: String!) { article(slug: $slug) { body } }', { slug: ARTICLE_SLUG });
    body = c.article.body;
  });

  it('Amber Rudd demanded enhanced access "In March" (2017-03, MONTH)', () => {
    const rudd = ofActor('Amber Rudd', 'DEMANDS');
    expect(rudd.stated).toEqual({
      earliest: '2017-03-01',
      latest: '2017-03-31',
      precision: 'MONTH',
      reportedText: 'In March',
    });
    const main = rudd.evidence.filter((e: any) => e.role === 'MAIN_STATEMENT');
    expect(main.some((e: any) => e.exact.includes('demanded a push for enhanced access'))).toBe(true);
  });

  it('the French-German statement called for a ban "Last year" (2016, YEAR)', () => {
    const found = positions.filter((p) => p.actor.name.includes('French-German'));
    expect(found).toHaveLength(1);
    const [statement] = found;
    expect(statement.stance).toBe('DEMANDS');
    expect(statement.stated).toEqual({
      earliest: '2016-01-01',
      latest: '2016-12-31',
      precision: 'YEAR',
      reportedText: 'Last year',
    });
    const main = statement.evidence.filter((e: any) => e.role === 'MAIN_STATEMENT');
    expect(main.some((e: any) => e.exact.includes('a ban on unbreakable encryption'))).toBe(true);
  });

  it('King opposes backdoors, with a "backdoors" span in his sentence, not in the subheading', () => {
    const king = ofActor('Julian King', 'OPPOSES');
    const sentence =
      'But King insisted on his opposition to "backdoors", noting that such gaps would "weaken the overall security of our cyber space."';
    const sentenceAt = body.indexOf(sentence);
    expect(sentenceAt).toBeGreaterThan(0);
    const expectedStart = sentenceAt + sentence.indexOf('backdoors');
    const subheadingAt = body.indexOf('Vulnerable backdoors');
    expect(subheadingAt).toBeGreaterThan(0);

    const spans = king.evidence.filter((e: any) => e.exact === 'backdoors');
    expect(spans.map((e: any) => e.start)).toEqual([expectedStart]);
    const [span] = spans;
    expect(span.end).toBe(expectedStart + 'backdoors'.length);
    expect(span.sentence).toBe(sentence);
    expect(span.start).not.toBe(subheadingAt + 'Vulnerable '.length);
    expect(body.slice(span.start, span.end)).toBe('backdoors');
  });

  it('the Civil Liberties Union for Europe opposes backdoors', () => {
    const ngo = ofActor('Civil Liberties Union for Europe', 'OPPOSES');
    const main = ngo.evidence.filter((e: any) => e.role === 'MAIN_STATEMENT');
    expect(main.some((e: any) => e.exact.includes('backdoors could be easily exploited by hackers'))).toBe(true);
  });
});

describe('figures', () => {
  let figures: any[];
  const byValue = (value: number) => {
    const found = figures.filter((f) => f.value === value);
    expect(found, String(value)).toHaveLength(1);
    return found[0];
  };

  beforeAll(async () => {
    figures = await nodesOf('figures', ['value unit reportedText approximate reportedBy { name }', EVIDENCE]);
  });

  it('86 additional Europol staff, exact', () => {
    const f = byValue(86);
    expect(f.unit).toBe('staff');
    expect(f.approximate).toBe(false);
    expect(f.reportedText).toContain('86');
  });

  it('16 months, exact', () => {
    const f = byValue(16);
    expect(f.unit).toBe('months');
    expect(f.approximate).toBe(false);
    expect(f.reportedText).toContain('16 months');
  });

  it('some 750,000 identity cards, approximate, reported by the Estonian government', () => {
    const f = byValue(750000);
    expect(f.approximate).toBe(true);
    expect(f.reportedText).toContain('750,000');
    expect(f.reportedBy?.name).toContain('Estonian');
  });

  it('some 97 percent, approximate, reported by The Intercept', () => {
    const f = byValue(97);
    expect(f.unit).toBe('percent');
    expect(f.approximate).toBe(true);
    expect(f.reportedText).toContain('97 percent');
    expect(f.reportedBy?.name).toBe('The Intercept');
  });
});

describe('events', () => {
  let events: any[];
  const named = (pattern: RegExp) => {
    const found = events.filter((e) => pattern.test(e.name));
    expect(found, String(pattern)).toHaveLength(1);
    return found[0];
  };

  beforeAll(async () => {
    events = await nodesOf('events', [`name place date { ${FUZZY} }`, EVIDENCE]);
  });

  it('the 2004 Madrid train bombings, dated to the year 2004', () => {
    const madrid = named(/Madrid train bombings/);
    expect(madrid.date).toMatchObject({ earliest: '2004-01-01', latest: '2004-12-31', precision: 'YEAR' });
    expect(madrid.evidence.some((e: any) => e.exact.includes('2004 Madrid train bombings'))).toBe(true);
  });

  it('the 2017 London Bridge attack, dated to the year 2017', () => {
    const bridge = named(/London Bridge/);
    expect(bridge.date).toMatchObject({ earliest: '2017-01-01', latest: '2017-12-31', precision: 'YEAR' });
    expect(bridge.evidence.some((e: any) => e.exact.includes('London Bridge attacks'))).toBe(true);
  });
});

describe('actors', () => {
  let actors: any[];
  const named = (name: string) => {
    const found = actors.filter((a) => a.name === name);
    expect(found, name).toHaveLength(1);
    return found[0];
  };

  beforeAll(async () => {
    actors = await nodesOf('actors', ['name kind mentions { nameAsWritten roleAsWritten article { slug } }']);
  });

  it('Julian King is a PERSON, written as "the EU commissioner for security"', () => {
    const king = named('Julian King');
    expect(king.kind).toBe('PERSON');
    const mention = king.mentions.find((m: any) => m.article.slug === ARTICLE_SLUG);
    expect(mention).toBeDefined();
    expect(mention.roleAsWritten).toBe('the EU commissioner for security');
    expect(mention.nameAsWritten).toBe('Julian King');
  });

  it('Europol is an EU_AGENCY', () => {
    expect(named('Europol').kind).toBe('EU_AGENCY');
  });

  it('the Civil Liberties Union for Europe is an NGO', () => {
    expect(named('Civil Liberties Union for Europe').kind).toBe('NGO');
  });
});

describe('article', () => {
  let article: any;

  beforeAll(async () => {
    const data = await query(
      `query ($slug: String!) {
        article(slug: $slug) {
          slug publishedOn headlineProvenance publisher body
          subheadings { start end exact }
        }
      }`,
      { slug: ARTICLE_SLUG },
    );
    article = data.article;
  });

  it('is found by its slug, published on 2017-10-18', () => {
    expect(article).not.toBeNull();
    expect(article.slug).toBe('2017-10-18-eu-police-decryption-plan');
    expect(article.publishedOn).toBe('2017-10-18');
  });

  it('has an editor-supplied headline and no publisher', () => {
    expect(article.headlineProvenance).toBe('EDITORS');
    expect(article.publisher).toBeNull();
  });

  it('has exactly the subheadings "Vulnerable backdoors" and "Public spaces", in body order', () => {
    expect(article.subheadings.map((s: any) => s.exact)).toEqual(['Vulnerable backdoors', 'Public spaces']);
    for (const s of article.subheadings) {
      expect(article.body.slice(s.start, s.end)).toBe(s.exact);
    }
  });

  it('" date 2017-10-18 " + body reproduces the source file', () => {
    const source = readFileSync(new URL('../seeds/sources/000_8226112b5d290b71.txt', import.meta.url), 'utf8');
    expect(` date 2017-10-18 ${article.body}`).toBe(source);
  });

  it('an unknown slug gives null', async () => {
    const data = await query('query ($slug: String!) { article(slug: $slug) { slug } }', {
      slug: 'no-such-article',
    });
    expect(data.article).toBeNull();
  });
});
