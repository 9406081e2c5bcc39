/**
 * Criterion-by-criterion diff of two ICP definitions, for the versionDiff query. Items are
 * matched by a readable key rather than by index so that reordering a list is not a change
 * and paths stay meaningful to RevOps (`dimensions.firmographics.criteria[annualRevenue BETWEEN].min`).
 * Dimensions are matched by key: a built-in one's lower-case name, a CUSTOM one's own key.
 */
import { canonicalJson } from './canonical-definition';
import {
  BUILT_IN_DIMENSIONS,
  FIT_TIERS,
  dimensionKey,
  type AttributeTest,
  type CriterionSpec,
  type DimensionSpec,
  type DisqualifierSpec,
  type IcpDefinitionSpec,
  type JsonValue,
  type TierActionSpec,
} from '../../model/icp-definition';
import type { DefinitionChange } from '../../model/version.types';

const CRITERION_FIELDS = ['value', 'values', 'min', 'max', 'bands', 'points', 'label'] as const satisfies readonly (keyof CriterionSpec)[];
const DISQUALIFIER_FIELDS = ['value', 'values', 'min', 'max', 'reason'] as const satisfies readonly (keyof DisqualifierSpec)[];
const THRESHOLD_FIELDS = ['perfect', 'strong', 'moderate'] as const;

const isPresent = (v: unknown): boolean => v !== undefined && v !== null;

/** Plain JSON copy (undefined members dropped), so callers can serialize it without surprises. */
const toJson = (v: unknown): JsonValue => JSON.parse(JSON.stringify(v) ?? 'null') as JsonValue;

/** `values` is a set for the engine, so reordering it is not a change. */
function sameValue(before: unknown, after: unknown, unordered: boolean): boolean {
  if (unordered && Array.isArray(before) && Array.isArray(after)) {
    const sorted = (a: unknown[]): string => canonicalJson(a.map((e) => canonicalJson(e)).sort());
    return sorted(before) === sorted(after);
  }
  return canonicalJson(before) === canonicalJson(after);
}

function diffField(path: string, before: unknown, after: unknown, changes: DefinitionChange[], unordered = false): void {
  const hasBefore = isPresent(before);
  const hasAfter = isPresent(after);
  if (!hasBefore && !hasAfter) return;
  if (!hasBefore) changes.push({ path, kind: 'ADDED', before: null, after: toJson(after) });
  else if (!hasAfter) changes.push({ path, kind: 'REMOVED', before: toJson(before), after: null });
  else if (!sameValue(before, after, unordered)) {
    changes.push({ path, kind: 'CHANGED', before: toJson(before), after: toJson(after) });
  }
}

/** `attribute OPERATOR`, with ` #2`, ` #3`… for repeats, so repeats match in list order. */
function keyed<T extends AttributeTest>(tests: readonly T[] | null | undefined): Map<string, T> {
  const counts = new Map<string, number>();
  const out = new Map<string, T>();
  for (const t of tests ?? []) {
    const base = `${t.attribute} ${t.operator}`;
    const n = (counts.get(base) ?? 0) + 1;
    counts.set(base, n);
    out.set(n === 1 ? base : `${base} #${n}`, t);
  }
  return out;
}

/** Changed and removed items in `before`'s order, then added ones in `after`'s order. */
function diffTests<T extends AttributeTest>(
  prefix: string,
  before: readonly T[] | null | undefined,
  after: readonly T[] | null | undefined,
  fields: readonly (keyof T & string)[],
  changes: DefinitionChange[],
): void {
  const b = keyed(before);
  const a = keyed(after);
  for (const [key, item] of b) {
    const path = `${prefix}[${key}]`;
    const other = a.get(key);
    if (!other) {
      changes.push({ path, kind: 'REMOVED', before: toJson(item), after: null });
      continue;
    }
    for (const f of fields) diffField(`${path}.${f}`, item[f], other[f], changes, f === 'values');
  }
  for (const [key, item] of a) {
    if (!b.has(key)) changes.push({ path: `${prefix}[${key}]`, kind: 'ADDED', before: null, after: toJson(item) });
  }
}

/** Known names in enum order, then any unknown ones (invalid, but the diff must not lose them) sorted. */
function orderedNames(known: readonly string[], present: Iterable<string>): string[] {
  const extra = [...new Set(present)].filter((n) => !known.includes(n)).sort();
  return [...known, ...extra];
}

const BUILT_IN_KEYS = BUILT_IN_DIMENSIONS.map((d) => d.toLowerCase());

/** Built-in keys in enum order, then custom keys as they first appear (before's order, then after's). */
function orderedKeys(present: readonly string[]): string[] {
  return [...BUILT_IN_KEYS, ...new Set(present.filter((k) => !BUILT_IN_KEYS.includes(k)))];
}

function diffDimensions(before: readonly DimensionSpec[], after: readonly DimensionSpec[], changes: DefinitionChange[]): void {
  const b = before ?? [];
  const a = after ?? [];
  for (const key of orderedKeys([...b, ...a].map(dimensionKey))) {
    const path = `dimensions.${key}`;
    const was = b.find((d) => dimensionKey(d) === key);
    const now = a.find((d) => dimensionKey(d) === key);
    if (!was && !now) continue;
    if (!now) changes.push({ path, kind: 'REMOVED', before: toJson(was), after: null });
    else if (!was) changes.push({ path, kind: 'ADDED', before: null, after: toJson(now) });
    else {
      diffField(`${path}.name`, was.name, now.name, changes);
      diffField(`${path}.weight`, was.weight, now.weight, changes);
      diffTests(`${path}.criteria`, was.criteria, now.criteria, CRITERION_FIELDS, changes);
    }
  }
}

function diffActions(before: readonly TierActionSpec[], after: readonly TierActionSpec[], changes: DefinitionChange[]): void {
  const b = before ?? [];
  const a = after ?? [];
  for (const tier of orderedNames(
    FIT_TIERS,
    [...b, ...a].map((x) => x.tier),
  )) {
    // A tier appears at most once in a valid definition; the first one wins otherwise.
    diffField(`actions.${tier}`, b.find((x) => x.tier === tier)?.action, a.find((x) => x.tier === tier)?.action, changes);
  }
}

/**
 * Lists what changed from `before` to `after`, criterion by criterion: dimensions matched by
 * key (built-in ones in DIMENSIONS order, then custom ones as they first appear), then disqualifiers, thresholds and actions (in FIT_TIERS order).
 * Criteria and disqualifiers are matched by `attribute OPERATOR` (repeats numbered `#2`, `#3`…
 * in list order); `values` compare as sets. Identical definitions give [].
 */
export function diffDefinitions(before: IcpDefinitionSpec, after: IcpDefinitionSpec): DefinitionChange[] {
  const changes: DefinitionChange[] = [];
  diffDimensions(before.dimensions, after.dimensions, changes);
  diffTests('disqualifiers', before.disqualifiers, after.disqualifiers, DISQUALIFIER_FIELDS, changes);
  for (const f of THRESHOLD_FIELDS) diffField(`thresholds.${f}`, before.thresholds?.[f], after.thresholds?.[f], changes);
  diffActions(before.actions, after.actions, changes);
  return changes;
}
