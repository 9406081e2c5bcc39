/**
 * Array parameters of the hot write statements, spelled here as PostgreSQL array literals
 * (the statement casts them: `$1::uuid[]`). pg's generic serializer quotes and escapes every
 * element and formats every Date field by field in local time: an upsert batch of 1,000
 * accounts sends about 30 arrays of up to 1,000 elements, and that cost 4-6 ms of the event
 * loop per batch (profiled at 1,000,000 accounts), the loop being the busiest part of an upsert.
 * Uuids and numbers need no quoting, instants go in UTC; texts are quoted as pg quotes them.
 */

/** `{a,b,NULL}`: each value spelled by `spell`, null and undefined as NULL. */
function arrayLiteral<T>(values: ReadonlyArray<T | null | undefined>, spell: (value: T) => string): string {
  return `{${values.map((v) => (v == null ? 'NULL' : spell(v))).join(',')}}`;
}

/** Ids (uuid text, as read from PostgreSQL or made by uuidv7) for a `uuid[]` parameter. */
export function uuidArray(ids: ReadonlyArray<string | null>): string {
  return arrayLiteral(ids, (id) => {
    // Hex digits and hyphens only: anything else could change the literal's shape (a brace, a comma, "NULL").
    if (!UUID_CHARACTERS.test(id)) throw new RangeError(`cannot send ${JSON.stringify(id.slice(0, 60))} as a uuid`);
    return id;
  });
}

const UUID_CHARACTERS = /^[0-9A-Fa-f-]{32,36}$/;

/** Finite numbers for a `numeric[]` or `integer[]` parameter. */
export function numberArray(values: ReadonlyArray<number | null>): string {
  return arrayLiteral(values, (v) => {
    if (!Number.isFinite(v)) throw new RangeError(`cannot send ${v} as a number`);
    return String(v);
  });
}

/** Instants for a `timestamptz[]` parameter, in UTC. */
export function instantArray(values: ReadonlyArray<Date | null | undefined>): string {
  // A batch's instants are mostly one (its `now`): each run of equal ones is spelled once.
  let last = NaN;
  let text = '';
  return arrayLiteral(values, (d) => {
    if (d.getTime() !== last) {
      text = instantText(d);
      // An era needs quoting (a space); other instants are digits and -T:.Z+.
      if (text.endsWith(' BC')) text = `"${text}"`;
      last = d.getTime();
    }
    return text;
  });
}

/**
 * An instant as PostgreSQL reads it, in UTC. toISOString spells years outside 0-9999 as
 * +YYYYYY or -YYYYYY, which PostgreSQL does not read: those (a DATE attribute of 9999-12-31
 * plus an age band reaches year 10000) take PostgreSQL's own spelling, as pg's serializer did.
 */
export function instantText(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new RangeError('cannot send an invalid Date');
  const iso = d.toISOString();
  const year = d.getUTCFullYear();
  if (year >= 1 && year <= 9999) return iso;
  const rest = iso.slice(iso.indexOf('-', 1)).replace(/Z$/, '+00:00'); // "-MM-DDTHH:mm:ss.sss+00:00"
  return year > 9999 ? `${year}${rest}` : `${String(1 - year).padStart(4, '0')}${rest} BC`;
}

/** Texts for a `text[]` parameter (any characters: quoted and escaped). */
export function textArray(values: ReadonlyArray<string | null>): string {
  return arrayLiteral(values, (v) => `"${v.replace(/[\\"]/g, '\\$&')}"`);
}
