/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "# Typed operations a CRM screen needs; `npm run codegen:example` turns them into ./gql.\n\nquery WhoAmI {\n  me { name role permissions }\n}\n\nquery TopFits($segmentKey: String!, $first: Int, $after: String) {\n  fits(segmentKey: $segmentKey, first: $first, after: $after) {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    nodes {\n      id score tier overridden\n      account { id name }\n      computed { dimensions { dimension criteria { attribute matched value explanation } } }\n    }\n  }\n}\n\nquery FitById($id: ID!) {\n  node(id: $id) {\n    __typename\n    ... on Fit { id score tier overridden }\n  }\n}\n\nmutation OverrideFit($input: OverrideFitInput!) {\n  overrideFit(input: $input) { id tier status fit { id score tier overridden } }\n}\n": typeof types.WhoAmIDocument,
};
const documents: Documents = {
    "# Typed operations a CRM screen needs; `npm run codegen:example` turns them into ./gql.\n\nquery WhoAmI {\n  me { name role permissions }\n}\n\nquery TopFits($segmentKey: String!, $first: Int, $after: String) {\n  fits(segmentKey: $segmentKey, first: $first, after: $after) {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    nodes {\n      id score tier overridden\n      account { id name }\n      computed { dimensions { dimension criteria { attribute matched value explanation } } }\n    }\n  }\n}\n\nquery FitById($id: ID!) {\n  node(id: $id) {\n    __typename\n    ... on Fit { id score tier overridden }\n  }\n}\n\nmutation OverrideFit($input: OverrideFitInput!) {\n  overrideFit(input: $input) { id tier status fit { id score tier overridden } }\n}\n": types.WhoAmIDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "# Typed operations a CRM screen needs; `npm run codegen:example` turns them into ./gql.\n\nquery WhoAmI {\n  me { name role permissions }\n}\n\nquery TopFits($segmentKey: String!, $first: Int, $after: String) {\n  fits(segmentKey: $segmentKey, first: $first, after: $after) {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    nodes {\n      id score tier overridden\n      account { id name }\n      computed { dimensions { dimension criteria { attribute matched value explanation } } }\n    }\n  }\n}\n\nquery FitById($id: ID!) {\n  node(id: $id) {\n    __typename\n    ... on Fit { id score tier overridden }\n  }\n}\n\nmutation OverrideFit($input: OverrideFitInput!) {\n  overrideFit(input: $input) { id tier status fit { id score tier overridden } }\n}\n"): (typeof documents)["# Typed operations a CRM screen needs; `npm run codegen:example` turns them into ./gql.\n\nquery WhoAmI {\n  me { name role permissions }\n}\n\nquery TopFits($segmentKey: String!, $first: Int, $after: String) {\n  fits(segmentKey: $segmentKey, first: $first, after: $after) {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    nodes {\n      id score tier overridden\n      account { id name }\n      computed { dimensions { dimension criteria { attribute matched value explanation } } }\n    }\n  }\n}\n\nquery FitById($id: ID!) {\n  node(id: $id) {\n    __typename\n    ... on Fit { id score tier overridden }\n  }\n}\n\nmutation OverrideFit($input: OverrideFitInput!) {\n  overrideFit(input: $input) { id tier status fit { id score tier overridden } }\n}\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;