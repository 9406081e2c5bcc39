/**
 * A criterion's test and the account's value in words, for screens that show the "why" as it
 * comes: `employees 524: needs at least 1,000`. Pure: no I/O, the same words for the same input.
 */
import type { AttributeTest, JsonValue } from '../../model/icp-definition';

const number = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** A value as a person reads it: 1,000 for numbers, lists joined by commas. */
export function inWords(value: unknown): string {
  if (typeof value === 'number') return number(value);
  if (Array.isArray(value)) return value.length ? value.map(inWords).join(', ') : '(none)';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** A graded criterion's steps (BANDS, AGE_BANDS), read without depending on the engine's types. */
type Band = { min?: number; max?: number; maxAgeDays?: number; points: number };

function bandInWords(b: Band): string {
  const points = `${inWords(b.points)} pts`;
  if (b.maxAgeDays !== undefined) return `at most ${inWords(b.maxAgeDays)} days old: ${points}`;
  if (b.min !== undefined && b.max !== undefined) return `${inWords(b.min)} to ${inWords(b.max)}: ${points}`;
  if (b.min !== undefined) return `at least ${inWords(b.min)}: ${points}`;
  if (b.max !== undefined) return `at most ${inWords(b.max)}: ${points}`;
  return `any value: ${points}`;
}

/** What the test asks for, to read after "needs": "at least 1,000", "one of saas, fintech". */
export function requirementOf(test: AttributeTest): string {
  const bands = (test as AttributeTest & { bands?: Band[] }).bands;
  if (bands?.length) return `a band (${bands.map(bandInWords).join('; ')})`;
  const v = test.value as JsonValue | undefined;
  const list = test.values ?? [];
  switch (test.operator) {
    case 'EQ':
      return `exactly ${inWords(v)}`;
    case 'NEQ':
      return `anything but ${inWords(v)}`;
    case 'GT':
      return `more than ${inWords(v)}`;
    case 'GTE':
      return `at least ${inWords(v)}`;
    case 'LT':
      return `less than ${inWords(v)}`;
    case 'LTE':
      return `at most ${inWords(v)}`;
    case 'BETWEEN':
      return `between ${inWords(test.min)} and ${inWords(test.max)}`;
    case 'IN':
      return `one of ${inWords(list)}`;
    case 'NOT_IN':
      return `none of ${inWords(list)}`;
    case 'CONTAINS_ANY':
      return `any of ${inWords(list)}`;
    case 'CONTAINS_ALL':
      return `all of ${inWords(list)}`;
    case 'EXISTS':
      return 'a value';
    case 'WITHIN_DAYS':
      return `a date within the last ${inWords(v)} days`;
    default:
      return `${String(test.operator).toLowerCase()} ${inWords(v)}`;
  }
}

/**
 * The test and the value in words. `value` is undefined when the value behind a score is not
 * known (history keeps outcomes, not values): the sentence then says only what the test asks.
 */
export function explainCriterion(
  test: AttributeTest,
  outcome: { matched: boolean; missing: boolean; earned?: number; points?: number },
  value: unknown,
): string {
  const requirement = requirementOf(test);
  if (outcome.missing) return `${test.attribute} has no value: needs ${requirement}`;
  const subject = value === undefined ? test.attribute : `${test.attribute} ${inWords(value)}`;
  const graded = Boolean((test as AttributeTest & { bands?: Band[] }).bands?.length);
  if (graded && outcome.matched && outcome.earned !== undefined && outcome.points !== undefined) {
    return `${subject}: ${inWords(outcome.earned)} of ${inWords(outcome.points)} points by ${requirement}`;
  }
  return outcome.matched ? `${subject}: ${requirement}, met` : `${subject}: needs ${requirement}`;
}
