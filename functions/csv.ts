/**
 * Pages Function for `/csv`: any read as CSV at one GET URL (`/csv?query=…`).
 * No logic here: the shared edge adapter is src/server/edge.ts.
 */
import { type EdgeEnv, handleEdgeRequest } from '../src/server/edge.ts';

export const onRequest = ({ request, env }: { request: Request; env: EdgeEnv }) => handleEdgeRequest(request, env);
