/**
 * The shape of "ingest an article" as the server sees it, without the extractor: the Node server
 * hands `ingestArticle` (src/ingest/ingest-article.ts) to the schema through its context; the
 * edge hands none, and `articleIngest` answers NOT_AVAILABLE_ON_EDGE, so the extractor stays out
 * of the edge bundle (test/edge/platform-neutral.test.ts checks that it is not reachable).
 */
import type { Db } from '../db/client.ts';
import type { Problem } from './validate.ts';
import type { ImportResult } from './write.ts';

export interface IngestRequest {
  /** The text: bytes of a file (checked as UTF-8) or a string. */
  body: Uint8Array | string;
  publishedOn?: string | undefined;
  headline?: string | undefined;
  url?: string | undefined;
  publisher?: string | undefined;
  dryRun?: boolean;
}

export interface IngestContext {
  /** The API key's name, or `cli`. */
  editor: string;
  operation: string;
  /** Where the input sits in the caller's terms (['input'] for the mutation), for error paths. */
  path?: string[];
}

export type IngestOutcome =
  | { ok: false; problems: Problem[] }
  | {
      ok: true;
      article: { slug: string };
      /** The extractor's proposals: the JSON contract of `npm run ingest -- --dry-run --json`. */
      extraction: { extractorVersion: string };
      result: ImportResult;
    };

export type Ingester = (db: Db, request: IngestRequest, context: IngestContext) => Promise<IngestOutcome>;
