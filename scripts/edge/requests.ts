/**
 * GraphQL requests shared by the edge tests and the benchmark: the README's example queries (read
 * from README.md, so the figures follow the docs) and a wider set for the parity test.
 */
import { readFileSync } from 'node:fs';

export interface Operation {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

/** The ```graphql blocks of README.md, in order. */
export function readmeQueries(): Operation[] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  return [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match, i) => ({
    name: `README example ${i + 1}`,
    query: (match[1] ?? '').trim(),
  }));
}

export function postInit(body: object | string, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}
