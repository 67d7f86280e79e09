/** Reads the Node server's settings from the environment, with the defaults a newcomer needs. */
export interface NodeConfig {
  port: number;
  databaseUrl: string;
  authToken: string | undefined;
}

export const DEFAULT_DATABASE_URL = 'file:data/dossier.db';

export function readConfig(env: NodeJS.ProcessEnv = process.env): NodeConfig {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a TCP port number (0-65535); got "${env.PORT}".`);
  }
  const databaseUrl = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  if (!/^(file:|:memory:$|https?:\/\/|libsql:\/\/|wss?:\/\/)/.test(databaseUrl)) {
    throw new Error(`DATABASE_URL must start with file:, http(s)://, libsql:// or be :memory:; got "${databaseUrl}".`);
  }
  return { port, databaseUrl, authToken: env.DATABASE_AUTH_TOKEN || undefined };
}
