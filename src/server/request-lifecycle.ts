/**
 * What happens around every request, on Node and the edge alike: it gets an ID (the
 * `X-Request-Id` header, and `extensions.requestId` on masked errors), its answer gets the
 * headers of http-hygiene.ts, and it leaves one log line — plus one per distinct error.
 */
import { type ExecutionResult, type GraphQLError, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { bounded } from './describe-error.ts';
import { finishResponse } from './http-hygiene.ts';
import type { Logger } from './log/logger.ts';
import {
  ownsRecord,
  recordError,
  recordOf,
  SERVER_ERROR_CODES,
  startRecord,
  writeRecord,
} from './log/request-record.ts';

const SERVED_FROM_CACHE = Symbol.for('servedFromResponseCache');

export interface LifecycleOptions<TServerContext> {
  logger?: (serverContext: TServerContext) => Logger | undefined;
  graphiqlEtag?: () => string | undefined;
}

export function useRequestLifecycle<TServerContext extends Record<string, unknown>>(
  options: LifecycleOptions<TServerContext>,
): Plugin<Record<string, unknown>, TServerContext> {
  return {
    onRequest({ request, url, serverContext }) {
      startRecord(serverContext, request, url);
    },
    onParams({ params, context }) {
      const record = recordOf(context);
      if (!record) return;
      if (!record.operation && params.operationName) record.operation = bounded(params.operationName, 100);
      record.document ??= params.query;
    },
    onExecute({ args }) {
      const record = recordOf(args.contextValue);
      if (record && !record.operation)
        record.operation = getOperationAST(args.document, args.operationName)?.name?.value;
    },
    onResultProcess({ result, setResult, serverContext }) {
      const record = recordOf(serverContext);
      if (!record || Array.isArray(result) || !('data' in result || 'errors' in result)) return;
      const single = result as ExecutionResult & { [SERVED_FROM_CACHE]?: boolean };
      if (single[SERVED_FROM_CACHE]) record.cache = 'hit';
      if (!single.errors?.length) return;
      for (const error of single.errors) recordError(record, error);
      setResult({ ...single, errors: single.errors.map((error) => withRequestId(error, record.id)) });
    },
    onResponse({ request, response, serverContext, setResponse, fetchAPI }) {
      // Yoga's own routes (/live, GraphiQL) answer before this plugin's onRequest: start it now.
      const record = recordOf(serverContext) ?? startRecord(serverContext, request, new URL(request.url));
      if (!ownsRecord(serverContext)) return; // an inner request: the outer one answers and logs
      const finished = finishResponse({
        request,
        response,
        route: record.route,
        requestId: record.id,
        failed: record.errorCount > 0,
        graphiqlEtag: options.graphiqlEtag?.(),
        Response: fetchAPI.Response,
      });
      setResponse(finished);
      const logger = options.logger?.(serverContext as TServerContext);
      if (logger) writeRecord(logger, record, finished.status);
    },
  };
}

/**
 * A masked error tells the client which request to quote when reporting it. Set in place: each
 * masked error is a fresh object of this request, and re-creating 32,767 of them is not free.
 */
function withRequestId(error: GraphQLError, requestId: string): GraphQLError {
  if (!SERVER_ERROR_CODES.has(String(error.extensions?.code))) return error;
  (error as { extensions: Record<string, unknown> }).extensions = { ...error.extensions, requestId };
  return error;
}
