import { parseDate, parseInstant } from '../../src/common/dates';

/** Whether y-m-d names a real day, worked out by Date.UTC's own roll-over. */
function realDay(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(2000, m - 1, d));
  t.setUTCFullYear(y);
  return y >= 1 && m >= 1 && m <= 12 && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

describe('parseInstant, the one date parser', () => {
  it('reads offset-less date-times as UTC, whatever the server time zone', () => {
    expect(parseInstant('2025-01-01T10:00')).toBe(Date.UTC(2025, 0, 1, 10));
    expect(parseInstant('2025-01-01T10:00:00.5')).toBe(Date.UTC(2025, 0, 1, 10, 0, 0, 500));
    expect(parseInstant('2025-01-01')).toBe(Date.UTC(2025, 0, 1));
    expect(parseInstant('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(parseInstant('2026-05-01T10:00:00+02:00')).toBe(Date.UTC(2026, 4, 1, 8));
  });

  it('refuses days that do not exist instead of rolling them into the next month', () => {
    for (const s of ['2026-02-30', '2026-11-31', '2026-02-29', '2100-02-29', '2026-04-31T10:00:00Z', '2026-06-31', '0000-01-01']) {
      expect([s, parseInstant(s)]).toEqual([s, NaN]);
    }
    expect(parseInstant('2000-02-29')).toBe(Date.UTC(2000, 1, 29));
  });

  it('refuses non-ISO text and out-of-range fields', () => {
    for (const s of [
      'Jan 1 2025',
      '2025-01-01 10:00',
      '2025-13-01',
      '2025-01-00',
      '2025-01-01T10:60',
      '2025-01-01T24:00:00Z',
      '2025-01-01T24:00',
      '2025-01-01T10:00:00.Z',
      '2025-01-01T10:00+0100',
      '2025-01-01T',
      '',
    ]) {
      expect([s, parseInstant(s)]).toEqual([s, NaN]);
    }
  });

  it('requires an offset where asked (DateTime arguments)', () => {
    expect(parseInstant('2025-01-01T10:00:00', true)).toBeNaN();
    expect(parseInstant('2025-01-01', true)).toBeNaN();
    expect(parseInstant('2025-01-01T10:00:00Z', true)).toBe(Date.UTC(2025, 0, 1, 10));
    expect(parseDate('2025-01-01T10:00:00-01:30', true)?.toISOString()).toBe('2025-01-01T11:30:00.000Z');
    expect(parseDate(20250101)).toBeNull();
  });

  it('agrees with Date.parse on generated ISO strings naming real days, and refuses the others', () => {
    let seed = 42; // LCG: reproducible without a dependency
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    const two = (n: number) => String(rand(n)).padStart(2, '0');
    for (let k = 0; k < 20_000; k++) {
      const [y, m, d] = [rand(10000), rand(14), rand(33)];
      let s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      let hour = 0;
      if (rand(5) > 0) {
        hour = rand(26);
        s += `T${String(hour).padStart(2, '0')}:${two(61)}`;
        if (rand(5) > 0) s += `:${two(61)}` + (rand(2) ? `.${String(rand(1e6)).slice(0, 1 + rand(6))}` : '');
        s += ['Z', `+${two(25)}:${two(61)}`, `-${two(25)}:${two(61)}`, ''][rand(4)];
      }
      // Date.parse reads an offset-less date-time as local time: pin it to UTC for the comparison.
      const zoned = s.length === 10 || /(Z|[+-]\d\d:\d\d)$/.test(s);
      const expected = realDay(y, m, d) && hour < 24 ? Date.parse(zoned ? s : `${s}Z`) : NaN;
      expect([s, parseInstant(s)]).toEqual([s, expected]);
    }
  });
});
