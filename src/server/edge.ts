/**
 * Dossier as an edge function: the same platform-neutral Yoga as Node, with the database taken
 * from the function's `env`. One Yoga (and so one schema build) per isolate. GraphiQL is not in
 * this bundle (it is ~9 MB): a browser's GET /graphql gets `graphql.html`, the static page the
 * build wrote into the Pages project's assets — byte for byte the page Node renders there.
 */
import { dbFromEnv, type EdgeDbEnv } from './edge-db.ts';
import { createDossierYoga } from './yoga.ts';

export interface EdgeEnv extends EdgeDbEnv {
  /** "off" disables the response cache (it is on by default). */
  RESPONSE_CACHE?: string;
  /** Cloudflare Pages' binding to the project's static assets. */
  ASSETS?: { fetch(input: Request): Promise<Response> };
}

const yoga = createDossierYoga<{ env: EdgeEnv }>({
  getDb: ({ env }) => dbFromEnv(env),
  responseCache: ({ env }) => env.RESPONSE_CACHE !== 'off',
});

export async function handleEdgeRequest(request: Request, env: EdgeEnv): Promise<Response> {
  // The same test Yoga uses to decide whether to render GraphiQL on Node, on the same route.
  const wantsGraphiQL =
    request.method === 'GET' &&
    (request.headers.get('accept') ?? '').includes('text/html') &&
    new URL(request.url).pathname === '/graphql';
  // Pages serves the asset `graphql.html` at `/graphql`: hand it the browser's request as it is.
  if (wantsGraphiQL && env.ASSETS) return env.ASSETS.fetch(request);
  return yoga.fetch(request, { env });
}
