/**
 * The one Pages Function: every route of the API (`/graphql`, `/csv`, `/persisted/…`, `/health`,
 * `/live`) goes to the shared edge adapter, src/server/edge.ts, which routes as the Node server
 * does. No logic here. `_routes.json` (written by `npm run build:edge`) sends only those paths to
 * the function; other static assets are served without it.
 */
import { type EdgeEnv, handleEdgeRequest } from '../src/server/edge.ts';

export const onRequest = ({ request, env }: { request: Request; env: EdgeEnv }) => handleEdgeRequest(request, env);
