/**
 * Semantics of one test on one account attribute (criteria, disqualifiers, segment membership).
 * Tests are compiled once into a predicate so that bulk scoring pays for operand preparation
 * (lower-casing, sets, date parsing) once per definition, not once per account.
 */
import { DAY, parseInstant } from '../../common/dates';
import type { AccountAttributes, AttributeTest, BandSpec, Operator } from '../../model/icp-definition';

/** Outcome of a test on one account. `missing` implies `!matched`. */
export interface TestOutcome {
  matched: boolean;
  missing: boolean;
}

/** A test prepared for repeated evaluation. */
export interface CompiledTest {
  readonly attribute: string;
  readonly operator: Operator;
  /** Reads the attribute; `undefined` and `null` both mean missing. */
  readonly read: (attributes: AccountAttributes) => unknown;
  /** Whether a present (non-null) value passes; `atMs` is the evaluation instant. For graded tests: some band holds. */
  readonly matches: (value: unknown, atMs: number) => boolean;
  /** BANDS and AGE_BANDS: the index of the first band that holds for a present value, or -1. */
  readonly grade?: (value: unknown, atMs: number) => number;
  /**
   * Time-dependent tests only (WITHIN_DAYS, AGE_BANDS): the first instant after `atMs` (epoch
   * ms) at which the outcome for this present value differs, or NaN when time alone never
   * changes it. Absent for tests whose outcome does not depend on the evaluation instant.
   */
  readonly nextChange?: (value: unknown, atMs: number) => number;
}

/** A test with the bands of a graded criterion. */
export type GradableTest = AttributeTest & { bands?: readonly BandSpec[] };

const NEVER = (): boolean => false;
const ALWAYS = (): boolean => true;

/** True when the value counts as absent: `undefined` or `null`. */
export function isMissing(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}

/**
 * Returns a reader for one attribute key. Keys that shadow Object.prototype members
 * ("constructor", "__proto__"…) are read as own properties only, so an inherited function
 * is never taken for a value; other keys use a plain property read (the hot path).
 */
export function attributeReader(key: string): (attributes: AccountAttributes) => unknown {
  if (key in Object.prototype) {
    return (attributes) => (Object.hasOwn(attributes, key) ? attributes[key] : undefined);
  }
  return (attributes) => attributes[key];
}

// NaN is never a usable number: treating it as one would make NEQ/NOT_IN match garbage.
const isNumber = (v: unknown): v is number => typeof v === 'number' && v === v;
const isScalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'boolean' || isNumber(v);

const ORDERINGS: Record<'GT' | 'GTE' | 'LT' | 'LTE', (a: number, b: number) => boolean> = {
  GT: (a, b) => a > b,
  GTE: (a, b) => a >= b,
  LT: (a, b) => a < b,
  LTE: (a, b) => a <= b,
};

function equality(want: unknown, negate: boolean): (v: unknown) => boolean {
  if (typeof want === 'string') {
    const w = want.toLowerCase();
    // The exact spelling is tried first: it is the common case and lower-casing allocates.
    return negate
      ? (v) => typeof v === 'string' && v !== want && v.toLowerCase() !== w
      : (v) => v === want || (typeof v === 'string' && v.toLowerCase() === w);
  }
  if (isNumber(want)) return negate ? (v) => isNumber(v) && v !== want : (v) => v === want;
  if (typeof want === 'boolean') return negate ? (v) => typeof v === 'boolean' && v !== want : (v) => v === want;
  return NEVER; // null, list or object operand: not comparable with any attribute value
}

/**
 * The distinct scalar operands of IN, NOT_IN and CONTAINS_*, strings compared lower-cased.
 * Each operand is also keyed by its own spelling, so a value spelled as in the definition
 * (the common case) is found without allocating a lower-cased copy.
 */
class Operands {
  private readonly index = new Map<unknown, number>();
  /** Number of distinct operands. */
  readonly size: number;
  /** JS types of the operands. */
  readonly types = new Set<string>();

  constructor(values: unknown) {
    let size = 0;
    for (const v of Array.isArray(values) ? (values as unknown[]) : []) {
      if (!isScalar(v)) continue;
      const key = typeof v === 'string' ? v.toLowerCase() : v;
      let i = this.index.get(key);
      if (i === undefined) this.index.set(key, (i = size++));
      this.index.set(v, i);
      this.types.add(typeof v);
    }
    this.size = size;
  }

  /** Position of the operand equal to `v`, or -1. Type-strict: 1 is not "1". */
  find(v: unknown): number {
    const i = this.index.get(v);
    if (i !== undefined) return i;
    if (typeof v !== 'string') return -1;
    return this.index.get(v.toLowerCase()) ?? -1;
  }
}

function containsAll(operands: Operands): (v: unknown) => boolean {
  const size = operands.size;
  if (size <= 30) {
    // Found operands are tracked as bits of one integer: no allocation per account.
    const full = 2 ** size - 1;
    return (v) => {
      if (!Array.isArray(v)) return false;
      let found = 0;
      for (let i = 0; i < v.length; i++) {
        const bit = operands.find(v[i]);
        if (bit >= 0 && (found |= 1 << bit) === full) return true;
      }
      return false;
    };
  }
  return (v) => Array.isArray(v) && new Set(v.map((e) => operands.find(e)).filter((i) => i >= 0)).size === size;
}

function matcherFor(test: AttributeTest): (value: unknown, atMs: number) => boolean {
  const op = test.operator;
  switch (op) {
    case 'EQ':
    case 'NEQ':
      return equality(test.value, op === 'NEQ');
    case 'GT':
    case 'GTE':
    case 'LT':
    case 'LTE': {
      const cmp = ORDERINGS[op];
      const want = test.value;
      if (isNumber(want)) return (v) => isNumber(v) && cmp(v, want);
      if (typeof want === 'string') {
        const wantMs = parseInstant(want);
        if (wantMs !== wantMs) return NEVER;
        // NaN (not a date) fails every comparison, so garbage never matches.
        return (v) => typeof v === 'string' && cmp(parseInstant(v), wantMs);
      }
      return NEVER;
    }
    case 'BETWEEN': {
      const { min, max } = test;
      if (!isNumber(min) || !isNumber(max)) return NEVER;
      return (v) => isNumber(v) && v >= min && v <= max;
    }
    case 'IN': {
      const operands = new Operands(test.values);
      return (v) => operands.find(v) >= 0; // type-strict, so wrong types fall out by themselves
    }
    case 'NOT_IN': {
      const operands = new Operands(test.values);
      const types = operands.types;
      // A number is not "not in" a list of strings: it is the wrong type, so it does not match.
      return (v) => isScalar(v) && (types.size === 0 || types.has(typeof v)) && operands.find(v) < 0;
    }
    case 'CONTAINS_ANY': {
      const operands = new Operands(test.values);
      return (v) => {
        if (!Array.isArray(v)) return false;
        for (let i = 0; i < v.length; i++) if (operands.find(v[i]) >= 0) return true;
        return false;
      };
    }
    case 'CONTAINS_ALL': {
      const operands = new Operands(test.values);
      // An empty operand list would hold vacuously for every list: treat it as a broken test.
      return operands.size === 0 ? NEVER : containsAll(operands);
    }
    case 'EXISTS':
      return ALWAYS; // only called on present values
    case 'WITHIN_DAYS': {
      const days = test.value;
      if (!isNumber(days)) return NEVER;
      const span = days * DAY;
      return (v, atMs) => {
        if (typeof v !== 'string') return false;
        const t = parseInstant(v);
        return t >= atMs - span && t <= atMs;
      };
    }
    default:
      return NEVER; // stored data outside the type: never match rather than throw mid-batch
  }
}

/*
 * Instants are whole milliseconds. A window or band that holds "up to and including" an
 * instant E stops holding at E + 1 ms: that is when its outcome changes, so that is when a
 * stored score is replaced (validFrom of the next row). Math.floor keeps fractional-day spans
 * on the same millisecond grid as the comparison (t + span >= at, with at an integer).
 */
const firstInstantAfter = (endMs: number): number => Math.floor(endMs) + 1;

/** WITHIN_DAYS holds for `at - span <= t <= at`: it starts holding at t, and stops after t + span. */
function withinDaysNextChange(test: AttributeTest): ((value: unknown, atMs: number) => number) | undefined {
  const days = test.value;
  if (!isNumber(days)) return undefined;
  const span = days * DAY;
  return (v, atMs) => {
    if (typeof v !== 'string') return NaN;
    const t = parseInstant(v);
    if (t !== t) return NaN;
    if (t > atMs) return t; // a future date enters the window when it comes
    const end = firstInstantAfter(t + span);
    return end > atMs ? end : NaN; // left the window: it never comes back
  };
}

/** The well-formed bands of a graded test, in order; a malformed one never holds (validation refuses them). */
function numericBands(test: GradableTest): Array<{ min: number; max: number; maxAgeMs: number }> {
  return (Array.isArray(test.bands) ? test.bands : []).map((b) => ({
    min: isNumber(b?.min) ? b.min : -Infinity,
    max: isNumber(b?.max) ? b.max : Infinity,
    maxAgeMs: isNumber(b?.maxAgeDays) ? b.maxAgeDays * DAY : NaN,
  }));
}

/** BANDS: the first band (in order) whose min <= value <= max; either bound may be absent. */
function valueBands(test: GradableTest): (value: unknown) => number {
  const bands = numericBands(test);
  return (v) => {
    if (!isNumber(v)) return -1;
    for (let i = 0; i < bands.length; i++) if (v >= bands[i].min && v <= bands[i].max) return i;
    return -1;
  };
}

/**
 * AGE_BANDS: the first band (in order) whose maxAgeDays is at least the date's age at the
 * scoring time (a date in the future has a negative age, so the first band holds).
 */
function ageBands(test: GradableTest): {
  grade: (value: unknown, atMs: number) => number;
  nextChange: (value: unknown, atMs: number) => number;
} {
  const bands = numericBands(test);
  const grade = (v: unknown, atMs: number): number => {
    if (typeof v !== 'string') return -1;
    const age = atMs - parseInstant(v);
    for (let i = 0; i < bands.length; i++) if (age <= bands[i].maxAgeMs) return i; // NaN never holds
    return -1;
  };
  // The band that holds now stops holding after t + its maxAgeDays; the next band (or none) follows.
  // Bands whose maxAgeDays does not exceed an earlier one's never hold and so never end anything.
  const nextChange = (v: unknown, atMs: number): number => {
    const i = grade(v, atMs);
    if (i < 0) return NaN; // older than every band: nothing changes any more
    return firstInstantAfter(parseInstant(v as string) + bands[i].maxAgeMs);
  };
  return { grade, nextChange };
}

/** Prepares a test for repeated evaluation; see {@link evaluateTest} for the semantics. */
export function compileTest(test: GradableTest): CompiledTest {
  const base = { attribute: test.attribute, operator: test.operator, read: attributeReader(test.attribute) };
  if (test.operator === 'BANDS') {
    const grade = valueBands(test);
    return { ...base, matches: (v) => grade(v) >= 0, grade };
  }
  if (test.operator === 'AGE_BANDS') {
    const { grade, nextChange } = ageBands(test);
    return { ...base, matches: (v, atMs) => grade(v, atMs) >= 0, grade, nextChange };
  }
  const nextChange = test.operator === 'WITHIN_DAYS' ? withinDaysNextChange(test) : undefined;
  return { ...base, matches: matcherFor(test), ...(nextChange ? { nextChange } : {}) };
}

/**
 * Evaluates one attribute test against an account's attributes at instant `at`.
 *
 * A missing value (undefined or null) never matches, whatever the operator, and sets
 * `missing`. A value of the wrong JS type does not match and is not missing. Strings compare
 * case-insensitively; GT/GTE/LT/LTE compare numbers, or ISO-8601 strings as instants when the
 * operand is a string; BETWEEN is inclusive; WITHIN_DAYS holds for `at - value days <= t <= at`;
 * BANDS and AGE_BANDS match when one of their bands holds.
 */
export function evaluateTest(test: GradableTest, attributes: AccountAttributes, at: Date): TestOutcome {
  const compiled = compileTest(test);
  const value = compiled.read(attributes);
  if (isMissing(value)) return { matched: false, missing: true };
  return { matched: compiled.matches(value, at.getTime()), missing: false };
}

/**
 * Prepares a membership rule: the returned predicate is true when every test matches
 * (an empty rule is true).
 */
export function compileMatchesAll(tests: AttributeTest[]): (attributes: AccountAttributes, at: Date) => boolean {
  const compiled = tests.map(compileTest);
  return (attributes, at) => {
    const atMs = at.getTime();
    for (const t of compiled) {
      const value = t.read(attributes);
      if (isMissing(value) || !t.matches(value, atMs)) return false;
    }
    return true;
  };
}

/** True when every test matches the account at `at`; an empty list is true. */
export function matchesAll(tests: AttributeTest[], attributes: AccountAttributes, at: Date): boolean {
  return compileMatchesAll(tests)(attributes, at);
}
