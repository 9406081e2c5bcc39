/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Dimension =
  | 'FIRMOGRAPHICS'
  | 'TECHNOGRAPHICS'
  | 'BEHAVIORAL'
  | 'BUSINESS_NEEDS'
  | 'GROWTH'
  /** A dimension of the definition's own, named by DimensionDefinition.key (seed 000: use case, commercial, technical and strategic fit). */
  | 'CUSTOM';

export type FitTier =
  | 'PERFECT'
  | 'STRONG'
  | 'MODERATE'
  | 'WEAK'
  | 'DISQUALIFIED';

export type Role =
  /** Reads segments, versions, accounts and fits, overridden ones included (front-end teams); never who did something nor why (key names, justifications). */
  | 'VIEWER'
  /** VIEWER, plus segments, attributes, drafts and publishing. */
  | 'REVOPS'
  /** VIEWER, plus overriding and revoking fits. */
  | 'SALES_MANAGER'
  /** Reads everything, including overrides and the audit trail; writes nothing. */
  | 'AUDITOR'
  /** Everything, including API keys. */
  | 'ADMIN';

export type OverrideCategory =
  | 'STRATEGIC_ACCOUNT'
  | 'DATA_QUALITY'
  | 'PARTNER_REFERRAL'
  | 'EXISTING_RELATIONSHIP'
  | 'OTHER';

export type OverrideStatus =
  | 'ACTIVE'
  | 'EXPIRED'
  | 'REVOKED';

export type OverrideFitInput = {
  accountId: string | number;
  segmentKey: string;
  tier: FitTier;
  /** Optional explicit score; must lie inside the tier's band of the live version. Without it, the effective score is the computed score moved into that band: to its lower bound from below, to just under its upper bound (minus 0.01) from above; 0 for DISQUALIFIED. */
  score?: number | null | undefined;
  /** At least 30 characters of real explanation; boilerplate (repeated characters, placeholders such as 'n/a', 'test', 'asdf') is BAD_USER_INPUT. */
  justification: string;
  category: OverrideCategory;
  /** Must be in the future. */
  expiresAt?: string | null | undefined;
};

export type WhoAmIQueryVariables = Exact<{ [key: string]: never; }>;


export type WhoAmIQuery = { me: { name: string, role: Role, permissions: Array<string> } };

export type TopFitsQueryVariables = Exact<{
  segmentKey: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type TopFitsQuery = { fits: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, score: number, tier: FitTier, overridden: boolean, account: { id: string, name: string }, computed: { dimensions: Array<{ dimension: Dimension, criteria: Array<{ attribute: string, matched: boolean, value: unknown, explanation: string }> }> } }> } };

export type FitByIdQueryVariables = Exact<{
  id: string | number;
}>;


export type FitByIdQuery = { node:
    | { __typename: 'Segment' }
    | { __typename: 'IcpVersion' }
    | { __typename: 'Account' }
    | { __typename: 'Fit', id: string, score: number, tier: FitTier, overridden: boolean }
    | { __typename: 'ApiKey' }
    | { __typename: 'Opportunity' }
    | { __typename: 'Override' }
   | null };

export type OverrideFitMutationVariables = Exact<{
  input: OverrideFitInput;
}>;


export type OverrideFitMutation = { overrideFit: { id: string, tier: FitTier, status: OverrideStatus, fit: { id: string, score: number, tier: FitTier, overridden: boolean } | null } };


export const WhoAmIDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WhoAmI"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"permissions"}}]}}]}}]} as unknown as DocumentNode<WhoAmIQuery, WhoAmIQueryVariables>;
export const TopFitsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TopFits"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"segmentKey"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fits"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"segmentKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"segmentKey"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"overridden"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"computed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dimensions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dimension"}},{"kind":"Field","name":{"kind":"Name","value":"criteria"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attribute"}},{"kind":"Field","name":{"kind":"Name","value":"matched"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"explanation"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<TopFitsQuery, TopFitsQueryVariables>;
export const FitByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FitById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Fit"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"overridden"}}]}}]}}]}}]} as unknown as DocumentNode<FitByIdQuery, FitByIdQueryVariables>;
export const OverrideFitDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OverrideFit"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"OverrideFitInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"overrideFit"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"fit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"overridden"}}]}}]}}]}}]} as unknown as DocumentNode<OverrideFitMutation, OverrideFitMutationVariables>;