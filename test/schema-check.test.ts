/**
 * The breaking-change rule behind `npm run schema:check`: a break passes only when the version
 * before had deprecated what it breaks. The walk over git history runs in `npm run check`.
 */
import { describe, expect, it } from 'vitest';
import { undeprecatedBreaks } from '../scripts/schema/breaking.ts';

const V1 = /* GraphQL */ `
type Query { measures(first: Int, status: String): [Measure!]! old: String @deprecated(reason: "Gone 2025-01-01.") }
type Measure { title: String! deadline: String legacyCode: String @deprecated(reason: "Use key.") }
enum Stance { FOR AGAINST UNDECIDED @deprecated(reason: "Use null.") }
type Leftover { y: Int }
extend type Query { leftover: Leftover @deprecated(reason: "Going.") }
`;

const paths = async (after: string) => (await undeprecatedBreaks(V1, after)).map((b) => b.path);

describe('breaking changes must be deprecated in the version before', () => {
  it('accepts the same schema and additions', async () => {
    expect(await paths(V1)).toEqual([]);
    expect(await paths(`${V1}\ntype Figure { value: Float }\nextend type Measure { key: ID }`)).toEqual([]);
  });

  it('refuses removing or retyping a field that was not deprecated', async () => {
    const removed = V1.replace('deadline: String ', '');
    expect(await paths(removed)).toEqual(['Measure.deadline']);
    const retyped = V1.replace('title: String!', 'title: Int!');
    expect(await paths(retyped)).toEqual(['Measure.title']);
  });

  it('accepts removing a deprecated field or enum value', async () => {
    const after = V1.replace('legacyCode: String @deprecated(reason: "Use key.")', '').replace(
      'UNDECIDED @deprecated(reason: "Use null.")',
      '',
    );
    expect(await paths(after)).toEqual([]);
  });

  it('refuses removing an enum value that was not deprecated, and a new required argument', async () => {
    expect(await paths(V1.replace('AGAINST ', ''))).toEqual(['Stance.AGAINST']);
    expect(await paths(V1.replace('measures(first: Int,', 'measures(first: Int!,'))).toEqual(['Query.measures.first']);
  });

  it('accepts removing a type only when everything that used it was deprecated', async () => {
    const withoutLeftover = V1.replace('type Leftover { y: Int }', '').replace(
      'extend type Query { leftover: Leftover @deprecated(reason: "Going.") }',
      '',
    );
    expect(await paths(withoutLeftover)).toEqual([]);
    const withoutMeasure = V1.replace(/type Measure \{[^}]*\}/, 'type Measure2 { title: String! }').replace(
      '[Measure!]!',
      '[Measure2!]!',
    );
    expect(await paths(withoutMeasure)).toEqual(expect.arrayContaining(['Measure', 'Query.measures']));
  });
});
