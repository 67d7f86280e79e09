/**
 * Requests to a server process over loopback, outside any timing: the variables only that
 * server can give (its own deep cursor, through the operation's `prepare`), and the check of its
 * answer before it is measured — HTTP 200, no `errors`, and the same data as the identity step.
 */
import { isDeepStrictEqual } from 'node:util';
import { firstDifference } from '../identity.ts';
import type { Operation, Send } from '../operations.ts';

export interface PreparedRequest {
  /** The POST body autocannon sends, byte for byte the one validated here. */
  body: string;
  /** The server's answer to it, which every timed single-connection response must equal. */
  text: string;
}

export class ValidationError extends Error {}

export function httpSend(url: string): Send {
  return async (request) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(request),
    });
    return (await response.json()) as { data?: unknown; errors?: unknown[] };
  };
}

export async function prepareAndValidate(
  url: string,
  operation: Operation,
  expectedData: unknown,
  who: string,
): Promise<PreparedRequest> {
  const extra = operation.prepare ? await operation.prepare(httpSend(url)) : {};
  const { operationName, query } = operation;
  const body = JSON.stringify({ operationName, query, variables: { ...operation.variables, ...extra } });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body,
  });
  const text = await response.text();
  if (response.status !== 200) {
    throw new ValidationError(`${who}: HTTP ${response.status} for ${operation.label}: ${text.slice(0, 300)}`);
  }
  const parsed = JSON.parse(text) as { data?: unknown; errors?: unknown[] };
  if (parsed.errors) {
    throw new ValidationError(`${who}: errors for ${operation.label}: ${JSON.stringify(parsed.errors).slice(0, 300)}`);
  }
  if (!isDeepStrictEqual(parsed.data, expectedData)) {
    throw new ValidationError(
      `${who}: over HTTP, ${operation.label} differs from the identity check: ${firstDifference(expectedData, parsed.data)}`,
    );
  }
  return { body, text };
}
