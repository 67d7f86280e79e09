/**
 * Pages Function for `/health`: 200 when the database answers a query, 503 otherwise.
 * No logic here: the shared edge adapter is src/server/edge.ts.
 */
import { type EdgeEnv, handleEdgeRequest } from '../src/server/edge.ts';

export const onRequest = ({ request, env }: { request: Request; env: EdgeEnv }) => handleEdgeRequest(request, env);
