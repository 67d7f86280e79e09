/** The change summary of an import as lines of text, for the CLI and the server's log. */
import type { ImportResult } from './write.ts';

export function describeImport(result: ImportResult, dryRun = false): string[] {
  const lines: string[] = [];
  const { actors, articles, deleted } = result.summary;
  const list = (ids: string[]) =>
    ids.length > 6 ? `${ids.slice(0, 6).join(', ')}, … (${ids.length})` : ids.join(', ');
  if (actors.added.length + actors.changed.length + actors.unchanged.length) {
    lines.push(
      `actors: ${actors.added.length} added, ${actors.changed.length} changed, ${actors.unchanged.length} unchanged`,
    );
    if (actors.added.length) lines.push(`  added: ${list(actors.added)}`);
    if (actors.changed.length) lines.push(`  changed: ${list(actors.changed)}`);
  }
  for (const article of articles) {
    const fields = article.changedFields.length ? ` (${article.changedFields.join(', ')})` : '';
    lines.push(`article ${article.slug}: ${article.change}${fields}`);
    for (const f of article.facts) {
      const counts = [f.added.length, f.changed.length, f.unchanged.length, f.removed.length];
      if (counts.every((n) => n === 0)) continue;
      lines.push(`  ${f.type}: ${counts[0]} added, ${counts[1]} changed, ${counts[2]} unchanged, ${counts[3]} removed`);
      for (const kind of ['added', 'changed', 'removed'] as const) {
        if (f[kind].length) lines.push(`    ${kind}: ${list(f[kind])}`);
      }
    }
  }
  if (deleted.length)
    lines.push(`no longer reported anywhere, removed: ${list(deleted.map((d) => `${d.type} ${d.id}`))}`);
  for (const p of result.problems) lines.push(`refused: ${p.label}: ${p.message}`);
  const outcome = result.problems.length
    ? 'Nothing was written.'
    : dryRun
      ? 'Dry run: nothing was written.'
      : result.written
        ? `Written: data revision is now ${result.revision}.`
        : `Nothing changed: data revision stays ${result.revision}.`;
  lines.push(outcome);
  return lines;
}
