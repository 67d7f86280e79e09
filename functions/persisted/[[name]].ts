/**
 * Pages Function for `/persisted/<name>[.csv]`: saved queries at CDN-cacheable GET URLs.
 * No logic here: the shared edge adapter is src/server/edge.ts.
 */
import { type EdgeEnv, handleEdgeRequest } from '../../src/server/edge.ts';

export const onRequest = ({ request, env }: { request: Request; env: EdgeEnv }) => handleEdgeRequest(request, env);
