/**
 * List filters answer real questions about the article; expected answers are typed from the
 * source text. totalCount always honours the filter.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type GqlResult, seededDb, serverFor } from './helpers.ts';

let gql: ReturnType<typeof serverFor>;
const id = (type: string, key: string) => btoa(`${type}:${key}`);

beforeAll(async () => {
  gql = serverFor(await seededDb());
});

async function list(field: string, filter: string, selection: string) {
  const result = await gql(`{ ${field}(first: 100, filter: ${filter}) { totalCount nodes { ${selection} } } }`);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  const { totalCount, nodes } = result.data[field];
  expect(nodes).toHaveLength(totalCount);
  return nodes as any[];
}

function expectBadInput(result: GqlResult, argument: string, message: RegExp) {
  expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(result.errors?.[0]?.extensions?.argument).toBe(argument);
  expect(result.errors?.[0]?.message).toMatch(message);
  expect(result.errors?.[0]?.path?.length).toBe(1);
}

describe('measures', () => {
  it("by proposer: the Commission's seven measures, not the EU's talks with Egypt and Turkey", async () => {
    const nodes = await list(
      'measures',
      `{ proposer: "${id('Actor', 'european-commission')}" }`,
      'title proposer { name }',
    );
    expect(nodes).toHaveLength(7);
    expect(new Set(nodes.map((m) => m.proposer.name))).toEqual(new Set(['European Commission']));
    expect(nodes.map((m) => m.title).join(' ')).not.toMatch(/Egypt/);
    const eu = await list('measures', `{ proposer: "${id('Actor', 'european-union')}" }`, 'title');
    expect(eu.map((m) => m.title)).toEqual([expect.stringMatching(/Egypt and Turkey/)]);
  });

  it('by target actor and any involvement', async () => {
    const targeted = await list('measures', `{ target: "${id('Actor', 'europol')}" }`, 'title');
    expect(targeted.map((m) => m.title)).toEqual([expect.stringMatching(/86 additional Europol staff/)]);
    const egypt = await list('measures', `{ involves: "${id('Actor', 'egypt')}" }`, 'title');
    expect(egypt.map((m) => m.title)).toEqual([expect.stringMatching(/Egypt and Turkey/)]);
  });

  it('overdue: the three measures due "within the next 16 months" are overdue by March 2019, not mid-February', async () => {
    const march = await list('measures', '{ overdue: { asOf: "2019-03-01" } }', 'title deadline { latest }');
    expect(march).toHaveLength(3);
    expect(march.every((m) => m.deadline.latest === '2019-02-28')).toBe(true);
    expect(await list('measures', '{ overdue: { asOf: "2019-02-15" } }', 'title')).toHaveLength(0);
  });

  it('by deadline range (fuzzy dates match when they overlap it), status, type, AND/OR/NOT', async () => {
    expect(await list('measures', '{ deadline: { from: "2019-02-20", to: "2019-03-01" } }', 'title')).toHaveLength(3);
    expect(await list('measures', '{ deadline: { to: "2019-02-01" } }', 'title')).toHaveLength(0);
    const planned = await list('measures', '{ status: [PLANNED] }', 'title');
    expect(planned.map((m) => m.title).sort()).toEqual([
      expect.stringMatching(/electronic evidence/),
      expect.stringMatching(/Egypt and Turkey/),
    ]);
    expect(await list('measures', '{ OR: [{ status: [PLANNED] }, { type: [STAFFING] }] }', 'title')).toHaveLength(3);
    expect(
      await list('measures', '{ AND: [{ status: [PROPOSED] }, { type: [STAFFING, TRAINING] }] }', 'title'),
    ).toHaveLength(2);
    expect(await list('measures', '{ NOT: { status: [PROPOSED] } }', 'title')).toHaveLength(3);
    expect(
      await list('measures', `{ article: "${id('Article', '2017-10-18-eu-police-decryption-plan')}" }`, 'title'),
    ).toHaveLength(8);
  });
});

describe('funding items', () => {
  it('by amount range, flag, period and currency', async () => {
    const big = await list(
      'fundingItems',
      '{ amount: { currencyCode: EUR, min: "1000000" } }',
      'amount { reportedText }',
    );
    expect(big.map((f) => f.amount.reportedText)).toEqual(['€18.5 million']);
    const flagged = await list('fundingItems', '{ flagged: true }', 'amount { reportedText } qualityFlags');
    expect(flagged.map((f) => f.amount.reportedText)).toEqual(['€100']);
    expect(await list('fundingItems', '{ qualityFlag: SUSPECTED_TYPO }', 'purpose')).toHaveLength(1);
    expect(await list('fundingItems', '{ flagged: false }', 'purpose')).toHaveLength(2);
    const nextYear = await list(
      'fundingItems',
      '{ period: { from: "2018-01-01", to: "2019-01-01" } }',
      'amount { reportedText }',
    );
    expect(nextYear.map((f) => f.amount.reportedText)).toEqual(['€100']);
    expect(await list('fundingItems', '{ currencyCode: USD }', 'purpose')).toHaveLength(0);
    expect(await list('fundingItems', '{ amount: { currencyCode: USD, min: "0" } }', 'purpose')).toHaveLength(0);
  });
});

describe('quotes', () => {
  it('by speaker, speaker kind, article date and text', async () => {
    expect(await list('quotes', `{ speaker: "${id('Actor', 'julian-king')}" }`, 'text')).toHaveLength(4);
    const ngo = await list('quotes', '{ speakerKind: [NGO] }', 'text');
    expect(ngo.map((q) => q.text)).toEqual([expect.stringMatching(/^is far from clear/)]);
    expect(await list('quotes', '{ publishedOn: { from: "2017-10-18", to: "2017-10-19" } }', 'text')).toHaveLength(5);
    expect(await list('quotes', '{ publishedOn: { from: "2017-10-19" } }', 'text')).toHaveLength(0);
    const cyber = await list('quotes', '{ text: "CYBER SPACE" }', 'text');
    expect(cyber.map((q) => q.text)).toEqual(['weaken the overall security of our cyber space.']);
  });

  it.each(['%', '_', '\\\\', "'; DROP TABLE quotes; --", '" OR 1=1 --'])('matches %j literally', async (text) => {
    const result = await gql('query ($text: String) { quotes(filter: { text: $text }) { totalCount } }', { text });
    expect(result.errors).toBeUndefined();
    expect(result.data.quotes.totalCount).toBe(0);
    const all = await gql('{ quotes { totalCount } }');
    expect(all.data.quotes.totalCount).toBe(5);
  });
});

describe('articles, positions, figures, actors, events', () => {
  it('articles by date range, topic and actor mentioned', async () => {
    expect(await list('articles', '{ publishedOn: { from: "2017-10-01", to: "2017-11-01" } }', 'slug')).toHaveLength(1);
    expect(await list('articles', '{ publishedOn: { from: "2017-10-19" } }', 'slug')).toHaveLength(0);
    expect(await list('articles', '{ topic: "encryption" }', 'slug')).toHaveLength(1);
    expect(await list('articles', '{ topic: "sport" }', 'slug')).toHaveLength(0);
    expect(await list('articles', `{ mentions: "${id('Actor', 'amber-rudd')}" }`, 'slug')).toHaveLength(1);
  });

  it('positions by stance, question and actor', async () => {
    const opposed = await list('positions', '{ stance: [OPPOSES] }', 'actor { name }');
    expect(opposed.map((p) => p.actor.name).sort()).toEqual(['Civil Liberties Union for Europe', 'Julian King']);
    const rudd = await list('positions', `{ actor: "${id('Actor', 'amber-rudd')}" }`, 'stance stated { earliest }');
    expect(rudd).toEqual([{ stance: 'DEMANDS', stated: { earliest: '2017-03-01' } }]);
    expect(await list('positions', '{ stated: { from: "2016-01-01", to: "2017-01-01" } }', 'summary')).toHaveLength(1);
  });

  it('figures by unit and hedging', async () => {
    const percent = await list('figures', '{ unit: "percent" }', 'value reportedBy { name }');
    expect(percent).toEqual([{ value: 97, reportedBy: { name: 'The Intercept' } }]);
    const hedged = await list('figures', '{ approximate: true }', 'value');
    expect(hedged.map((f) => f.value).sort((a, b) => a - b)).toEqual([97, 750000]);
  });

  it('actors by kind and by a literal name substring', async () => {
    const people = await list('actors', '{ kind: [PERSON] }', 'name');
    expect(people.map((a) => a.name)).toEqual(['Amber Rudd', 'Julian King']);
    const found = await list('actors', '{ name: "liberties" }', 'name');
    expect(found.map((a) => a.name)).toEqual(['Civil Liberties Union for Europe']);
    expect(await list('actors', '{ name: "%" }', 'name')).toHaveLength(0);
  });

  it('events by date range: the 2005 London bombings alone in 2005', async () => {
    const in2005 = await list('events', '{ date: { from: "2005-01-01", to: "2006-01-01" } }', 'name place');
    expect(in2005).toHaveLength(1);
    expect(in2005[0].name).toMatch(/London/);
  });
});

describe('bad filters', () => {
  it('rejects a range whose end is not after its start, naming the path', async () => {
    const result = await gql(
      '{ measures(filter: { deadline: { from: "2019-03-01", to: "2019-01-01" } }) { totalCount } }',
    );
    expectBadInput(result, 'filter.deadline.to', /must be after `from`/);
  });

  it('rejects an empty range and a range nested in AND', async () => {
    expectBadInput(
      await gql('{ articles(filter: { publishedOn: {} }) { totalCount } }'),
      'filter.publishedOn',
      /give `from`/,
    );
    const nested = await gql(
      '{ quotes(filter: { AND: [{}, { publishedOn: { from: "2018-01-01", to: "2017-01-01" } }] }) { totalCount } }',
    );
    expectBadInput(nested, 'filter.AND[1].publishedOn.to', /must be after/);
  });

  it('rejects negative, over-precise and inverted amounts', async () => {
    expectBadInput(
      await gql('{ fundingItems(filter: { amount: { currencyCode: EUR, min: "-5" } }) { totalCount } }'),
      'filter.amount.min',
      /non-negative/,
    );
    expectBadInput(
      await gql('{ fundingItems(filter: { amount: { currencyCode: EUR, min: "1.001" } }) { totalCount } }'),
      'filter.amount.min',
      /decimal places/,
    );
    expectBadInput(
      await gql(
        '{ fundingItems(filter: { amount: { currencyCode: EUR, min: "10", max: "5" } }) { nodes { purpose } } }',
      ),
      'filter.amount.max',
      /must not be below/,
    );
  });

  it('rejects an ID of the wrong type or a malformed ID', async () => {
    expectBadInput(
      await gql(`{ measures(filter: { proposer: "${id('Quote', 'x')}" }) { totalCount } }`),
      'filter.proposer',
      /expected the ID of a Actor, got the ID of a Quote/,
    );
    expectBadInput(
      await gql('{ quotes(filter: { speaker: "***" }) { totalCount } }'),
      'filter.speaker',
      /not a global ID/,
    );
  });

  it('rejects an unknown enum value before running anything', async () => {
    const result = await gql('{ measures(filter: { status: [RUMOURED] }) { totalCount } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors?.[0]?.message).toMatch(/RUMOURED/);
    const viaVariable = await gql('query ($s: [MeasureStatus!]) { measures(filter: { status: $s }) { totalCount } }', {
      s: ['RUMOURED'],
    });
    expect(viaVariable.errors?.[0]?.message).toMatch(/RUMOURED/);
    expect(viaVariable.data).toBeUndefined();
  });
});
