/** A UUID's text in lower case (any version), for patterns that hold one; ids are matched in either case. */
export const UUID_PATTERN = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const UUID = new RegExp(`^${UUID_PATTERN}$`, 'i');

/** Ids are UUIDs; anything else cannot name a row, so lookups answer "not found" without asking the database. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
