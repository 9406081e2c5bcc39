import type { ApolloServerPlugin } from '@apollo/server';
import {
  FragmentDefinitionNode, GraphQLError, GraphQLSchema, Kind, OperationDefinitionNode, SelectionSetNode,
  TypeInfo, getNamedType, isInterfaceType, isObjectType, visit, visitWithTypeInfo,
} from 'graphql';
import type { AppContext } from '../context';
import { recordSensitiveRead } from '../audit/audit-reads';
import { rolesFor } from './permissions';
import type { Role } from './role';

/** Fragments the operation actually uses, followed transitively. */
export function usedFragments(operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const seen = new Map<string, FragmentDefinitionNode>();
  const walk = (set: SelectionSetNode | undefined): void => {
    for (const sel of set?.selections ?? []) {
      if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const frag = fragments.get(sel.name.value);
        if (frag && !seen.has(frag.name.value)) {
          seen.set(frag.name.value, frag);
          walk(frag.selectionSet);
        }
      } else if (sel.kind === Kind.FIELD || sel.kind === Kind.INLINE_FRAGMENT) {
        walk(sel.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return [...seen.values()];
}

/**
 * Checks the caller's role against `operationRoles` for every field of the operation before
 * anything executes, so a refused mutation never runs half-way. Root fields without an
 * entry are refused (fail closed); nested fields are checked when the table lists them.
 */
export function checkOperationRoles(schema: GraphQLSchema, document: { definitions: readonly unknown[] }, operation: OperationDefinitionNode, ctx: AppContext): void {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions as FragmentDefinitionNode[]) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  }
  const rootTypes = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name, schema.getSubscriptionType()?.name]);
  const refused: string[] = [];
  const typeInfo = new TypeInfo(schema);
  const visitor = visitWithTypeInfo(typeInfo, {
    Field(node) {
      const parent = typeInfo.getParentType();
      if (!parent || node.name.value.startsWith('__')) return;
      const coordinate = `${getNamedType(parent).name}.${node.name.value}`;
      const roles = rolesFor(coordinate);
      const isRoot = rootTypes.has(parent.name);
      if ((isRoot && !roles) || (roles && !roles.includes(ctx.principal.role))) refused.push(coordinate);
    },
  });
  for (const node of [operation, ...usedFragments(operation, fragments)]) visit(node, visitor);
  if (refused.length > 0) {
    const list = [...new Set(refused)].join(', ');
    ctx.log.warn({ status: 403, keyId: ctx.principal.keyId, role: ctx.principal.role, refusedFields: [...new Set(refused)], operationName: operation.name?.value ?? null },
      'request refused: forbidden');
    throw new GraphQLError(`Role ${ctx.principal.role} may not use ${list}`, {
      extensions: { code: 'FORBIDDEN', fields: [...new Set(refused)], http: { status: 403 } },
    });
  }
}

/**
 * Every `Type.field` of the schema a role may use, by the same rule as the check above: root
 * fields need an entry naming the role, other fields need none or one naming it.
 */
export function permissionsOf(schema: GraphQLSchema, role: Role): string[] {
  const rootTypes = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name, schema.getSubscriptionType()?.name]);
  const allowed: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
    for (const field of Object.keys(type.getFields())) {
      const roles = rolesFor(`${type.name}.${field}`);
      if (roles ? roles.includes(role) : !rootTypes.has(type.name)) allowed.push(`${type.name}.${field}`);
    }
  }
  return allowed.sort();
}

export const authorizationPlugin: ApolloServerPlugin<AppContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ schema, document, operation, contextValue, request }) {
        if (!operation) return;
        checkOperationRoles(schema, document, operation, contextValue);
        // Only once allowed: who looked at the audit trail or at justifications (src/audit/audit-reads.ts).
        const fragments = new Map<string, FragmentDefinitionNode>();
        for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
        await recordSensitiveRead(contextValue, {
          schema, operation, fragments: usedFragments(operation, fragments), query: request.query, variables: request.variables,
        });
      },
    };
  },
};
