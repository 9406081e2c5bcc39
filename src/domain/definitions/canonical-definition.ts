/**
 * One canonical form of an ICP definition: defaults filled, absent optionals dropped, so that
 * the stored jsonb, the content hash and the diff never depend on how the client spelled it.
 */
import { createHash } from 'node:crypto';
import {
  DEFAULT_THRESHOLDS,
  type BandSpec,
  type CriterionSpec,
  type Dimension,
  type DimensionSpec,
  type DisqualifierSpec,
  type FitTier,
  type IcpDefinitionSpec,
  type JsonValue,
  type Operator,
  type TierActionSpec,
  type TierThresholdsSpec,
  type AttributeTestInput,
  type BandInputLike,
  type CriterionInputLike,
  type DisqualifierInputLike,
  type IcpDefinitionInputLike,
} from '../../model/icp-definition';

const isAbsent = (v: unknown): v is null | undefined => v === null || v === undefined;

/**
 * Copies a JSON-ish value into plain data. Numbers are kept as they are (NaN included) so the
 * validator can still see and report them; JSON.parse(JSON.stringify()) would turn NaN into null.
 */
function copyJson(value: unknown): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(copyJson);
  if (typeof value === 'object') {
    const out: { [key: string]: JsonValue } = {};
    for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = copyJson(v);
    return out;
  }
  return null;
}

/** Copies the operands of a test, keeping only those actually given. */
function normalizeTestOperands(input: AttributeTestInput): Pick<CriterionSpec, 'value' | 'values' | 'min' | 'max'> {
  const out: Pick<CriterionSpec, 'value' | 'values' | 'min' | 'max'> = {};
  if (!isAbsent(input.value)) out.value = copyJson(input.value);
  if (!isAbsent(input.values)) out.values = input.values.map(copyJson);
  if (!isAbsent(input.min)) out.min = input.min;
  if (!isAbsent(input.max)) out.max = input.max;
  return out;
}

function normalizeBand(b: BandInputLike): BandSpec {
  if (b === null || typeof b !== 'object') return b as never; // the validator names it
  const out = {} as BandSpec;
  if (!isAbsent(b.min)) out.min = b.min;
  if (!isAbsent(b.max)) out.max = b.max;
  if (!isAbsent(b.maxAgeDays)) out.maxAgeDays = b.maxAgeDays;
  out.points = b.points;
  return out;
}

/** Normalizes a list of criteria (dimension criteria or segment membership), order kept. */
export function normalizeCriteria(input: readonly CriterionInputLike[] | null | undefined): CriterionSpec[] {
  return (input ?? []).map((c) => {
    const out: CriterionSpec = {
      attribute: c.attribute,
      operator: c.operator as Operator,
      ...normalizeTestOperands(c),
      points: c.points,
    };
    if (!isAbsent(c.label)) out.label = c.label;
    // Kept only when given, so definitions without bands keep the canonical form (and hash) they had.
    if (!isAbsent(c.bands)) out.bands = Array.isArray(c.bands) ? c.bands.map(normalizeBand) : (copyJson(c.bands) as never);
    return out;
  });
}

function normalizeDisqualifiers(input: readonly DisqualifierInputLike[] | null | undefined): DisqualifierSpec[] {
  return (input ?? []).map((d) => ({
    attribute: d.attribute,
    operator: d.operator as Operator,
    ...normalizeTestOperands(d),
    reason: d.reason,
  }));
}

function normalizeThresholds(input: IcpDefinitionInputLike['thresholds']): TierThresholdsSpec {
  return {
    perfect: input?.perfect ?? DEFAULT_THRESHOLDS.perfect,
    strong: input?.strong ?? DEFAULT_THRESHOLDS.strong,
    moderate: input?.moderate ?? DEFAULT_THRESHOLDS.moderate,
  };
}

/**
 * Turns a GraphQL `IcpDefinitionInput` (or anything shaped like it, class instances included)
 * into a plain {@link IcpDefinitionSpec}: thresholds default to 80/60/40 (per field),
 * disqualifiers and actions to [], null/undefined optionals (value, values, min, max, label,
 * bands and their bounds, a dimension's key and name) are dropped, a built-in dimension's key is dropped, unknown keys are ignored and array order is kept. Does not validate.
 */
export function normalizeDefinition(input: IcpDefinitionInputLike): IcpDefinitionSpec {
  const dimensions: DimensionSpec[] = (input.dimensions ?? []).map((d) => {
    const out: DimensionSpec = { dimension: d.dimension as Dimension, weight: d.weight, criteria: normalizeCriteria(d.criteria) };
    // A built-in dimension's key is its name (dimensionKey) and is not stored: definitions from
    // before custom dimensions keep their content hash. A given key is ignored for them.
    if (d.dimension === 'CUSTOM' && !isAbsent(d.key)) out.key = d.key;
    if (!isAbsent(d.name)) out.name = d.name;
    return out;
  });
  const actions: TierActionSpec[] = (input.actions ?? []).map((a) => ({ tier: a.tier as FitTier, action: a.action }));
  return {
    dimensions,
    disqualifiers: normalizeDisqualifiers(input.disqualifiers),
    thresholds: normalizeThresholds(input.thresholds),
    actions,
  };
}

function writeCanonical(value: unknown): string | undefined {
  let v = value;
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    v = (v as { toJSON(): unknown }).toJSON();
  }
  if (Array.isArray(v)) return `[${v.map((e) => writeCanonical(e) ?? 'null').join(',')}]`;
  if (v !== null && typeof v === 'object') {
    // Built by hand: JS objects enumerate integer-like keys first, so re-creating a sorted
    // object and stringifying it would not give a truly sorted output.
    const record = v as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const text = writeCanonical(record[key]);
      if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * JSON with object keys sorted (by UTF-16 code units) at every depth and no whitespace;
 * arrays keep their order. Otherwise JSON.stringify semantics: undefined members are skipped,
 * undefined in arrays and non-finite numbers become null, a top-level undefined gives "null".
 */
export function canonicalJson(value: unknown): string {
  return writeCanonical(value) ?? 'null';
}

/**
 * Whether two values have the same {@link canonicalJson}, without writing either out: an upsert
 * compares every account's stored attributes with the merged ones, and building two strings per
 * account cost more than the rest of the comparison. Plain objects, arrays, strings, booleans and
 * finite numbers are compared in place; anything else (undefined, null, other numbers, objects
 * with toJSON) is left to canonicalJson.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b && (typeof a === 'string' || typeof a === 'boolean' || (typeof a === 'number' && Number.isFinite(a)))) return true;
  if (!isPlain(a) || !isPlain(b)) {
    const simple = (v: unknown) => typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
    if (simple(a) && simple(b)) return a === b;
    return canonicalJson(a) === canonicalJson(b);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  // Members whose value is undefined are not written, so they do not count.
  let members = 0;
  for (const key of Object.keys(x)) {
    if (x[key] === undefined) continue;
    members++;
    if (!Object.prototype.hasOwnProperty.call(y, key) || !sameJson(x[key], y[key])) return false;
  }
  for (const key of Object.keys(y)) if (y[key] !== undefined) members--;
  return members === 0;
}

/** An array, or an object JSON writes member by member (no toJSON). */
function isPlain(v: unknown): v is object {
  return v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}

/** Content hash of a definition: sha256 hex of its {@link canonicalJson}. Normalize first. */
export function definitionHash(def: IcpDefinitionSpec): string {
  return createHash('sha256').update(canonicalJson(def), 'utf8').digest('hex');
}
