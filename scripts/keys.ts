/**
 * `npm run keys -- create --name NAME --role editor|admin` prints a new key once;
 * `keys -- list` shows name, role, created, last used (never a key); `keys -- revoke NAME`.
 * Keys live in DATABASE_URL, so the same keys work on Node and the edge.
 */

import { createApiKey, listApiKeys, revokeApiKey } from '../src/auth/manage.ts';
import { createDb } from '../src/db/client.ts';
import { migrateDb } from '../src/db/migrate.ts';
import { openClient } from '../src/db/node-client.ts';
import { readConfig } from '../src/server/config.ts';
import { stopOnAnyFailure } from './fail.ts';

const USAGE = 'Usage: npm run keys -- create --name NAME --role editor|admin | list | revoke NAME';
const [command, ...args] = process.argv.slice(2);
const option = (flag: string) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const fail = (message: string): never => {
  console.error(message);
  process.exit(2);
};

stopOnAnyFailure('The keys command failed');
const config = readConfig();
const db = createDb(openClient({ url: config.databaseUrl, authToken: config.authToken }));
await migrateDb(db);
const cli = { editor: 'cli', operation: '' };

if (command === 'create') {
  const name = option('--name') ?? fail(USAGE);
  const role = (option('--role') ?? fail(USAGE)).toUpperCase();
  if (role !== 'EDITOR' && role !== 'ADMIN') fail('--role must be editor or admin');
  const result = await createApiKey(
    db,
    { name, role: role as 'EDITOR' | 'ADMIN' },
    { ...cli, operation: 'apiKeyCreate' },
  );
  if (!result.ok) fail(result.message);
  else {
    console.log(`Created ${role.toLowerCase()} key "${name}". It is shown only this once:`);
    console.log(result.value.key);
  }
} else if (command === 'list') {
  const keys = await listApiKeys(db);
  if (keys.length === 0) console.log('No keys yet: npm run keys -- create --name NAME --role editor|admin');
  for (const k of keys) {
    const state = k.revokedAt ? `revoked ${k.revokedAt}` : `last used ${k.lastUsedAt ?? 'never'}`;
    console.log(`${k.name}\t${k.role.toLowerCase()}\tcreated ${k.createdAt}\t${state}`);
  }
} else if (command === 'revoke') {
  const name = args[0] ?? fail(USAGE);
  const result = await revokeApiKey(db, name, { ...cli, operation: 'apiKeyRevoke' });
  if (!result.ok) fail(result.message);
  else console.log(`Revoked "${name}": it no longer opens anything.`);
} else {
  fail(USAGE);
}
