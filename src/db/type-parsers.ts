import pg from 'pg';

const TIMESTAMPTZ = 1184;
const parseTimestamptz = pg.types.getTypeParser(TIMESTAMPTZ) as (text: string) => Date | number;

/** Distinct instants remembered; past this the memory starts again (a page or a batch repeats a few). */
const MAX_REMEMBERED = 10_000;
const remembered = new Map<string, number>();

/**
 * A timestamptz as pg reads it (a Date; ±Infinity for 'infinity'), each distinct text parsed
 * once: the rows of one publish, batch or window share a handful of instants (computed_at,
 * valid_from), and pg's parser (a regular expression and several Dates per value) was a twentieth
 * of a fits page's CPU. Each call still returns its own Date, as callers may keep or change it.
 */
export function parseInstant(text: string): Date | number {
  let time = remembered.get(text);
  if (time === undefined) {
    const parsed = parseTimestamptz(text);
    if (!(parsed instanceof Date)) return parsed;
    time = parsed.getTime();
    if (remembered.size >= MAX_REMEMBERED) remembered.clear();
    remembered.set(text, time);
  }
  return new Date(time);
}

/** The type parsers of fitgraph's connections (pg's, with instants through `parseInstant`). */
export const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): unknown {
    if (oid === TIMESTAMPTZ && format !== 'binary') return parseInstant;
    return format === undefined ? pg.types.getTypeParser(oid) : pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;
