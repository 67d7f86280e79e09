/**
 * The database a benchmark server process uses, opened as the Node server opens it
 * (src/server/open-db.ts): a file in worker threads (src/db/worker/), anything else directly.
 */
import type { Client } from '@libsql/client';
import { openClient, withBusyTimeout } from '../../src/db/node-client.ts';
import { openWorkerClient } from '../../src/db/worker/worker-client.ts';

export function benchClient(url: string): Promise<Client> {
  return url.startsWith('file:') ? openWorkerClient(withBusyTimeout({ url })) : Promise.resolve(openClient({ url }));
}
