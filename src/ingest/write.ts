/**
 * The one door for imports: the seed, `npm run import`, the `articleImport` mutation and (later)
 * the extractor all call `importArticles` with a `ValidImport`. A dry run is the same call with
 * `dryRun: true`: the same plan and summary, and nothing written.
 */
import type { Db } from '../db/client.ts';
import { commit } from './commit.ts';
import { historyStatements, type WriteContext } from './history.ts';
import { type ChangeSummary, type Conflict, planImport, stateQuery } from './plan.ts';
import { importStatements } from './statements.ts';
import { loadState } from './stored.ts';
import type { Problem, ValidImport } from './validate.ts';

export interface ImportOptions extends WriteContext {
  dryRun?: boolean;
  /** Lets a re-import change or remove reviewed facts (admins only, over the API). */
  overwriteReviewed?: boolean;
  /**
   * Keeps reviewed facts as they are and reports them in `kept`, instead of refusing the import
   * (the extractor's re-ingest: editors' work survives, the drafts around it are refreshed).
   */
  keepReviewed?: boolean;
}

export interface ImportResult {
  summary: ChangeSummary;
  conflicts: Conflict[];
  /** Reviewed facts kept as they are (with `keepReviewed`), and what the import would have done to them. */
  kept: Conflict[];
  /** Why nothing was written: unknown actors, conflicts with reviewed facts. Empty on success. */
  problems: Problem[];
  /** Whether this call wrote (false for a dry run, a refused import, or one that changes nothing). */
  written: boolean;
  /** The data revision after the call. */
  revision: number;
}

export function importArticles(db: Db, valid: ValidImport, options: ImportOptions): Promise<ImportResult> {
  return commit(db, async () => {
    const state = await loadState(db, stateQuery(valid));
    const plan = planImport(valid, state, { keepReviewed: options.keepReviewed ?? false });
    const conflictsBlock = plan.conflicts.length > 0 && !options.overwriteReviewed;
    const problems = conflictsBlock ? plan.problems : plan.problems.filter((p) => p.code !== 'REVIEWED_FACT_CONFLICT');
    const write = plan.changed && problems.length === 0 && !options.dryRun;
    return {
      revision: state.revision,
      statements: write ? [...importStatements(db, plan), ...historyStatements(db, options, plan.history)] : [],
      result: { summary: plan.summary, conflicts: plan.conflicts, kept: plan.kept, problems },
    };
  });
}
