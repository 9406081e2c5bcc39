/**
 * The array literals the hot write statements send (db/array-params.ts) read back in
 * PostgreSQL as exactly the values they spell, whatever characters a text holds.
 */
import { instantArray, numberArray, textArray, uuidArray } from '../../src/db/array-params';
import { startTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

test('texts with quotes, backslashes, separators, braces, blanks, NULL-like words and non-ASCII come back as sent', async () => {
  const texts = ['plain', 'a "quoted" word', 'back\\slash', 'a,b', '{braces}', ' padded ', '', 'NULL', 'null', 'é 漢字 🙂', '\\"'];
  const withNull = [...texts, null];
  const [row] = await t.sql<{ back: Array<string | null>; n: number; nulls: number }>(
    `SELECT a AS back, cardinality(a) AS n, (SELECT count(*) FROM unnest(a) x WHERE x IS NULL)::int AS nulls FROM (SELECT $1::text[] AS a) s`,
    [textArray(withNull)],
  );
  expect(row.back).toEqual(withNull);
  expect(row.n).toBe(12);
  expect(row.nulls).toBe(1);
});

test('uuids, numbers and instants come back as sent; instants in UTC whatever the session time zone', async () => {
  const ids = ['0190f5e4-1c2a-7b3d-8e4f-123456789abc', null, '00000000-0000-0000-0000-000000000000'];
  const numbers = [0, 12.5, -3, 100, null];
  const instants = [
    new Date('2026-12-03T06:03:43.286Z'),
    new Date('2026-12-03T06:03:43.286Z'),
    null,
    undefined,
    new Date('1999-12-31T23:59:59.999Z'),
  ];
  const [row] = await t.sql<{ ids: Array<string | null>; numbers: Array<string | null>; epochs: Array<string | null> }>(
    `SELECT $1::uuid[]::text[] AS ids, $2::numeric[]::text[] AS numbers,
            ARRAY(SELECT (extract(epoch FROM x) * 1000)::bigint::text FROM unnest($3::timestamptz[]) WITH ORDINALITY u(x, n) ORDER BY n) AS epochs`,
    [uuidArray(ids), numberArray(numbers), instantArray(instants)],
  );
  expect(row.ids).toEqual(ids);
  expect(row.numbers).toEqual(['0', '12.5', '-3', '100', null]);
  expect(row.epochs).toEqual(['1796277823286', '1796277823286', null, null, '946684799999']);
});

test('instants beyond year 9999 and before year 1 come back as sent (a DATE of 9999-12-31 plus an age band)', async () => {
  // Built from calendar fields (setUTCFullYear, as Date.UTC maps years 0-99 to 1900-1999), not from the spelling under test.
  const at = (year: number, month: number, day: number, hours: number, minutes: number, ms = 0) => {
    const d = new Date(0);
    d.setUTCFullYear(year, month - 1, day);
    d.setUTCHours(hours, minutes, 0, ms);
    return d;
  };
  // Astronomical years: 0 is 1 BC, -1 is 2 BC.
  const instants = [at(10000, 1, 7, 0, 0, 1), at(9999, 12, 31, 23, 59, 999), at(0, 12, 30, 0, 30), at(-1, 3, 1, 0, 0)];
  const expected = instants.map((d) => String(d.getTime()));
  const [row] = await t.sql<{ epochs: string[]; texts: string[] }>(
    `SELECT ARRAY(SELECT (extract(epoch FROM x) * 1000)::bigint::text FROM unnest($1::timestamptz[]) WITH ORDINALITY u(x, n) ORDER BY n) AS epochs,
            ARRAY(SELECT to_char(x AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI BC') FROM unnest($1::timestamptz[]) WITH ORDINALITY u(x, n) ORDER BY n) AS texts`,
    [instantArray(instants)],
  );
  expect(row.epochs).toEqual(expected);
  expect(row.texts).toEqual(['10000-01-07 00:00 AD', '9999-12-31 23:59 AD', '0001-12-30 00:30 BC', '0002-03-01 00:00 BC']);
});

test('values PostgreSQL could not read, or that would change the literal, are refused before they are sent', () => {
  expect(() => numberArray([Number.NaN])).toThrow(RangeError);
  expect(() => instantArray([new Date(Number.NaN)])).toThrow(/invalid Date/);
  for (const bad of ['{0190f5e4-1c2a-7b3d-8e4f-123456789abc}', 'a,b', 'NULL', '']) expect(() => uuidArray([bad])).toThrow(/as a uuid/);
});
