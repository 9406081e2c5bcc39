/**
 * The ICP definition as stored (jsonb) and as the pure modules see it: validator, diff,
 * scoring engine. GraphQL types mirror it in `icp-definition.types.ts`.
 */
export const DIMENSIONS = ['FIRMOGRAPHICS', 'TECHNOGRAPHICS', 'BEHAVIORAL', 'BUSINESS_NEEDS', 'GROWTH'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const ATTRIBUTE_TYPES = ['NUMBER', 'STRING', 'STRING_LIST', 'BOOLEAN', 'DATE'] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

export const OPERATORS = [
  'EQ', 'NEQ', 'GT', 'GTE', 'LT', 'LTE', 'BETWEEN', 'IN', 'NOT_IN',
  'CONTAINS_ANY', 'CONTAINS_ALL', 'EXISTS', 'WITHIN_DAYS',
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

export interface CriterionSpec extends AttributeTest {
  points: number;
  label?: string;
}

export interface DisqualifierSpec extends AttributeTest {
  reason: string;
}

export interface DimensionSpec {
  dimension: Dimension;
  weight: number;
  criteria: CriterionSpec[];
}

export interface TierThresholds {
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
  thresholds: TierThresholds;
  actions: TierActionSpec[];
}

export const DEFAULT_THRESHOLDS: Readonly<TierThresholds> = Object.freeze({ perfect: 80, strong: 60, moderate: 40 });

/** What validation needs to know of the attribute catalogue. */
export interface CatalogueEntry {
  key: string;
  type: AttributeType;
  dimension?: Dimension | null;
}
export type AttributeCatalogue = ReadonlyMap<string, CatalogueEntry>;

/** Attribute values of one account, keyed by attribute key (dates as ISO-8601 strings). */
export type AccountAttributes = Readonly<Record<string, unknown>>;
