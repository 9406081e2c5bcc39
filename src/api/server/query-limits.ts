import {
  GraphQLError,
  Kind,
  type ASTNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';
import { QueryLimitError } from '../../errors/domain-errors';

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
}

/** The GraphQL error a validation rule reports; it carries the typed limit error for formatError. */
function refusal(node: ASTNode, error: QueryLimitError): GraphQLError {
  return new GraphQLError(error.message, { nodes: [node], originalError: error });
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  return fragments;
}

/**
 * Deepest chain of fields under a selection set, fragments followed. Introspection fields
 * (`__schema`, `__type`) are not counted with their subtree: tools send deep ones. Each
 * fragment is measured once; a cycle is another rule's error and counts as nothing here.
 */
function depthOf(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, memo: Map<string, number>): number {
  let max = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.name.value.startsWith('__')) continue;
      max = Math.max(max, 1 + (sel.selectionSet ? depthOf(sel.selectionSet, fragments, memo) : 0));
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      max = Math.max(max, depthOf(sel.selectionSet, fragments, memo));
    } else {
      const name = sel.name.value;
      const fragment = fragments.get(name);
      if (!fragment) continue;
      if (!memo.has(name)) {
        memo.set(name, 0); // in progress: a cycle stops here
        memo.set(name, depthOf(fragment.selectionSet, fragments, memo));
      }
      max = Math.max(max, memo.get(name)!);
    }
  }
  return max;
}

/** Aliases and directives in an operation and each fragment it uses (each fragment once). */
function countIn(
  operation: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
): { aliases: number; directives: number } {
  let aliases = 0;
  let directives = operation.directives?.length ?? 0;
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode): void => {
    for (const sel of set.selections) {
      directives += sel.directives?.length ?? 0;
      if (sel.kind === Kind.FIELD) {
        if (sel.alias) aliases++;
        if (sel.selectionSet) walk(sel.selectionSet);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        walk(sel.selectionSet);
      } else if (!seen.has(sel.name.value)) {
        seen.add(sel.name.value);
        const fragment = fragments.get(sel.name.value);
        if (fragment) {
          directives += fragment.directives?.length ?? 0;
          walk(fragment.selectionSet);
        }
      }
    }
  };
  walk(operation.selectionSet);
  return { aliases, directives };
}

/**
 * Validation rules for the shape limits: each operation's depth, aliases and directives. They
 * run with GraphQL's own validation, so a refused operation answers HTTP 400 before it executes.
 */
export function queryLimitRules(limits: QueryLimits): ValidationRule[] {
  const rule: ValidationRule = (context) => ({
    Document(document) {
      const fragments = fragmentsOf(document);
      const memo = new Map<string, number>();
      for (const operation of document.definitions) {
        if (operation.kind !== Kind.OPERATION_DEFINITION) continue;
        const depth = depthOf(operation.selectionSet, fragments, memo);
        if (depth > limits.maxDepth) {
          context.reportError(
            refusal(
              operation,
              new QueryLimitError(
                'QUERY_TOO_DEEP',
                `Query depth ${depth} exceeds the limit of ${limits.maxDepth}; split the query or use node(id:)`,
                { depth, maxDepth: limits.maxDepth },
              ),
            ),
          );
        }
        const { aliases, directives } = countIn(operation, fragments);
        if (aliases > limits.maxAliases) {
          context.reportError(
            refusal(
              operation,
              new QueryLimitError('TOO_MANY_ALIASES', `The operation uses ${aliases} aliases; the limit is ${limits.maxAliases}`, {
                aliases,
                maxAliases: limits.maxAliases,
              }),
            ),
          );
        }
        if (directives > limits.maxDirectives) {
          context.reportError(
            refusal(
              operation,
              new QueryLimitError(
                'TOO_MANY_DIRECTIVES',
                `The operation uses ${directives} directives; the limit is ${limits.maxDirectives}`,
                { directives, maxDirectives: limits.maxDirectives },
              ),
            ),
          );
        }
      }
      return false;
    },
  });
  return [rule];
}

/** Tokens a query may have; graphql-js stops parsing beyond it, before building a large document. */
export const MAX_TOKENS = 20_000;
