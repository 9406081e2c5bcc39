/**
 * Validation of ICP definitions against the attribute catalogue. Every issue is collected
 * (never fail-fast) so that an editor can show them all at once, each at its own path.
 */
import { isIsoDate } from '../../common/dates';
import type { InputIssue } from '../../errors/domain-errors';
import { canonicalJson } from './canonical-definition';
import {
  BUILT_IN_DIMENSIONS,
  DIMENSIONS,
  FIT_TIERS,
  dimensionKey,
  isGraded,
  type AttributeCatalogue,
  type AttributeTest,
  type AttributeType,
  type BandSpec,
  type CriterionSpec,
  type DimensionSpec,
  type DisqualifierSpec,
  type IcpDefinitionSpec,
  type Operator,
  type TierActionSpec,
  type TierThresholds,
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

const DIMENSION_KEY = /^[a-z0-9-]{1,40}$/;
const MAX_DIMENSION_NAME = 80;
const BUILT_IN_KEYS: readonly string[] = BUILT_IN_DIMENSIONS.map((d) => d.toLowerCase());

const MAX_ACTION_LENGTH = 64;
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
const WEIGHT_SUM_TOLERANCE = 1e-9;

const isPresent = (v: unknown): boolean => v !== undefined && v !== null;
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isBlank = (v: unknown): boolean => typeof v !== 'string' || v.trim() === '';

/** Renders a given value for a message; numbers by hand since JSON would print NaN as null. */
function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'number') return String(v);
  const text = canonicalJson(v);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Sums can pick up float noise (33.3 + 33.3 + 33.4); print what a person would expect. */
const formatNumber = (n: number): string => String(Number(n.toPrecision(12)));

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

function checkDuplicateTests(tests: readonly AttributeTest[], path: string, issues: InputIssue[]): void {
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
function isList(v: unknown, path: string, issues: InputIssue[], required: boolean): v is readonly unknown[] {
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

function checkCriteriaList(
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

function checkDimensions(dims: readonly DimensionSpec[], catalogue: AttributeCatalogue, path: string, issues: InputIssue[]): void {
  if (!Array.isArray(dims) || dims.length === 0) {
    issues.push({ path, message: 'at least one dimension is required' });
    return;
  }
  const seen = new Map<string, number>();
  let sum = 0;
  let sumKnown = true;
  dims.forEach((d, i) => {
    const at = `${path}[${i}]`;
    if (!DIMENSIONS.includes(d.dimension)) {
      issues.push({ path: `${at}.dimension`, message: `unknown dimension ${show(d.dimension)}` });
    } else if (d.dimension === 'CUSTOM') {
      checkCustomDimension(d, i, at, seen, issues);
    } else {
      if (seen.has(dimensionKey(d))) issues.push({ path: `${at}.dimension`, message: `dimension ${d.dimension} appears twice` });
      else seen.set(dimensionKey(d), i);
      if (isPresent(d.name)) checkDimensionName(d.name, at, issues);
    }
    if (!isFiniteNumber(d.weight) || d.weight <= 0 || d.weight > 100) {
      issues.push({ path: `${at}.weight`, message: `must be above 0 and at most 100 (got ${show(d.weight)})` });
    }
    if (isFiniteNumber(d.weight)) sum += d.weight;
    else sumKnown = false; // a NaN sum would only repeat the weight issue
    if (Array.isArray(d.criteria) && d.criteria.length === 0) {
      issues.push({ path: `${at}.criteria`, message: 'a dimension needs at least one criterion' });
    }
    checkCriteriaList(d.criteria, catalogue, `${at}.criteria`, issues, true);
  });
  if (sumKnown && Math.abs(sum - 100) > WEIGHT_SUM_TOLERANCE) {
    issues.push({ path, message: `weights must sum to 100 (got ${formatNumber(sum)})` });
  }
}

function checkDimensionName(name: unknown, at: string, issues: InputIssue[]): void {
  if (isBlank(name)) issues.push({ path: `${at}.name`, message: `must not be blank (got ${show(name)})` });
  else if ((name as string).length > MAX_DIMENSION_NAME) {
    issues.push({ path: `${at}.name`, message: `must be at most ${MAX_DIMENSION_NAME} characters (got ${(name as string).length})` });
  }
}

/** A CUSTOM dimension names itself: a key unique in the definition (diff paths use it) and a display name. */
function checkCustomDimension(d: DimensionSpec, i: number, at: string, seen: Map<string, number>, issues: InputIssue[]): void {
  const key: unknown = d.key;
  if (!isPresent(key)) issues.push({ path: `${at}.key`, message: 'required for a CUSTOM dimension' });
  else if (typeof key !== 'string' || !DIMENSION_KEY.test(key)) {
    issues.push({ path: `${at}.key`, message: `must be 1-40 characters of a-z, 0-9 and - (got ${show(key)})` });
  } else if (BUILT_IN_KEYS.includes(key)) {
    issues.push({
      path: `${at}.key`,
      message: `"${key}" is the key of the built-in dimension ${key.toUpperCase()}; use that dimension or another key`,
    });
  } else if (seen.has(key)) {
    issues.push({
      path: `${at}.key`,
      message: `"${key}" is also the key of dimensions[${seen.get(key)}]; keys are unique within a definition`,
    });
  } else {
    seen.set(key, i);
  }
  if (!isPresent(d.name)) issues.push({ path: `${at}.name`, message: 'required for a CUSTOM dimension' });
  else checkDimensionName(d.name, at, issues);
}

function checkDisqualifiers(list: readonly DisqualifierSpec[], catalogue: AttributeCatalogue, path: string, issues: InputIssue[]): void {
  if (!isList(list, path, issues, false)) return;
  if (list.length > DEFINITION_LIMITS.disqualifiers) {
    issues.push({ path, message: `must hold at most ${DEFINITION_LIMITS.disqualifiers} disqualifiers (got ${list.length})` });
    return;
  }
  list.forEach((d, i) => {
    const at = `${path}[${i}]`;
    validateAttributeTest(d, catalogue, at, issues);
    if (isGraded(d.operator)) {
      issues.push({
        path: `${at}.operator`,
        message: `${d.operator} grades a scored criterion; a disqualifier must hold or not (use GTE, BETWEEN, WITHIN_DAYS…)`,
      });
    }
    if (isBlank(d.reason)) issues.push({ path: `${at}.reason`, message: `must not be blank (got ${show(d.reason)})` });
  });
  checkDuplicateTests(list, path, issues);
}

function checkThresholds(t: TierThresholds, path: string, issues: InputIssue[]): void {
  if (t === null || typeof t !== 'object') {
    issues.push({ path, message: 'perfect, strong and moderate are required' });
    return;
  }
  let inRange = true;
  for (const name of ['perfect', 'strong', 'moderate'] as const) {
    const v = t[name];
    if (!isFiniteNumber(v) || v < 0 || v > 100) {
      issues.push({ path: `${path}.${name}`, message: `must be a number from 0 to 100 (got ${show(v)})` });
      inRange = false;
    }
  }
  const { perfect, strong, moderate } = t;
  if (!inRange || (perfect > strong && strong > moderate)) return;
  // Blame strong (it sits between the two) unless only moderate is out of order.
  if (strong < perfect && moderate < perfect) {
    issues.push({ path: `${path}.moderate`, message: `must be below strong (${strong}) (got ${moderate})` });
  } else {
    issues.push({ path: `${path}.strong`, message: `must be below perfect (${perfect}) and above moderate (${moderate}) (got ${strong})` });
  }
}

function checkActions(actions: readonly TierActionSpec[], path: string, issues: InputIssue[]): void {
  if (!isList(actions, path, issues, false)) return;
  const seen = new Set<string>();
  actions.forEach((a, i) => {
    const at = `${path}[${i}]`;
    if (!FIT_TIERS.includes(a.tier)) issues.push({ path: `${at}.tier`, message: `unknown tier ${show(a.tier)}` });
    else if (seen.has(a.tier)) issues.push({ path: `${at}.tier`, message: `tier ${a.tier} appears twice` });
    seen.add(a.tier);
    if (isBlank(a.action)) issues.push({ path: `${at}.action`, message: `must not be blank (got ${show(a.action)})` });
    else if (a.action.length > MAX_ACTION_LENGTH) {
      issues.push({ path: `${at}.action`, message: `must be at most ${MAX_ACTION_LENGTH} characters (got ${a.action.length})` });
    }
  });
}

/**
 * Validates a (normalized) definition against the attribute catalogue and returns every
 * issue found, each at an index-based dotted path under `path`; [] means valid.
 * Pair with `assertNoIssues` to reject.
 */
export function validateDefinition(def: IcpDefinitionSpec, catalogue: AttributeCatalogue, path = 'definition'): InputIssue[] {
  const issues: InputIssue[] = [];
  checkDimensions(def.dimensions, catalogue, `${path}.dimensions`, issues);
  checkDisqualifiers(def.disqualifiers, catalogue, `${path}.disqualifiers`, issues);
  checkThresholds(def.thresholds, `${path}.thresholds`, issues);
  checkActions(def.actions, `${path}.actions`, issues);
  return issues;
}
