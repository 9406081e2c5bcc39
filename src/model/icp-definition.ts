/**
 * The ICP definition as stored (jsonb) and as the pure modules see it: validator, diff,
 * scoring engine. GraphQL types mirror it in `icp-definition.types.ts`.
 */
/** The built-in dimensions (seed 001's five), then CUSTOM: a dimension of the definition's own, named by its key. */
export const DIMENSIONS = ['FIRMOGRAPHICS', 'TECHNOGRAPHICS', 'BEHAVIORAL', 'BUSINESS_NEEDS', 'GROWTH', 'CUSTOM'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const BUILT_IN_DIMENSIONS = DIMENSIONS.filter((d) => d !== 'CUSTOM');

export const ATTRIBUTE_TYPES = ['NUMBER', 'STRING', 'STRING_LIST', 'BOOLEAN', 'DATE'] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

export const OPERATORS = [
  'EQ',
  'NEQ',
  'GT',
  'GTE',
  'LT',
  'LTE',
  'BETWEEN',
  'IN',
  'NOT_IN',
  'CONTAINS_ANY',
  'CONTAINS_ALL',
  'EXISTS',
  'WITHIN_DAYS',
  'BANDS',
  'AGE_BANDS',
] as const;
export type Operator = (typeof OPERATORS)[number];

/** Best first. DISQUALIFIED is decided by disqualifiers, never by points. */
export const FIT_TIERS = ['PERFECT', 'STRONG', 'MODERATE', 'WEAK', 'DISQUALIFIED'] as const;
export type FitTier = (typeof FIT_TIERS)[number];

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };

/** The operands of a test on one attribute; which ones are present depends on the operator. */
export interface AttributeTest {
  attribute: string;
  operator: Operator;
  value?: JsonValue;
  values?: JsonValue[];
  min?: number;
  max?: number;
}

/** Graded operators: a criterion earns the points of the first band that holds, not all or nothing. */
export const isGraded = (op: Operator): boolean => op === 'BANDS' || op === 'AGE_BANDS';

/** One step of a graded criterion: BANDS use min/max (inclusive, either may be absent), AGE_BANDS maxAgeDays. */
export interface BandSpec {
  min?: number;
  max?: number;
  maxAgeDays?: number;
  points: number;
}

export interface CriterionSpec extends AttributeTest {
  /** For BANDS and AGE_BANDS: the highest band's points. */
  points: number;
  label?: string;
  /** BANDS and AGE_BANDS only. */
  bands?: BandSpec[];
}

export interface DisqualifierSpec extends AttributeTest {
  reason: string;
}

export interface DimensionSpec {
  dimension: Dimension;
  /**
   * CUSTOM only: 1-40 characters of a-z, 0-9 and -. Built-in dimensions store no key (their
   * key is their lower-case name, see dimensionKey), so the content hashes of definitions
   * written before custom dimensions existed do not change.
   */
  key?: string;
  /** Display name; required for CUSTOM. */
  name?: string;
  weight: number;
  criteria: CriterionSpec[];
}

/** A dimension's key, unique within a definition: a CUSTOM dimension's own, else the built-in's name in lower case. */
export function dimensionKey(d: Pick<DimensionSpec, 'dimension' | 'key'>): string {
  return d.dimension === 'CUSTOM' ? (d.key ?? '') : String(d.dimension).toLowerCase();
}

export interface TierThresholdsSpec {
  perfect: number;
  strong: number;
  moderate: number;
}

export interface TierActionSpec {
  tier: FitTier;
  action: string;
}

export interface IcpDefinitionSpec {
  dimensions: DimensionSpec[];
  disqualifiers: DisqualifierSpec[];
  thresholds: TierThresholdsSpec;
  actions: TierActionSpec[];
}

export const DEFAULT_THRESHOLDS: Readonly<TierThresholdsSpec> = Object.freeze({ perfect: 80, strong: 60, moderate: 40 });

/** What validation needs to know of the attribute catalogue. */
export interface CatalogueEntry {
  key: string;
  type: AttributeType;
  dimension?: Dimension | null;
}
export type AttributeCatalogue = ReadonlyMap<string, CatalogueEntry>;

/** Attribute values of one account, keyed by attribute key (dates as ISO-8601 strings). */
export type AccountAttributes = Readonly<Record<string, unknown>>;

/*
 * Input shapes as GraphQL hands them over: optional fields may be null, enum fields may be
 * typed as plain strings (or TS enums) by the GraphQL layer. Unknown enum values pass through
 * unchanged; rejecting them is validateDefinition's job, which names the path.
 */

/** One attribute test as received (criterion, disqualifier or segment membership). */
export interface AttributeTestInput {
  attribute: string;
  operator: string;
  value?: unknown;
  values?: readonly unknown[] | null;
  min?: number | null;
  max?: number | null;
}

export interface BandInputLike {
  min?: number | null;
  max?: number | null;
  maxAgeDays?: number | null;
  points: number;
}

export interface CriterionInputLike extends AttributeTestInput {
  points: number;
  label?: string | null;
  bands?: readonly BandInputLike[] | null;
}

export interface DisqualifierInputLike extends AttributeTestInput {
  reason: string;
}

export interface DimensionInputLike {
  dimension: string;
  key?: string | null;
  name?: string | null;
  weight: number;
  criteria: readonly CriterionInputLike[];
}

export interface IcpDefinitionInputLike {
  dimensions: readonly DimensionInputLike[];
  disqualifiers?: readonly DisqualifierInputLike[] | null;
  thresholds?: { perfect?: number | null; strong?: number | null; moderate?: number | null } | null;
  actions?: readonly { tier: string; action: string }[] | null;
}
