/**
 * The one Pages Function: every route of the API (`/graphql`, `/csv`, `/persisted/…`, `/health`,
 * `/live`) goes to the shared edge adapter, src/server/edge.ts, which routes as the Node server
 * does. No logic here. `_routes.json` (written by `npm run build:edge`) sends only those paths to
 * the function; other static assets are served without it.
 */
import { type EdgeEnv, handleEdgeRequest } from '../src/server/edge.ts';

interface PagesContext {
  request: Request;
  env: EdgeEnv;
  waitUntil(promise: Promise<unknown>): void;
}

export const onRequest = (context: PagesContext) =>
  handleEdgeRequest(context.request, context.env, (promise) => context.waitUntil(promise));
