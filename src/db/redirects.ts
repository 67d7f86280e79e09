/** Where a merged actor's ID leads now (null when it was never merged); see `actorMerge`. */
import { eq } from 'drizzle-orm';
import type { Db } from './client.ts';
import { actorRedirects } from './schema.ts';

export async function redirectOf(db: Db, id: string): Promise<string | null> {
  const [row] = await db
    .select({ toId: actorRedirects.toId })
    .from(actorRedirects)
    .where(eq(actorRedirects.fromId, id));
  return row?.toId ?? null;
}
