import pg from 'pg';
import { parseInstant, typeParsers } from '../../src/db/type-parsers';

const pgParse = pg.types.getTypeParser(1184) as (text: string) => Date | number;

describe('parseInstant', () => {
  const texts = [
    '2026-12-02 13:48:15.855+00',
    '2026-12-02 13:48:15.855123+00',
    '2026-06-30 23:59:59+05:30',
    '1999-01-08 04:05:06-08',
    '2026-03-29 01:30:00+01',
    '0044-03-15 12:00:00+00 BC',
    'infinity',
    '-infinity',
  ];

  it.each(texts)('reads %s as pg reads it, the second time from memory too', (text) => {
    const expected = pgParse(text);
    for (let i = 0; i < 2; i++) {
      const got = parseInstant(text);
      if (expected instanceof Date) {
        expect(got).toBeInstanceOf(Date);
        expect((got as Date).getTime()).toBe(expected.getTime());
      } else {
        expect(got).toBe(expected);
      }
    }
  });

  it('hands out a Date of its own each time: changing one changes no later read', () => {
    const first = parseInstant('2026-12-02 10:00:00+00') as Date;
    first.setUTCFullYear(1970);
    expect((parseInstant('2026-12-02 10:00:00+00') as Date).toISOString()).toBe('2026-12-02T10:00:00.000Z');
  });

  it('is the parser of timestamptz text only; every other type keeps pg’s', () => {
    expect(typeParsers.getTypeParser(1184, 'text')).toBe(parseInstant);
    expect(typeParsers.getTypeParser(1114, 'text')).toBe(pg.types.getTypeParser(1114, 'text'));
    expect(typeParsers.getTypeParser(1184, 'binary')).toBe(pg.types.getTypeParser(1184, 'binary'));
  });
});
