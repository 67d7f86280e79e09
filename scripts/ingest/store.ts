/**
 * `npm run ingest -- FILE` without --dry-run: stores the article and its drafts in DATABASE_URL
 * (migrated first, like `npm run import`) and prints what was written, then the reviewed facts
 * kept as they are. With --json, one JSON object on stdout instead.
 */
import { createDb } from '../../src/db/client.ts';
import { migrateDb } from '../../src/db/migrate.ts';
import { openClient } from '../../src/db/node-client.ts';
import { ingestArticle } from '../../src/ingest/ingest-article.ts';
import type { IngestRequest } from '../../src/ingest/ingester.ts';
import { describeImport } from '../../src/ingest/summary.ts';
import { readConfig } from '../../src/server/config.ts';

export async function storeArticle(request: IngestRequest, json: boolean): Promise<'written' | 'refused' | 'failed'> {
  const config = readConfig();
  const client = openClient({ url: config.databaseUrl, authToken: config.authToken });
  try {
    const db = createDb(client);
    await migrateDb(db);
    const outcome = await ingestArticle(db, request, { editor: 'cli', operation: 'ingest' });
    if (!outcome.ok) {
      for (const p of outcome.problems) console.error(`ingest: ${p.field.join('.')} ${p.message}`);
      console.error('ingest: nothing was written');
      return 'refused';
    }
    const { article, extraction, result } = outcome;
    if (json) {
      const { body: _body, ...metadata } = article;
      process.stdout.write(`${JSON.stringify({ article: metadata, ...result, extraction }, null, 2)}\n`);
    } else {
      console.log(`${article.slug}: drafts by ${extraction.extractorVersion}`);
      for (const line of describeImport(result)) console.log(line);
      for (const k of result.kept) {
        console.log(
          `kept as ${k.reviewStatus}: ${k.type} ${k.id} (the extractor would have ${k.change === 'REMOVED' ? 'removed it' : `changed ${k.changedFields.join(', ')}`})`,
        );
      }
    }
    return result.problems.length ? 'failed' : 'written';
  } catch (error) {
    console.error(`ingest: the write failed, nothing was written: ${(error as Error).message}`);
    return 'failed';
  } finally {
    client.close();
  }
}
