/** Global IDs as the write path needs them: the natural key inside, or a userError. */
import { decodeGlobalID } from '@pothos/plugin-relay';
import { FACT_TYPES, type FactType } from '../../ingest/facts.ts';
import type { UserErrorShape } from './user-errors.ts';

/** The natural key in the global ID of a `typename`, or null when `globalId` is not one. */
export function keyOfType(globalId: unknown, typename: string): string | null {
  try {
    const decoded = decodeGlobalID(String(globalId));
    return decoded.typename === typename ? decoded.id : null;
  } catch {
    return null;
  }
}

/** A fact's type and natural key, or a userError naming `field`. */
export function factRef(
  globalId: string | number,
  field: string[],
  only?: FactType['type'],
): { type: FactType; id: string } | UserErrorShape {
  let decoded: { typename: string; id: string } | undefined;
  try {
    decoded = decodeGlobalID(String(globalId));
  } catch {}
  const type = FACT_TYPES.find((f) => f.type === decoded?.typename);
  if (!decoded || !type || (only && type.type !== only)) {
    return { field, code: 'NOT_FOUND', message: `This is not the global ID of a ${only ?? 'fact'}.` };
  }
  return { type, id: decoded.id };
}

export function isUserError(value: object): value is UserErrorShape {
  return 'code' in value;
}
