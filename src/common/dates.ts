/**
 * The one parser of dates given to fitgraph: DateTime arguments and filters, DATE attributes,
 * dates in definitions, outcomes and imports, and the instants inside cursors. Impossible
 * calendar dates (2026-02-30, 2026-11-31) are refused rather than rolled over into the next
 * month as Date.parse does, so nothing stores or scores a day that does not exist, and no
 * malformed date ever reaches PostgreSQL.
 */

/** The accepted forms, for messages. */
export const DATE_FORMS = 'YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]';

/** Durations in milliseconds, the unit of Date arithmetic. */
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** The two-digit number at `s[i]`, or -1; the caller guarantees `i + 1 < s.length`. */
function pairAt(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  // Unsigned compare: one test rejects both below '0' and above '9'.
  return a >>> 0 <= 9 && b >>> 0 <= 9 ? a * 10 + b : -1;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(y: number, m: number): number {
  return m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : DAYS_IN_MONTH[m - 1];
}

/**
 * Parses an ISO-8601 date (`YYYY-MM-DD`, UTC midnight) or date-time
 * (`YYYY-MM-DDTHH:MM[:SS[.fff…]][Z|±HH:MM]`) into epoch milliseconds; NaN for anything else,
 * including days that do not exist, hour 24, and year 0 (PostgreSQL has none). A date-time
 * without an offset is read as UTC (Date.parse reads local time, which would tie scores to the
 * server's time zone), unless `requireOffset` refuses it. Hand-written because Date.parse
 * dominated the cost of bulk scoring, and accepts implementation-defined forms.
 */
export function parseInstant(s: string, requireOffset = false): number {
  const len = s.length;
  if (len < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN; // '-'
  const hi = pairAt(s, 0),
    lo = pairAt(s, 2); // century, year
  const mo = pairAt(s, 5),
    d = pairAt(s, 8);
  const y = hi * 100 + lo;
  if (hi < 0 || lo < 0 || y === 0 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return NaN;
  const day = daysFromCivil(y, mo, d) * DAY;
  if (len === 10) return requireOffset ? NaN : day;

  if (len < 16 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58) return NaN; // 'T', ':'
  const h = pairAt(s, 11);
  const mi = pairAt(s, 14);
  if (h < 0 || h > 23 || mi < 0 || mi > 59) return NaN;
  let i = 16;
  let sec = 0;
  let ms = 0;
  if (i + 2 < len && s.charCodeAt(i) === 58) {
    // ':'
    sec = pairAt(s, i + 1);
    if (sec < 0 || sec > 59) return NaN;
    i += 3;
    // '.': milliseconds; further digits are dropped, as V8 does
    if (i < len && s.charCodeAt(i) === 46) {
      const start = ++i;
      for (; i < len; i++) {
        const c = s.charCodeAt(i) - 48;
        if (c >>> 0 > 9) break;
        if (i - start < 3) ms = ms * 10 + c;
      }
      const n = i - start;
      if (n === 0 || n > 9) return NaN;
      if (n < 3) ms *= n === 1 ? 100 : 10;
    }
  }

  let offset = 0;
  if (i < len) {
    const z = s.charCodeAt(i);
    if (z === 90 && i + 1 === len) {
      // 'Z'
      i++;
    } else if ((z === 43 || z === 45) && i + 6 === len && s.charCodeAt(i + 3) === 58) {
      // '±HH:MM'
      const oh = pairAt(s, i + 1);
      const om = pairAt(s, i + 4);
      if (oh < 0 || oh > 23 || om < 0 || om > 59) return NaN;
      offset = (z === 43 ? 1 : -1) * (oh * 60 + om) * 60_000;
      i += 6;
    } else {
      return NaN;
    }
  } else if (requireOffset) {
    return NaN;
  }
  return day + ((h * 60 + mi) * 60 + sec) * 1000 + ms - offset;
}

/** `parseInstant` as a Date, or null when `text` is not a valid date. */
export function parseDate(text: unknown, requireOffset = false): Date | null {
  if (typeof text !== 'string') return null;
  const ms = parseInstant(text, requireOffset);
  return ms === ms ? new Date(ms) : null;
}

/** Whether `value` is a date string `parseInstant` accepts. */
export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(parseInstant(value));
}
