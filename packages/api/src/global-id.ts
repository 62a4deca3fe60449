import { decodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Input validation for a global id of one type: turns it into the database id, or fails
 * with a field-level "Not a <Type> id." (BAD_USER_INPUT) for ids of other types or garbage.
 */
export function globalIdOf(typename: string) {
  return z.string().transform((value, ctx) => {
    try {
      const decoded = decodeGlobalID(value);
      if (decoded.typename === typename && UUID.test(decoded.id)) return decoded.id;
    } catch {
      // not base64 of "Type:id": reported below like any other wrong id
    }
    ctx.addIssue({ code: 'custom', message: `Not a ${typename} id.` });
    return z.NEVER;
  });
}
