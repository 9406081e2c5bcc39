import type { TierOutcomes } from '../../src/domain/statistics/conversion-metrics';
import { comparisonWarnings, outcomeHorizon } from '../../src/domain/statistics/comparison-warnings';
import { compareMetrics, conversionMetrics } from '../../src/domain/statistics/conversion-metrics';

const at = (d: string) => new Date(`${d}T00:00:00Z`);
/** One tier's outcomes: `won` and `lost` as days to close, conversions as { days: leads }. */
const outcomes = (o: {
  leads: number;
  conversions: Record<number, number>;
  opportunities: number;
  won: number[];
  lost: number[];
}): TierOutcomes[] => [
  {
    tier: 'PERFECT',
    leads: o.leads,
    conversionDays: new Map(Object.entries(o.conversions).map(([d, n]) => [Number(d), n])),
    opportunities: o.opportunities,
    won: o.won.map((cycleDays) => ({ tier: 'PERFECT', cycleDays, amount: 100 })),
    lostDays: o.lost,
  },
];

describe('outcomeHorizon', () => {
  it('is the later of the days covering 90 % of conversions and 90 % of closes, rounded up', () => {
    // Conversions: 5 after 1 day, 4 after 3, 1 after 20: 90 % (9 of 10) within 3 days.
    // Closes: 10 values 1 … 10 days, 9th in order is 9; a 9.2 instead rounds up to 10.
    const closes = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(
      outcomeHorizon({
        conversionDays: new Map([
          [1, 5],
          [3, 4],
          [20, 1],
        ]),
        closeDays: closes,
      }),
    ).toBe(9);
    expect(
      outcomeHorizon({
        conversionDays: new Map([
          [1, 5],
          [3, 4],
          [20, 1],
        ]),
        closeDays: closes.map((d) => (d === 9 ? 9.2 : d)),
      }),
    ).toBe(10);
    expect(
      outcomeHorizon({
        conversionDays: new Map([
          [1, 1],
          [30, 9],
        ]),
        closeDays: [],
      }),
    ).toBe(30);
    expect(outcomeHorizon({ conversionDays: new Map(), closeDays: [] })).toBeNull();
    expect(outcomeHorizon({ conversionDays: new Map([[0, 4]]), closeDays: [] })).toBe(1); // same-day conversions: at least a day
  });
});

describe('comparisonWarnings', () => {
  // Before: 100 leads (20 converted within 2 days), 40 opportunities, all closed within 10 to 40 days.
  const before = conversionMetrics(
    outcomes({
      leads: 100,
      conversions: { 2: 20 },
      opportunities: 40,
      won: Array.from({ length: 12 }, (_, i) => 10 + i),
      lost: Array.from({ length: 28 }, (_, i) => 10 + i),
    }),
  );
  const after = conversionMetrics(
    outcomes({
      leads: 100,
      conversions: { 2: 30 },
      opportunities: 40,
      won: Array.from({ length: 16 }, (_, i) => 10 + i),
      lost: Array.from({ length: 16 }, (_, i) => 10 + i),
    }),
  ); // 8 of 40 open: 20 %
  const warn = (args: { now: string; before: [string, string]; after: [string, string]; followUpDays?: number }) =>
    comparisonWarnings({
      before: { name: 'before', from: at(args.before[0]), to: at(args.before[1]), data: before },
      after: { name: 'after', from: at(args.after[0]), to: at(args.after[1]), data: after },
      now: at(args.now),
      followUpDays: args.followUpDays ?? null,
      deltas: compareMetrics(before, after),
      tiers: [],
    });

  it('says when no cohort of the after period is old enough yet, and from when it can be compared', () => {
    // Closes of the before period: won after 10 … 21 days, lost after 10 … 37: in order 10, 10, 11, 11, …, 21, 21 (24
    // values), then 22 … 37; the 36th (90 % of 40) is 33. Conversions all took 2 days.
    const horizon = outcomeHorizon(before.times)!;
    expect(horizon).toBe(33);
    const w = warn({ now: '2026-03-20', before: ['2026-01-01', '2026-03-01'], after: ['2026-03-01', '2026-03-20'] });
    expect(w).toContain(
      "None of the after period's leads and opportunities (it began 19 days ago) has been followed for the 33 days within which 90 % " +
        "of the before period's conversions and closes happened: its conversion and win rates are still rising and its cycle times count only the quick deals. " +
        'followUpDays: 33 can compare it from 2026-04-03; a shorter followUpDays compares early outcomes now.',
    );
    // 59 days against 19: the lengths differ by more than 2.
    expect(w).toContain(
      'The before period covers 59 days and the after period 19: revenue is a total over unequal spans and the seasons differ; windowDays: 19 compares equal windows.',
    );
    // Exactly 20 % open is not "many"; the samples are large enough for every test.
    expect(w.some((s) => s.includes('still open'))).toBe(false);
    expect(w.some((s) => s.includes('too small'))).toBe(false);
  });

  it('stays silent about maturity when both periods are older than the horizon, and about lengths under a factor of 2', () => {
    expect(warn({ now: '2026-09-01', before: ['2026-01-01', '2026-03-01'], after: ['2026-03-01', '2026-04-20'] })).toEqual([]);
  });

  it('flags a before period that is still young as well', () => {
    const w = warn({ now: '2026-03-25', before: ['2026-02-01', '2026-03-01'], after: ['2026-03-01', '2026-03-25'] });
    expect(w.some((s) => s.startsWith("The before period's leads and opportunities created since"))).toBe(true);
  });
});
