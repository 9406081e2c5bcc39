/**
 * From per-attribute counts of positives and negatives to findings: the candidate tests of each
 * attribute (values and sets of values for strings, elements for lists, thresholds and ranges
 * between quantiles for numbers, EQ for booleans, recency windows for dates), each a 2×2 table;
 * a test of independence for each; Benjamini-Hochberg over every test tried; the best test per
 * attribute. Pure: the counts come from SQL (insight-store.ts).
 */
import type { AttributeTest, AttributeType, Dimension } from '../../model/icp-definition';
import { benjaminiHochberg, independenceTest, weightOfEvidence, type TwoByTwo } from './discovery-statistics';
import type { IndependenceMethod } from '../../model/discovery';

/** Positives and negatives counted in one cell. */
export interface Counts {
  positives: number;
  negatives: number;
}

/** The recency windows tried on DATE attributes, in days. */
export const RECENCY_WINDOWS = [7, 14, 30, 60, 90, 180, 365, 730] as const;
/** The quantiles whose values become thresholds and range bounds of NUMBER attributes. */
export const NUMBER_QUANTILES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] as const;

/**
 * What SQL counted for one attribute over the analysed accounts.
 * - STRING, BOOLEAN, STRING_LIST: `values` (strings case-insensitively, "true"/"false"; list
 *   elements, each account counted once per distinct element).
 * - NUMBER: `cuts` (distinct quantile values, ascending) and `bins`, 2·cuts+1 of them: bin 2j
 *   holds values strictly between cut j-1 and cut j (bin 0 below the first cut, the last bin
 *   above the last), bin 2j+1 the values equal to cut j.
 * - DATE: `bins[i]` for i < windows the dates at most RECENCY_WINDOWS[i] days old and older
 *   than the window before; the last bin older than every window.
 * `missing` counts accounts without a value; a value of another type is present but holds no test.
 */
export interface AttributeCounts {
  attribute: string;
  type: AttributeType;
  dimension: Dimension | null;
  missing: Counts;
  values?: Map<string, Counts>;
  cuts?: number[];
  bins?: Counts[];
}

export interface InsightOptionsResolved {
  fdr: number;
}

/** One candidate test with its table and statistics. */
export interface Finding {
  attribute: string;
  type: AttributeType;
  dimension: Dimension | null;
  test: AttributeTest;
  table: TwoByTwo;
  positiveShare: number;
  negativeShare: number;
  lift: number | null;
  pValue: number;
  method: IndependenceMethod;
  qValue: number;
  /** Benjamini-Hochberg across attributes of each attribute's Simes p-value over its tests. */
  attributeQValue: number;
  significant: boolean;
  favourable: boolean;
  weightOfEvidence: number;
  informationValue: number;
  missingShare: number;
  /** Candidate tests tried on this attribute. */
  testsTried: number;
  /** Suggested points: a tenth of a unit of log-odds per point, as scorecards scale WoE; at least 1. */
  points: number;
}

export interface Analysis {
  positives: number;
  negatives: number;
  testsTried: number;
  /** The best test per analysed attribute: significant first, then by information value. */
  insights: Finding[];
  /** Per attribute, the strongest significant test that marks negatives (for disqualifier candidates). */
  unfavourable: Finding[];
  warnings: string[];
}

/**
 * Accounts of each class (positives, negatives) whose attributes are counted: all of a class up
 * to this many, else a random sample of about this many (by a hash of the account id). TOP_VALUE
 * compares with every other account of the segment, a million of them in a large one; counting
 * them all costs a pass over every account's attributes, while the tests' power is set by the
 * smaller class. Sampling one class is a case-control design: the test of independence stays
 * valid (under the null both classes share one distribution, and so does a sample of one), the
 * weight of evidence and lift are ratios of shares and keep their meaning, and each share of a
 * sampled class is within SAMPLE_Z · sqrt(p(1-p)/n) <= SAMPLE_Z / (2 sqrt(n)) of the whole
 * class's, 0.44 percentage points at 50,000 (95 %).
 */
export const COUNTED_PER_CLASS = 50_000;
const SAMPLE_Z = 1.96;

/** The 95 % bound on how far a share counted on `n` sampled accounts is from the whole class's: 1.96 / (2 sqrt(n)). */
export function sampleShareBound(n: number): number {
  return SAMPLE_Z / (2 * Math.sqrt(n));
}

/** The warning that a class was sampled, with its bound; null when both were counted whole. */
export function samplingWarning(labelled: Counts, counted: Counts): string | null {
  const parts = (['positives', 'negatives'] as const)
    .filter((k) => counted[k] < labelled[k])
    .map(
      (k) =>
        `the ${labelled[k].toLocaleString('en-US')} ${k} on a random sample of ${counted[k].toLocaleString('en-US')} (a share of ${k} is within ±${(100 * sampleShareBound(counted[k])).toFixed(2)} percentage points of the whole class's, 95 %)`,
    );
  return parts.length
    ? `Attributes counted on samples, chosen by a hash of the account id: ${parts.join('; ')}. The tests compare the counted accounts.`
    : null;
}

/** A test needs this many accounts on each side (holding / not holding) to be tried. */
const MIN_SUPPORT = 5;
/** An attribute with a value for fewer analysed accounts than this is not analysed. */
const MIN_PRESENT = 20;
/** Fewer positives or negatives than this: findings are indicative only. */
export const MIN_OUTCOMES = 30;
/** At most this many values (strings) or elements (lists) are tried, the most frequent first. */
const MAX_VALUES = 40;
/** Sets of string values are tried up to this size. */
const MAX_SET = 5;

const pct = (x: number) => `${Math.round(x * 100)} %`;

export interface Candidate {
  test: AttributeTest;
  holding: Counts;
}

function sum(cells: Counts[]): Counts {
  return cells.reduce((s, c) => ({ positives: s.positives + c.positives, negatives: s.negatives + c.negatives }), {
    positives: 0,
    negatives: 0,
  });
}

function rate(c: Counts): number {
  return (c.positives + 0.5) / (c.positives + c.negatives + 1);
}

function stringCandidates(a: AttributeCounts, type: 'STRING' | 'BOOLEAN' | 'STRING_LIST'): Candidate[] {
  const values = [...(a.values ?? new Map<string, Counts>()).entries()]
    .map(([value, counts]) => ({ value, counts, n: counts.positives + counts.negatives }))
    .sort((x, y) => y.n - x.n || (x.value < y.value ? -1 : 1))
    .slice(0, MAX_VALUES);
  if (type === 'BOOLEAN') {
    return values
      .filter((v) => v.value === 'true' || v.value === 'false')
      .map((v) => ({ test: { attribute: a.attribute, operator: 'EQ', value: v.value === 'true' }, holding: v.counts }));
  }
  if (type === 'STRING_LIST') {
    return values.map((v) => ({ test: { attribute: a.attribute, operator: 'CONTAINS_ANY', values: [v.value] }, holding: v.counts }));
  }
  const single = values.map((v) => ({ test: { attribute: a.attribute, operator: 'IN' as const, values: [v.value] }, holding: v.counts }));
  // Sets: the k values with the highest (and the lowest) share of positives; a string holds one
  // value, so a set's counts are the sum of its values'.
  const eligible = values.filter((v) => v.n >= MIN_SUPPORT).sort((x, y) => rate(y.counts) - rate(x.counts) || (x.value < y.value ? -1 : 1));
  const sets: Candidate[] = [];
  for (const ordered of [eligible, [...eligible].reverse()]) {
    for (let k = 2; k <= Math.min(MAX_SET, eligible.length - 1); k++) {
      const chosen = ordered.slice(0, k);
      sets.push({
        test: { attribute: a.attribute, operator: 'IN', values: chosen.map((v) => v.value).sort() },
        holding: sum(chosen.map((v) => v.counts)),
      });
    }
  }
  return [...single, ...sets];
}

function numberCandidates(a: AttributeCounts): Candidate[] {
  const cuts = a.cuts ?? [];
  const bins = a.bins ?? [];
  const k = cuts.length;
  const range = (fromBin: number, toBin: number) => sum(bins.slice(fromBin, toBin + 1));
  const out: Candidate[] = [];
  // Cut j (0-based) sits in bin 2j+1.
  for (let j = 0; j < k; j++) {
    out.push({ test: { attribute: a.attribute, operator: 'GTE', value: cuts[j] }, holding: range(2 * j + 1, bins.length - 1) });
    out.push({ test: { attribute: a.attribute, operator: 'LTE', value: cuts[j] }, holding: range(0, 2 * j + 1) });
    for (let i = 0; i < j; i++) {
      out.push({ test: { attribute: a.attribute, operator: 'BETWEEN', min: cuts[i], max: cuts[j] }, holding: range(2 * i + 1, 2 * j + 1) });
    }
  }
  return out;
}

function dateCandidates(a: AttributeCounts): Candidate[] {
  const bins = a.bins ?? [];
  return RECENCY_WINDOWS.map((days, i) => ({
    test: { attribute: a.attribute, operator: 'WITHIN_DAYS' as const, value: days },
    holding: sum(bins.slice(0, i + 1)),
  }));
}

/** Every candidate test of one attribute with the accounts for which it holds. */
export function candidatesOf(a: AttributeCounts): Candidate[] {
  switch (a.type) {
    case 'NUMBER':
      return numberCandidates(a);
    case 'DATE':
      return dateCandidates(a);
    default:
      return stringCandidates(a, a.type);
  }
}

/** Simes' combination of a family's p-values: min over ranks i of k·p(i)/i; valid under positive dependence. */
export function simes(pValues: readonly number[]): number {
  const sorted = [...pValues].sort((a, b) => a - b);
  let best = 1;
  sorted.forEach((p, i) => (best = Math.min(best, (sorted.length * p) / (i + 1))));
  return best;
}

/** Presents a test for a sentence: `industry IN [saas, fintech]`, `employees BETWEEN 50 and 200`. */
export function describeTest(t: AttributeTest): string {
  switch (t.operator) {
    case 'BETWEEN':
      return `${t.attribute} BETWEEN ${t.min} and ${t.max}`;
    case 'IN':
    case 'CONTAINS_ANY':
      return `${t.attribute} ${t.operator} [${(t.values ?? []).join(', ')}]`;
    case 'WITHIN_DAYS':
      return `${t.attribute} WITHIN ${t.value} days`;
    default:
      return `${t.attribute} ${t.operator} ${String(t.value)}`;
  }
}

/**
 * Tries every candidate test of every attribute on `positives` against `negatives`, adjusts the
 * p-values with Benjamini-Hochberg over all of them, and keeps the best test per attribute: the
 * significant one with the highest information value, or, when none is significant, the one
 * with the lowest q-value.
 */
export function analyse(attributes: AttributeCounts[], totals: Counts, options: InsightOptionsResolved): Analysis {
  const { positives, negatives } = totals;
  const n = positives + negatives;
  const warnings: string[] = [];
  if (positives === 0 || negatives === 0) {
    warnings.push(
      `No ${positives === 0 ? 'positives' : 'negatives'} in the period (${positives} positives, ${negatives} negatives): nothing to compare.`,
    );
    return { positives, negatives, testsTried: 0, insights: [], unfavourable: [], warnings };
  }
  if (positives < MIN_OUTCOMES || negatives < MIN_OUTCOMES) {
    warnings.push(
      `Only ${positives} positives and ${negatives} negatives: too few outcomes to conclude (${MIN_OUTCOMES} of each at least); treat findings as leads to check.`,
    );
  }

  const tried: Array<Omit<Finding, 'qValue' | 'attributeQValue' | 'significant' | 'testsTried' | 'points'>> = [];
  const perAttribute = new Map<string, number>();
  const skipped: string[] = [];
  for (const a of attributes) {
    const missing = a.missing.positives + a.missing.negatives;
    const missingShare = missing / n;
    if (n - missing < MIN_PRESENT) {
      skipped.push(a.attribute);
      continue;
    }
    if (missingShare > 0.5) {
      warnings.push(
        `${a.attribute} is missing for ${pct(missingShare)} of the analysed accounts: its findings rest on the other ${pct(1 - missingShare)}.`,
      );
    }
    const seen = new Set<string>();
    let count = 0;
    for (const c of candidatesOf(a)) {
      const h = c.holding;
      const holding = h.positives + h.negatives;
      if (holding < MIN_SUPPORT || n - holding < MIN_SUPPORT) continue;
      // Different cuts can describe the same accounts (e.g. ranges over repeated values): one table, one test.
      const key = `${h.positives}/${h.negatives}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const table: TwoByTwo = {
        positivesHolding: h.positives,
        positivesNot: positives - h.positives,
        negativesHolding: h.negatives,
        negativesNot: negatives - h.negatives,
      };
      const positiveShare = h.positives / positives;
      const negativeShare = h.negatives / negatives;
      const { pValue, method } = independenceTest(table);
      const { woe, informationValue } = weightOfEvidence(table);
      tried.push({
        attribute: a.attribute,
        type: a.type,
        dimension: a.dimension,
        test: c.test,
        table,
        positiveShare,
        negativeShare,
        lift: negativeShare > 0 ? positiveShare / negativeShare : null,
        pValue,
        method,
        favourable: positiveShare > negativeShare,
        weightOfEvidence: woe,
        informationValue,
        missingShare,
      });
      count++;
    }
    perAttribute.set(a.attribute, count);
  }

  if (skipped.length) warnings.push(`Not analysed (a value for fewer than ${MIN_PRESENT} of the ${n} accounts): ${skipped.join(', ')}.`);

  const q = benjaminiHochberg(tried.map((f) => f.pValue));
  // Test-level BH lets an attribute with many true, nested tests (ranges of a number) lower
  // the bar for every other attribute's tests. A finding must also pass an attribute-level
  // screen: each attribute's tests combined by Simes, then BH across attributes (the two-stage
  // procedure of Benjamini & Bogomolov 2014), so that the FDR also holds over attributes.
  const names = [...perAttribute.keys()].filter((a) => (perAttribute.get(a) ?? 0) > 0);
  const attributeQ = new Map(
    benjaminiHochberg(names.map((a) => simes(tried.filter((f) => f.attribute === a).map((f) => f.pValue)))).map((v, i) => [names[i], v]),
  );
  const all: Finding[] = tried.map((f, i) => {
    const aq = attributeQ.get(f.attribute) ?? 1;
    return {
      ...f,
      qValue: q[i],
      attributeQValue: aq,
      significant: q[i] <= options.fdr && aq <= options.fdr,
      testsTried: perAttribute.get(f.attribute) ?? 0,
      points: Math.max(1, Math.round(10 * Math.abs(f.weightOfEvidence))),
    };
  });
  const better = (x: Finding, y: Finding) =>
    x.significant && y.significant
      ? x.informationValue > y.informationValue
      : x.significant || (!y.significant && (x.qValue < y.qValue || (x.qValue === y.qValue && x.informationValue > y.informationValue)));
  const best = new Map<string, Finding>();
  const worst = new Map<string, Finding>();
  for (const f of all) {
    const b = best.get(f.attribute);
    if (!b || better(f, b)) best.set(f.attribute, f);
    if (f.significant && !f.favourable) {
      const w = worst.get(f.attribute);
      if (!w || f.weightOfEvidence < w.weightOfEvidence) worst.set(f.attribute, f);
    }
  }
  const insights = [...best.values()].sort(
    (x, y) => Number(y.significant) - Number(x.significant) || y.informationValue - x.informationValue,
  );
  return { positives, negatives, testsTried: all.length, insights, unfavourable: [...worst.values()], warnings };
}

export { pct as percent };
