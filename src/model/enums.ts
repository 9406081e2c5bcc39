import { registerEnumType } from 'type-graphql';
import { ATTRIBUTE_TYPES, DIMENSIONS, FIT_TIERS, OPERATORS } from './icp-definition';

/** type-graphql wants enum objects; ours are string unions backed by const arrays. */
export function enumObject<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
}

export const DimensionEnum = enumObject(DIMENSIONS);
export const AttributeTypeEnum = enumObject(ATTRIBUTE_TYPES);
export const OperatorEnum = enumObject(OPERATORS);
export const FitTierEnum = enumObject(FIT_TIERS);
export const VERSION_STATUSES = ['DRAFT', 'PUBLISHED', 'SUPERSEDED'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];
export const VersionStatusEnum = enumObject(VERSION_STATUSES);
export const CHANGE_KINDS = ['ADDED', 'REMOVED', 'CHANGED'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export const ChangeKindEnum = enumObject(CHANGE_KINDS);

registerEnumType(DimensionEnum, {
  name: 'Dimension',
  valuesConfig: {
    CUSTOM: {
      description:
        "A dimension of the definition's own, named by DimensionDefinition.key (seed 000: use case, commercial, technical and strategic fit).",
    },
  },
});
registerEnumType(AttributeTypeEnum, { name: 'AttributeType' });
registerEnumType(OperatorEnum, {
  name: 'Operator',
  valuesConfig: {
    BETWEEN: { description: 'min <= value <= max' },
    IN: { description: 'value is one of values' },
    CONTAINS_ANY: { description: 'a STRING_LIST attribute shares at least one element with values' },
    CONTAINS_ALL: { description: 'a STRING_LIST attribute contains every element of values' },
    WITHIN_DAYS: { description: 'a DATE attribute lies within the last `value` days of the scoring time (both ends inclusive)' },
    BANDS: {
      description:
        'A NUMBER attribute earns the points of the first band (in order) whose min/max contain its value; bounds inclusive, either may be absent. No band holds: nothing.',
    },
    AGE_BANDS: {
      description:
        "A DATE attribute earns the points of the first band (in order) whose maxAgeDays is at least the value's age at the scoring time. Older than every band: nothing. Points fall as a signal ages.",
    },
  },
});
registerEnumType(FitTierEnum, { name: 'FitTier' });
registerEnumType(VersionStatusEnum, { name: 'VersionStatus' });
registerEnumType(ChangeKindEnum, { name: 'ChangeKind' });
