/**
 * Pages Function for `/graphql`: GraphQL over HTTP (POST and GET), and GraphiQL for a browser.
 * No logic here: the shared edge adapter is src/server/edge.ts.
 */
import { type EdgeEnv, handleEdgeRequest } from '../src/server/edge.ts';

export const onRequest = ({ request, env }: { request: Request; env: EdgeEnv }) => handleEdgeRequest(request, env);
