/**
 * Array parameters of the hot write statements, spelled here as PostgreSQL array literals
 * (the statement casts them: `$1::uuid[]`). pg's generic serializer quotes and escapes every
 * element and formats every Date field by field in local time: an upsert batch of 1,000
 * accounts sends about 30 arrays of up to 1,000 elements, and that cost 4-6 ms of the event
 * loop per batch (profiled at 1,000,000 accounts), the loop being the busiest part of an upsert.
 * Uuids and numbers need no quoting, instants go in UTC; texts are quoted as pg quotes them.
 */

/** Ids (uuid text, as read from PostgreSQL or made by uuidv7) for a `uuid[]` parameter. */
export function uuidArray(ids: ReadonlyArray<string | null>): string {
  return `{${ids.map((id) => id ?? 'NULL').join(',')}}`;
}

/** Finite numbers for a `numeric[]` or `integer[]` parameter. */
export function numberArray(values: ReadonlyArray<number | null>): string {
  return `{${values
    .map((v) => {
      if (v === null) return 'NULL';
      if (!Number.isFinite(v)) throw new RangeError(`cannot send ${v} as a number`);
      return String(v);
    })
    .join(',')}}`;
}

/** Instants for a `timestamptz[]` parameter, in UTC. */
export function instantArray(values: ReadonlyArray<Date | null | undefined>): string {
  // A batch's instants are mostly one (its `now`): each run of equal ones is spelled once.
  let last = NaN;
  let text = '';
  return `{${values
    .map((d) => {
      if (d == null) return 'NULL';
      const t = d.getTime();
      if (t !== last) {
        text = instantLiteral(d);
        last = t;
      }
      return text;
    })
    .join(',')}}`;
}

function instantLiteral(d: Date): string {
  const year = d.getUTCFullYear();
  // toISOString spells years outside 1-9999 as +/-YYYYYY, which PostgreSQL does not read.
  if (!(year >= 1 && year <= 9999)) throw new RangeError(`cannot send the instant ${String(d)} (years 1 to 9999 only)`);
  return d.toISOString();
}

/** Texts for a `text[]` parameter (any characters: quoted and escaped). */
export function textArray(values: ReadonlyArray<string | null>): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${v.replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;
}
