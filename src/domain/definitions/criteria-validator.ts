/**
 * Validation of attribute tests against the attribute catalogue: the operator's operands and
 * their types, bands, labels, duplicates. A definition's criteria and disqualifiers and a
 * segment's membership are all lists of such tests. Every issue is collected (never
 * fail-fast) so that an editor can show them all at once, each at its own path.
 */
import { isIsoDate } from '../../common/dates';
import type { InputIssue } from '../../errors/domain-errors';
import { canonicalJson } from './canonical-definition';
import {
  isGraded,
  type AttributeCatalogue,
  type AttributeTest,
  type AttributeType,
  type BandSpec,
  type CriterionSpec,
  type Operator,
} from '../../model/icp-definition';

type Operand = 'value' | 'values' | 'min' | 'max';
const OPERANDS: readonly Operand[] = ['value', 'values', 'min', 'max'];

interface OperatorRule {
  types: readonly AttributeType[];
  operands: readonly Operand[];
}

const RULES: Readonly<Record<Operator, OperatorRule>> = {
  EQ: { types: ['NUMBER', 'STRING', 'BOOLEAN'], operands: ['value'] },
  NEQ: { types: ['NUMBER', 'STRING', 'BOOLEAN'], operands: ['value'] },
  GT: { types: ['NUMBER', 'DATE'], operands: ['value'] },
  GTE: { types: ['NUMBER', 'DATE'], operands: ['value'] },
  LT: { types: ['NUMBER', 'DATE'], operands: ['value'] },
  LTE: { types: ['NUMBER', 'DATE'], operands: ['value'] },
  BETWEEN: { types: ['NUMBER'], operands: ['min', 'max'] },
  IN: { types: ['NUMBER', 'STRING'], operands: ['values'] },
  NOT_IN: { types: ['NUMBER', 'STRING'], operands: ['values'] },
  CONTAINS_ANY: { types: ['STRING_LIST'], operands: ['values'] },
  CONTAINS_ALL: { types: ['STRING_LIST'], operands: ['values'] },
  EXISTS: { types: ['NUMBER', 'STRING', 'STRING_LIST', 'BOOLEAN', 'DATE'], operands: [] },
  WITHIN_DAYS: { types: ['DATE'], operands: ['value'] },
  // Graded: their operands are the criterion's bands, checked by checkBands.
  BANDS: { types: ['NUMBER'], operands: [] },
  AGE_BANDS: { types: ['DATE'], operands: [] },
};

/**
 * Bounds that keep every score finite: weight (at most 100) x points summed over at most
 * MAX_CRITERIA criteria stays far below the largest double, so no score is NaN or Infinity.
 */
export const DEFINITION_LIMITS = {
  points: 1_000_000,
  criteriaPerDimension: 100,
  disqualifiers: 100,
  valuesPerTest: 1_000,
  withinDays: 36_500,
  /** Bands of one BANDS or AGE_BANDS criterion (each is one letter of the stored outcome code). */
  bands: 20,
} as const;

export const isPresent = (v: unknown): boolean => v !== undefined && v !== null;
export const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isBlank = (v: unknown): boolean => typeof v !== 'string' || v.trim() === '';

/** Renders a given value for a message; numbers by hand since JSON would print NaN as null. */
export function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'number') return String(v);
  const text = canonicalJson(v);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Sums can pick up float noise (33.3 + 33.3 + 33.4); print what a person would expect. */
export const formatNumber = (n: number): string => String(Number(n.toPrecision(12)));

const TYPE_CHECKS: Readonly<Record<AttributeType, { test: (v: unknown) => boolean; noun: string }>> = {
  NUMBER: { test: isFiniteNumber, noun: 'a finite number' },
  STRING: { test: (v) => typeof v === 'string', noun: 'a string' },
  BOOLEAN: { test: (v) => typeof v === 'boolean', noun: 'a boolean' },
  DATE: { test: isIsoDate, noun: 'an ISO-8601 date (YYYY-MM-DD) or date-time' },
  STRING_LIST: { test: (v) => Array.isArray(v) && v.every((e) => typeof e === 'string'), noun: 'a list of strings' },
};

type Add = (field: string, message: string) => void;

/**
 * Checks `v` is of one of `types`. When the attribute's type is unknown (unknown attribute, or
 * an operator that does not fit it) every type the operator allows is accepted, so that one
 * mistake does not cascade into several issues.
 */
function checkTyped(v: unknown, types: readonly AttributeType[], attribute: string | undefined, field: string, add: Add): void {
  if (types.some((t) => TYPE_CHECKS[t].test(v))) return;
  const expected = types.map((t) => TYPE_CHECKS[t].noun).join(' or ');
  const target = attribute && types.length === 1 ? ` for ${types[0]} attribute "${attribute}"` : '';
  add(field, `must be ${expected}${target} (got ${show(v)})`);
}

function checkValues(values: unknown, element: (v: unknown, field: string) => void, add: Add): void {
  if (!Array.isArray(values)) return add('values', `must be a list (got ${show(values)})`);
  if (values.length === 0) return add('values', 'must not be empty');
  if (values.length > DEFINITION_LIMITS.valuesPerTest) {
    return add('values', `must hold at most ${DEFINITION_LIMITS.valuesPerTest} values (got ${values.length})`);
  }
  const seen = new Map<string, number>();
  values.forEach((v, i) => {
    element(v, `values[${i}]`);
    const key = canonicalJson(v);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else add(`values[${i}]`, `duplicate of values[${first}] (${show(v)})`);
  });
}

/** Operand types and values, once presence has been checked; EXISTS has none. */
function checkOperands(test: AttributeTest, type: AttributeType | undefined, attribute: string | undefined, add: Add): void {
  const { operator: op, value, values, min, max } = test;
  const allowed = type ? [type] : RULES[op].types;
  if (op === 'WITHIN_DAYS') {
    if (isPresent(value) && !(isFiniteNumber(value) && value > 0 && value <= DEFINITION_LIMITS.withinDays)) {
      add('value', `must be a number of days above 0 and at most ${DEFINITION_LIMITS.withinDays} (got ${show(value)})`);
    }
  } else if (op === 'BETWEEN') {
    if (isPresent(min) && !isFiniteNumber(min)) add('min', `must be a finite number (got ${show(min)})`);
    if (isPresent(max) && !isFiniteNumber(max)) add('max', `must be a finite number (got ${show(max)})`);
    if (isFiniteNumber(min) && isFiniteNumber(max) && min > max) add('min', `must not exceed max (got min ${min}, max ${max})`);
  } else if (op === 'CONTAINS_ANY' || op === 'CONTAINS_ALL') {
    if (isPresent(values)) {
      checkValues(
        values,
        (v, f) => {
          if (isBlank(v)) add(f, `must be a non-empty string (got ${show(v)})`);
        },
        add,
      );
    }
  } else if (op === 'IN' || op === 'NOT_IN') {
    if (isPresent(values)) checkValues(values, (v, f) => checkTyped(v, allowed, attribute, f, add), add);
  } else if (op !== 'EXISTS' && isPresent(value)) {
    checkTyped(value, allowed, attribute, 'value', add); // EQ, NEQ, GT, GTE, LT, LTE
  }
}

/**
 * Checks one attribute test (a criterion, a disqualifier or a segment membership criterion):
 * known attribute, operator fitting its type, required operands present and well-typed, no
 * operand the operator does not use. Pushes issues at `${path}.<field>`.
 */
export function validateAttributeTest(test: AttributeTest, catalogue: AttributeCatalogue, path: string, issues: InputIssue[]): void {
  const add: Add = (field, message) => issues.push({ path: `${path}.${field}`, message });
  let attribute: string | undefined;
  let type: AttributeType | undefined;
  if (isBlank(test.attribute)) {
    add('attribute', `must not be blank (got ${show(test.attribute)})`);
  } else {
    attribute = test.attribute;
    const entry = catalogue.get(attribute);
    if (entry) type = entry.type;
    else add('attribute', `unknown attribute ${show(attribute)}`);
  }
  if (typeof test.operator !== 'string' || !Object.hasOwn(RULES, test.operator)) {
    add('operator', `unknown operator ${show(test.operator)}`);
    return;
  }
  const rule = RULES[test.operator];
  if (type && !rule.types.includes(type)) {
    add('operator', `operator ${test.operator} does not apply to ${type} attribute "${attribute}"`);
    type = undefined;
  }
  for (const operand of OPERANDS) {
    const given = test[operand];
    if (rule.operands.includes(operand)) {
      if (!isPresent(given)) add(operand, `required by operator ${test.operator}`);
    } else if (isPresent(given)) {
      add(operand, `not used by operator ${test.operator} (got ${show(given)})`);
    }
  }
  checkOperands(test, type, type ? attribute : undefined, add);
}

/** Identity of a test for duplicate detection: `values` compare as a set, null as absent. */
function testKey(t: AttributeTest): string {
  const values = Array.isArray(t.values) ? [...new Set(t.values.map((v) => canonicalJson(v)))].sort() : undefined;
  const bands = (t as CriterionSpec).bands ?? undefined;
  return canonicalJson({
    attribute: t.attribute,
    operator: t.operator,
    value: t.value ?? undefined,
    values,
    min: t.min ?? undefined,
    max: t.max ?? undefined,
    bands,
  });
}

export function checkDuplicateTests(tests: readonly AttributeTest[], path: string, issues: InputIssue[]): void {
  const name = path.slice(path.lastIndexOf('.') + 1);
  const seen = new Map<string, number>();
  tests.forEach((t, i) => {
    const key = testKey(t);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else issues.push({ path: `${path}[${i}]`, message: `duplicate of ${name}[${first}]: same attribute, operator and operands` });
  });
}

/** Lists are optional where GraphQL defaults them; anything else than a list is an issue. */
export function isList(v: unknown, path: string, issues: InputIssue[], required: boolean): v is readonly unknown[] {
  if (Array.isArray(v)) return true;
  if (required || isPresent(v)) issues.push({ path, message: `must be a list (got ${show(v)})` });
  return false;
}

/**
 * The bands of a BANDS or AGE_BANDS criterion: at most DEFINITION_LIMITS.bands, points >= 0, BANDS with
 * min <= max (either may be absent), AGE_BANDS with maxAgeDays above 0 and strictly
 * increasing; the criterion's points equal the highest band's points.
 */
function checkBands(c: CriterionSpec, at: string, issues: InputIssue[]): void {
  const add = (field: string, message: string): void => {
    issues.push({ path: `${at}.${field}`, message });
  };
  const bands: unknown = c.bands;
  if (!isPresent(bands)) return add('bands', `required by operator ${c.operator}`);
  if (!Array.isArray(bands)) return add('bands', `must be a list (got ${show(bands)})`);
  if (bands.length === 0) return add('bands', 'must not be empty');
  if (bands.length > DEFINITION_LIMITS.bands) add('bands', `must hold at most ${DEFINITION_LIMITS.bands} bands (got ${bands.length})`);
  const ageBands = c.operator === 'AGE_BANDS';
  let highest = -Infinity;
  let previousAge: number | null = null;
  (bands as BandSpec[]).forEach((b, i) => {
    const bandAt = `bands[${i}]`;
    if (b === null || typeof b !== 'object') return add(bandAt, `must be a band (got ${show(b)})`);
    if (!(isFiniteNumber(b.points) && b.points >= 0))
      add(`${bandAt}.points`, `must be a finite number of at least 0 (got ${show(b.points)})`);
    else highest = Math.max(highest, b.points);
    const unused: Array<'min' | 'max' | 'maxAgeDays'> = ageBands ? ['min', 'max'] : ['maxAgeDays'];
    for (const f of unused) if (isPresent(b[f])) add(`${bandAt}.${f}`, `not used by operator ${c.operator} (got ${show(b[f])})`);
    if (ageBands) {
      const age = b.maxAgeDays;
      if (!isPresent(age)) add(`${bandAt}.maxAgeDays`, 'required by operator AGE_BANDS');
      else if (!(isFiniteNumber(age) && age > 0 && age <= DEFINITION_LIMITS.withinDays)) {
        add(`${bandAt}.maxAgeDays`, `must be a number of days above 0 and at most ${DEFINITION_LIMITS.withinDays} (got ${show(age)})`);
      } else {
        if (previousAge !== null && age <= previousAge) {
          add(
            `${bandAt}.maxAgeDays`,
            `must be above bands[${i - 1}].maxAgeDays (${previousAge}): bands are ordered by strictly increasing age (got ${age})`,
          );
        }
        previousAge = age;
      }
    } else {
      if (isPresent(b.min) && !isFiniteNumber(b.min)) add(`${bandAt}.min`, `must be a finite number (got ${show(b.min)})`);
      if (isPresent(b.max) && !isFiniteNumber(b.max)) add(`${bandAt}.max`, `must be a finite number (got ${show(b.max)})`);
      if (isFiniteNumber(b.min) && isFiniteNumber(b.max) && b.min > b.max)
        add(`${bandAt}.min`, `must not exceed max (got min ${b.min}, max ${b.max})`);
    }
  });
  if (highest > -Infinity && isFiniteNumber(c.points) && c.points > 0 && c.points !== highest) {
    add('points', `must equal the highest band's points (${formatNumber(highest)}) (got ${formatNumber(c.points)})`);
  }
}

export function checkCriteriaList(
  criteria: readonly CriterionSpec[],
  catalogue: AttributeCatalogue,
  path: string,
  issues: InputIssue[],
  scored: boolean,
): void {
  if (!isList(criteria, path, issues, true)) return;
  if (criteria.length > DEFINITION_LIMITS.criteriaPerDimension) {
    issues.push({ path, message: `must hold at most ${DEFINITION_LIMITS.criteriaPerDimension} criteria (got ${criteria.length})` });
    return;
  }
  criteria.forEach((c, i) => {
    const at = `${path}[${i}]`;
    validateAttributeTest(c, catalogue, at, issues);
    if (scored && !(isFiniteNumber(c.points) && c.points > 0 && c.points <= DEFINITION_LIMITS.points)) {
      issues.push({ path: `${at}.points`, message: `must be above 0 and at most ${DEFINITION_LIMITS.points} (got ${show(c.points)})` });
    }
    if (isGraded(c.operator)) {
      if (scored) checkBands(c, at, issues);
      else
        issues.push({
          path: `${at}.operator`,
          message: `${c.operator} grades a scored criterion; a membership rule must hold or not (use GTE, BETWEEN, WITHIN_DAYS…)`,
        });
    } else if (isPresent(c.bands)) {
      issues.push({ path: `${at}.bands`, message: `used only by operators BANDS and AGE_BANDS, not ${c.operator}` });
    }
    if (isPresent(c.label) && isBlank(c.label)) {
      issues.push({ path: `${at}.label`, message: `must not be blank when given (got ${show(c.label)})` });
    }
  });
  checkDuplicateTests(criteria, path, issues);
}

/**
 * Validates segment membership criteria: the same test rules as definition criteria, labels
 * and duplicates included, but `points` is not checked (membership is not scored) and an
 * empty list is allowed. Paths are `${path}[i].<field>`.
 */
export function validateCriteria(criteria: readonly CriterionSpec[], catalogue: AttributeCatalogue, path: string): InputIssue[] {
  const issues: InputIssue[] = [];
  checkCriteriaList(criteria, catalogue, path, issues, false);
  return issues;
}
