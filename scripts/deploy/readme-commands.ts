/**
 * The shell commands of README's Deploy section, so that the deploy rehearsal runs them as
 * written and fails when README changes under it: each `sh` block's lines, comments dropped,
 * with README's placeholders (`<host>`, ports 8080/5001/8081, /srv/dossier/, data/, backups/)
 * filled in with the rehearsal's loopback address, free ports and temporary folder.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Placeholders {
  /** The rehearsal's temporary folder: databases, replica files and backups go there. */
  dir: string;
  primaryHttp: number;
  primaryGrpc: number;
  replicaHttp: number;
  /** What `<token>` becomes (sqld without auth takes any token). */
  token: string;
}

export function readmeDeployCommands(root: string, placeholders: Placeholders): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Deploy\n');
  const end = readme.indexOf('\n## ', start + 1);
  if (start < 0) throw new Error('README.md has no "## Deploy" section.');
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)]
    .flatMap((block) => (block[1] ?? '').split('\n'))
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => fill(line, placeholders));
}

function fill(command: string, p: Placeholders): string {
  return command
    .replace(/<(host|primary|replica)>/g, '127.0.0.1')
    .replace(/:8080\b/g, `:${p.primaryHttp}`)
    .replace(/:5001\b/g, `:${p.primaryGrpc}`)
    .replace(/:8081\b/g, `:${p.replicaHttp}`)
    .replace(/\/srv\/dossier\//g, `${p.dir}/`)
    .replace(/\bfile:data\//g, `file:${p.dir}/`)
    .replace(/(^|\s)backups\//g, `$1${p.dir}/`)
    .replace(/<token>/g, p.token);
}

/** The one command that matches, or an error saying README lost it. */
export function pick(commands: string[], pattern: RegExp): string {
  const found = commands.filter((command) => pattern.test(command));
  if (found.length !== 1) {
    throw new Error(
      `README's Deploy section should have exactly one command matching ${pattern}; it has ${found.length}.`,
    );
  }
  return found[0] as string;
}
