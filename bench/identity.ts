/**
 * The first step of the benchmark: every server answers every operation, and the `data` must be
 * identical across Dossier, L, N and N+DL (no operation compared selects a cursor, the one thing
 * allowed to differ). The SQL statements each server sends per request are counted on the way.
 */
import { isDeepStrictEqual } from 'node:util';
import { openClient } from '../src/db/node-client.ts';
import { type CountingClient, countStatements } from './count-statements.ts';
import type { Operation, Send } from './operations.ts';
import { fetchHandlerFor, SERVER_NAMES, type ServerName } from './servers.ts';

export interface ServerUnderTest {
  name: ServerName;
  send: Send;
  /** The body text of the last answer, to compare bytes as well as data. */
  lastText: () => string;
  statements: CountingClient;
  close: () => void;
}

/** The four servers in this process, each on its own client of the database at `url`. */
export function startServers(url: string): ServerUnderTest[] {
  return SERVER_NAMES.map((name) => {
    const underlying = openClient({ url });
    const statements = countStatements(underlying);
    const handle = fetchHandlerFor(name, statements.client);
    let text = '';
    const send: Send = async (request) => {
      const response = await handle(
        new Request('http://bench/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(request),
        }),
      );
      text = await response.text();
      return JSON.parse(text);
    };
    return { name, send, lastText: () => text, statements, close: () => underlying.close() };
  });
}

export interface Answer {
  body: { data?: any; errors?: unknown[] };
  text: string;
  /** SQL statements of the request itself (not of `prepare`). */
  statements: number;
}

export async function answer(server: ServerUnderTest, operation: Operation): Promise<Answer> {
  const extra = operation.prepare ? await operation.prepare(server.send) : {};
  const { operationName, query } = operation;
  server.statements.reset();
  const body = await server.send({ operationName, query, variables: { ...operation.variables, ...extra } });
  return { body, text: server.lastText(), statements: server.statements.count() };
}

export interface IdentityRow {
  label: string;
  statements: Record<ServerName, number>;
  /** Why the answers differ (the first differing path, or a server's errors); empty when identical. */
  problems: string[];
  /** Servers whose body text is not byte for byte Dossier's (same data, other spelling). */
  otherBytes: ServerName[];
  data: unknown;
}

export async function checkIdentity(servers: ServerUnderTest[], operations: Operation[]): Promise<IdentityRow[]> {
  const rows: IdentityRow[] = [];
  for (const operation of operations) {
    const answers = new Map<ServerName, Answer>();
    for (const server of servers) answers.set(server.name, await answer(server, operation));
    const reference = answers.get('Dossier');
    const problems: string[] = [];
    for (const [name, { body }] of answers) {
      if (body.errors) problems.push(`${name}: errors ${JSON.stringify(body.errors)}`);
      else if (name !== 'Dossier' && !isDeepStrictEqual(body.data, reference?.body.data)) {
        problems.push(`${name}: ${firstDifference(reference?.body.data, body.data)}`);
      }
    }
    const statements = Object.fromEntries([...answers].map(([name, a]) => [name, a.statements])) as Record<
      ServerName,
      number
    >;
    // Dossier's answer also carries `extensions.cost`, which no peer has: bytes are compared without it.
    const referenceText =
      reference?.body && 'extensions' in reference.body
        ? JSON.stringify({ data: reference.body.data })
        : reference?.text;
    const otherBytes = [...answers]
      .filter(([name, a]) => name !== 'Dossier' && a.text !== referenceText)
      .map(([name]) => name);
    rows.push({ label: operation.label, statements, problems, otherBytes, data: reference?.body.data });
  }
  return rows;
}

/** The path of the first value that differs, with both values, for a readable failure. */
export function firstDifference(expected: unknown, actual: unknown, path = 'data'): string {
  if (isDeepStrictEqual(expected, actual)) return '';
  if (expected && actual && typeof expected === 'object' && typeof actual === 'object') {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const key of keys) {
      const found = firstDifference(
        (expected as Record<string, unknown>)[key],
        (actual as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
      if (found) return found;
    }
  }
  return `${path}: expected ${JSON.stringify(expected)?.slice(0, 200)}, got ${JSON.stringify(actual)?.slice(0, 200)}`;
}

/** A Markdown table of statements per request: operations down, servers across. */
export function statementTable(rows: IdentityRow[]): string {
  const header = `| operation | ${SERVER_NAMES.join(' | ')} |`;
  const rule = `|---|${SERVER_NAMES.map(() => '---:').join('|')}|`;
  const lines = rows.map((row) => `| ${row.label} | ${SERVER_NAMES.map((name) => row.statements[name]).join(' | ')} |`);
  return [header, rule, ...lines].join('\n');
}
