/**
 * `npm run ingest` as a user runs it: a child process, its stdout, stderr and exit code. The
 * database URL points at a file that does not exist, so known actors come from seeds/actors.json
 * for dry runs; real runs store into a fresh database file of their own.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'dossier-ingest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const source = join(root, 'seeds/sources/000_8226112b5d290b71.txt');

function ingest(...args: (string | Record<string, string>)[]) {
  const env = args.find((a): a is Record<string, string> => typeof a === 'object') ?? {};
  const argv = args.filter((a): a is string => typeof a === 'string');
  const result = spawnSync(join(root, 'node_modules/.bin/tsx'), ['scripts/ingest.ts', ...argv], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: `file:${join(dir, 'absent.db')}`, ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run ingest', () => {
  it('--dry-run --json prints one JSON object with the contract fields, logs on stderr', () => {
    const { code, stdout, stderr } = ingest('--dry-run', '--json', source);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(Object.keys(out)).toEqual(
      expect.arrayContaining(['quotes', 'amounts', 'figures', 'dates', 'positions', 'actors']),
    );
    expect(Object.keys(out.quotes[0])).toEqual(
      expect.arrayContaining(['text', 'speaker', 'speakerId', 'spans', 'start', 'end', 'confidence']),
    );
    expect(out.quotes[0]).toMatchObject({ speaker: 'Julian King', speakerId: 'julian-king', start: 345, end: 467 });
    expect(out.amounts[1]).toMatchObject({
      reportedText: 'some €18.5 million',
      amount: '18500000.00',
      currencyCode: 'EUR',
      approximate: true,
    });
    expect(out.figures[0]).toMatchObject({
      reportedText: '86 additional staff',
      value: 86,
      unit: 'staff',
      reportedBy: null,
    });
    expect(out.dates[0]).toMatchObject({
      reportedText: 'on Wednesday (18 October)',
      earliest: '2017-10-18',
      precision: 'DAY',
    });
    expect(Object.keys(out.positions[0])).toEqual(
      expect.arrayContaining(['actor', 'actorId', 'question', 'stance', 'start', 'end', 'confidence']),
    );
    expect(out.actors[0]).toMatchObject({
      name: 'European Commission',
      id: 'european-commission',
      kind: 'EU_INSTITUTION',
      isNew: false,
    });
    expect(stderr).toContain('known actors from seeds/actors.json');
  });

  it('plain text needs --published-on; with it, the headline is given', () => {
    const file = join(dir, 'plain.txt');
    writeFileSync(file, '"We will not wait," said Karin Lindqvist, the Swedish justice minister.\n');
    const missing = ingest('--dry-run', '--json', file);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('publishedOn is missing');
    expect(missing.stdout).toBe('');
    const ok = ingest(
      '--dry-run',
      '--json',
      '--published-on',
      '2024-12-04',
      '--headline',
      'Lindqvist will not wait',
      file,
    );
    expect(ok.code).toBe(0);
    const out = JSON.parse(ok.stdout);
    expect(out.article).toMatchObject({
      slug: '2024-12-04-lindqvist-will-not-wait',
      headlineProvenance: 'SOURCE_TEXT',
    });
    expect(out.quotes[0]).toMatchObject({ text: 'We will not wait', speaker: 'Karin Lindqvist', speakerId: null });
  });

  it('bad input exits 2 with a clear message and no stack trace', () => {
    const binary = join(dir, 'binary.bin');
    writeFileSync(binary, Buffer.from([0x00, 0x01, 0xff, 0xfe, 0x10]));
    const result = ingest('--dry-run', '--json', '--published-on', '2024-01-01', binary);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('ingest: body is not valid UTF-8 text (binary data or another encoding?)\n');
    expect(ingest('--dry-run', join(dir, 'nowhere.txt')).stderr).toContain('cannot read');
    expect(ingest('--dry-run', '--frobnicate', source).stderr).toContain('unknown option --frobnicate');
  });

  it('without --dry-run stores the article and its drafts; the same file again changes nothing', async () => {
    const url = `file:${join(dir, 'stored.db')}`;
    const first = ingest(source, { DATABASE_URL: url });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('2017-10-18-the-european-commission-is-seeking-to: drafts by dossier-extract/1.2.0');
    expect(first.stdout).toContain('article 2017-10-18-the-european-commission-is-seeking-to: CREATED');
    expect(first.stdout).toContain('Quote: 5 added');
    const second = ingest(source, { DATABASE_URL: url });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('article 2017-10-18-the-european-commission-is-seeking-to: UNCHANGED');
    expect(second.stdout).toContain('Nothing changed');
    const client = createClient({ url });
    const rows = await client.execute(
      'SELECT review_status, provenance, count(*) AS n FROM quotes GROUP BY review_status, provenance',
    );
    client.close();
    expect(rows.rows.map((r) => ({ ...r }))).toEqual([
      { review_status: 'UNREVIEWED', provenance: 'SOURCE_TEXT', n: 5 },
    ]);
  });

  it('without --dry-run, bad input exits 2 and creates no database', () => {
    const url = `file:${join(dir, 'never.db')}`;
    const result = ingest('--published-on', '2017-02-30', source, { DATABASE_URL: url });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('2017-02-30');
    expect(existsSync(join(dir, 'never.db'))).toBe(false);
  });
});
