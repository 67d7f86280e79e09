/**
 * Compiled reads: an execution step inside Yoga's pipeline (cost model, deadline, log and response
 * cache stay around it). A query whose one root field is a root list or a lookup (`node`, `nodes`,
 * `article`) is compiled once per document and operation name (read-plan.ts). Per request, the root
 * field's own resolver runs — the same argument checks, filter, ordering, cursors, ID decoding and
 * one planned statement as in graphql-js — and the plan shapes its rows into the answer, instead of
 * graphql-js resolving every field of every row.
 *
 * Everything else, and every request whose variables, arguments or rows are not as the plan
 * expects, runs in graphql-js unchanged, so errors and nulls are graphql-js's own.
 */
import type { Plugin } from '@envelop/core';
import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLResolveInfo,
  getArgumentValues,
  getVariableValues,
} from 'graphql';
import { recordOf } from '../log/request-record.ts';
import { type NodeLookups, nodeLookups } from './node-lookups.ts';
import { compileRead, NotCompilable, type ReadPlan } from './read-plan.ts';
import { type RootPages, rootPages } from './root-pages.ts';

/** What happened to one operation, for tests and debugging. */
export interface CompiledReadOutcome {
  operationName: string | null;
  compiled: boolean;
  /** Why it ran in graphql-js: not compilable (and why), or this request fell back. */
  reason?: string;
  /** A page or a `node(id:)` lookup read by its learned statement (root-pages.ts, node-lookups.ts). */
  learnedStatement?: boolean;
}

export interface CompiledReadsOptions {
  onOutcome?: (outcome: CompiledReadOutcome) => void;
}

type Compiled = ReadPlan | { notCompiled: string };

export function useCompiledReads(options: CompiledReadsOptions = {}): Plugin {
  // Per parsed document (Yoga keeps one per query text), per operation name.
  const plans = new WeakMap<DocumentNode, Map<string, Compiled>>();
  const planFor = (args: ExecutionArgs): Compiled => {
    let byName = plans.get(args.document);
    if (!byName) {
      byName = new Map();
      plans.set(args.document, byName);
    }
    const name = args.operationName ?? '';
    let compiled = byName.get(name);
    if (!compiled) {
      try {
        compiled = compileRead(args.schema, args.document, args.operationName);
      } catch (error) {
        if (!(error instanceof NotCompilable)) throw error;
        compiled = { notCompiled: error.message };
      }
      byName.set(name, compiled);
    }
    return compiled;
  };
  const learned = { pages: rootPages(), nodes: nodeLookups() };
  const report = (args: ExecutionArgs, compiled: boolean, detail: { reason?: string; learnedStatement?: boolean }) => {
    // The request's log line says it (Yoga's context carries the server context's record).
    const record = recordOf(args.contextValue);
    if (record) record.compiled = compiled;
    options.onOutcome?.({ operationName: args.operationName ?? null, compiled, ...detail });
  };

  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn(async (args: ExecutionArgs) => {
        const plan = planFor(args);
        if ('notCompiled' in plan) {
          report(args, false, { reason: plan.notCompiled });
          return executeFn(args);
        }
        const ran = await runPlan(plan, args, learned).catch(() => undefined);
        if (ran) {
          report(args, true, ran.learnedStatement ? { learnedStatement: true } : {});
          return ran.result;
        }
        report(args, false, { reason: 'fell back for this request' });
        return executeFn(args);
      });
    },
  };
}

/** The answer from the plan, or undefined when graphql-js must answer (it reports any error). */
async function runPlan(
  plan: ReadPlan,
  args: ExecutionArgs,
  learned: { pages: RootPages; nodes: NodeLookups },
): Promise<{ result: ExecutionResult; learnedStatement: boolean } | undefined> {
  const variables = getVariableValues(args.schema, plan.operation.variableDefinitions ?? [], {
    ...args.variableValues,
  });
  if (variables.errors) return undefined;
  const { field, fieldNode, responseKey, rootType } = plan;
  const fieldArgs = getArgumentValues(field, fieldNode, variables.coerced);
  const info: GraphQLResolveInfo = {
    fieldName: field.name,
    fieldNodes: [fieldNode],
    returnType: field.type,
    parentType: rootType,
    path: { prev: undefined, key: responseKey, typename: rootType.name },
    schema: args.schema,
    fragments: plan.fragments,
    rootValue: args.rootValue,
    operation: plan.operation,
    variableValues: variables.coerced,
  };
  const resolve = field.resolve ?? (() => undefined);
  let value: unknown;
  let learnedStatement = false;
  // A root list's page, or `node(id:)`, from the statement learned for its shape (root-pages.ts, node-lookups.ts).
  const request = { plan, args: fieldArgs, context: args.contextValue, info, resolve, shape: plan.shape };
  if (plan.rootList && !plan.rootTotalCount) {
    const page = await learned.pages(request);
    value = page.connection;
    learnedStatement = page.learned;
  } else if (!plan.rootList && field.name === 'node') {
    const node = await learned.nodes(request);
    value = node.value;
    learnedStatement = node.learned;
  } else value = await resolve(args.rootValue, fieldArgs, args.contextValue, info);
  // A lookup of several (`nodes`) answers one promise per item; any rejection falls back.
  if (Array.isArray(value)) value = await Promise.all(value);
  if (value && plan.rootTotalCount) {
    const connection = value as Record<string, unknown>;
    const { totalCount } = connection;
    const settled = typeof totalCount === 'function' ? await totalCount.call(connection) : totalCount;
    value = { ...connection, totalCount: settled };
  }
  const answer = plan.shape(value);
  const data: Record<string, unknown> = {};
  for (const { key, typename } of plan.rootKeys) data[key] = typename ? rootType.name : answer;
  return { result: { data }, learnedStatement };
}
