/**
 * Validation of whole ICP definitions against the attribute catalogue: dimensions and their
 * weights, criteria (criteria-validator.ts), disqualifiers, thresholds and actions. Every issue
 * is collected (never fail-fast) so that an editor can show them all at once, each at its own path.
 */
import type { InputIssue } from '../../errors/domain-errors';
import {
  checkCriteriaList,
  checkDuplicateTests,
  DEFINITION_LIMITS,
  formatNumber,
  isBlank,
  isFiniteNumber,
  isList,
  isPresent,
  show,
  validateAttributeTest,
} from './criteria-validator';
import {
  BUILT_IN_DIMENSIONS,
  DIMENSIONS,
  FIT_TIERS,
  dimensionKey,
  isGraded,
  type AttributeCatalogue,
  type DimensionSpec,
  type DisqualifierSpec,
  type IcpDefinitionSpec,
  type TierActionSpec,
  type TierThresholdsSpec,
} from '../../model/icp-definition';

const DIMENSION_KEY = /^[a-z0-9-]{1,40}$/;
const MAX_DIMENSION_NAME = 80;
const BUILT_IN_KEYS: readonly string[] = BUILT_IN_DIMENSIONS.map((d) => d.toLowerCase());

const MAX_ACTION_LENGTH = 64;
const WEIGHT_SUM_TOLERANCE = 1e-9;

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

function checkThresholds(t: TierThresholdsSpec, path: string, issues: InputIssue[]): void {
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
