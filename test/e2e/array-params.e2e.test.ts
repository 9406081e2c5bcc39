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
  const ids = ['0190f5e4-1c2a-7b3d-8e4f-123456789abc', '00000000-0000-0000-0000-000000000000'];
  const numbers = [0, 12.5, -3, 100, null];
  const instants = [new Date('2026-12-03T06:03:43.286Z'), new Date('2026-12-03T06:03:43.286Z'), null, new Date('1999-12-31T23:59:59.999Z')];
  const [row] = await t.sql<{ ids: string[]; numbers: Array<string | null>; epochs: Array<string | null> }>(
    `SELECT $1::uuid[]::text[] AS ids, $2::numeric[]::text[] AS numbers,
            ARRAY(SELECT (extract(epoch FROM x) * 1000)::bigint::text FROM unnest($3::timestamptz[]) WITH ORDINALITY u(x, n) ORDER BY n) AS epochs`,
    [uuidArray(ids), numberArray(numbers), instantArray(instants)],
  );
  expect(row.ids).toEqual(ids);
  expect(row.numbers).toEqual(['0', '12.5', '-3', '100', null]);
  expect(row.epochs).toEqual(['1796277823286', '1796277823286', null, '946684799999']);
});

test('values PostgreSQL could not read are refused before they are sent', () => {
  expect(() => numberArray([Number.NaN])).toThrow(RangeError);
  expect(() => instantArray([new Date(Number.NaN)])).toThrow(RangeError);
  expect(() => instantArray([new Date('+010000-01-01T00:00:00Z')])).toThrow(/years 1 to 9999/);
});
