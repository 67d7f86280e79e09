/**
 * Runs the cost model (model.ts) before every execution: an operation over the limit, or with an
 * argument over an input limit, is refused before anything reaches the database; every answer
 * carries `extensions.cost { requested, limit }` (the same for everyone: no per-client state).
 * A cost is computed once per query text, operation name and variables, then remembered.
 */
// From the package root: a deep import is another copy of graphql in the edge bundle.
import { type DocumentNode, GraphQLError, getOperationAST, getVariableValues } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../../schema/builder.ts';
import { badArgument } from '../../schema/lists/errors.ts';
import { jsonDepthExceeds, MAX_VARIABLES_DEPTH } from '../limits.ts';
import { MAX_COST, operationCost } from './model.ts';

export interface CostExtension {
  requested: number;
  limit: number;
}

type OnExecutePayload = Parameters<NonNullable<Plugin<Context>['onExecute']>>[0];
type OnExecuteResult = ReturnType<NonNullable<Plugin<Context>['onExecute']>>;

/** Costs remembered per document, and the longest operation name and variables remembered. */
const MAX_COSTS_PER_DOCUMENT = 100;
const MAX_COST_KEY_CHARS = 4096;

export function useCostLimit(limit = MAX_COST): Plugin<Context> {
  /**
   * The cost of a query depends on its document, operation name and variables alone — unless a
   * price read the database (search's term expansions), which is then asked again every time.
   * Yoga parses a query text once (its parser cache), so the document object is the key, and
   * its costs go with it. Only a cost that was computed is kept: refusals are recomputed.
   */
  const costs = new WeakMap<DocumentNode, Map<string, number>>();
  return {
    // Not async: a remembered cost (nearly every request) is judged without waiting a turn.
    onExecute({ args, setResultAndStopExecution }) {
      const key = JSON.stringify([args.operationName ?? null, args.variableValues ?? {}]);
      const requested = costs.get(args.document)?.get(key);
      if (requested !== undefined) return judge(requested, limit, setResultAndStopExecution);
      return priceAndJudge(args, key, setResultAndStopExecution);
    },
  };

  async function priceAndJudge(
    args: OnExecutePayload['args'],
    key: string,
    stop: OnExecutePayload['setResultAndStopExecution'],
  ) {
    const operation = getOperationAST(args.document, args.operationName);
    if (!operation) return;
    const coerced = getVariableValues(args.schema, operation.variableDefinitions ?? [], args.variableValues ?? {}, {
      maxErrors: 1,
    });
    if (coerced.errors) return; // execution reports them, as it always has
    let readData = false;
    const db = (args.contextValue as Context).db;
    const priceContext = {
      get db() {
        readData = true;
        return db;
      },
    };
    let requested: number;
    try {
      requested = await operationCost(args.schema, args.document, operation, coerced.coerced, priceContext);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      stop({ errors: [error] });
      return;
    }
    if (!readData && key.length <= MAX_COST_KEY_CHARS) remember(costs, args.document, key, requested);
    return judge(requested, limit, stop);
  }
}

/** Refuses an operation over the limit; otherwise its answer carries its cost. */
function judge(requested: number, limit: number, stop: OnExecutePayload['setResultAndStopExecution']): OnExecuteResult {
  const cost: CostExtension = { requested, limit };
  if (requested > limit) {
    stop({ errors: [tooCostly(cost)], extensions: { cost } });
    return;
  }
  return {
    onExecuteDone({ result, setResult }) {
      if (Symbol.asyncIterator in result) return; // no subscriptions here; nothing to annotate
      setResult({ ...result, extensions: { ...result.extensions, cost } });
    },
  };
}

function remember(
  costs: WeakMap<DocumentNode, Map<string, number>>,
  document: DocumentNode,
  key: string,
  cost: number,
) {
  let perDocument = costs.get(document);
  if (!perDocument) {
    perDocument = new Map();
    costs.set(document, perDocument);
  }
  if (perDocument.size >= MAX_COSTS_PER_DOCUMENT) perDocument.clear(); // a query sent with ever-new variables
  perDocument.set(key, cost);
}

function tooCostly(cost: CostExtension): GraphQLError {
  const n = (x: number) => x.toLocaleString('en-US');
  return new GraphQLError(
    `The query could return ${n(cost.requested)} objects, more than the limit of ${n(cost.limit)}: ask for smaller pages (first/last) or fewer nested lists.`,
    { extensions: { code: 'QUERY_TOO_COSTLY', cost } },
  );
}

/**
 * Refuses `variables` nested deeper than MAX_VARIABLES_DEPTH before anything walks them: hashing
 * them for the response cache, or coercing them, recurses once per level.
 */
export function useBoundedVariables(): Plugin {
  return {
    onParams({ params }) {
      if (!jsonDepthExceeds(params.variables, MAX_VARIABLES_DEPTH)) return;
      // Thrown, not set as the result: the other onParams hooks (the cache's) would still run.
      throw badArgument('variables', `nested more than ${MAX_VARIABLES_DEPTH} levels deep.`);
    },
  };
}
