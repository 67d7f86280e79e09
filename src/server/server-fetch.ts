/**
 * Runs a request through the Dossier server itself, with the platform's context (e.g. the edge
 * `env`): how `/csv` and `/persisted/…` reuse `/graphql`, response cache and all.
 */
export type ServerFetch = (request: Request, serverContext: Record<string, unknown>) => Promise<Response> | Response;
