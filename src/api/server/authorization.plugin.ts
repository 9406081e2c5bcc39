import type { ApolloServerPlugin } from '@apollo/server';
import {
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  TypeInfo,
  getNamedType,
  isInterfaceType,
  isObjectType,
  visit,
  visitWithTypeInfo,
  type GraphQLNamedType,
} from 'graphql';
import { recordSensitiveRead } from '../../use-cases/audit/audit-reads';
import type { AuditService } from '../../use-cases/audit/audit.service';
import type { AppContext } from '../../use-cases/context';
import { ForbiddenError, type InputIssue } from '../../errors/domain-errors';
import { mayUse, rolesFor, rootTypesOf } from '../../domain/auth/permissions';
import type { Role } from '../../model/role';

/** Fragments the operation actually uses, followed transitively. */
export function usedFragments(
  operation: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
): FragmentDefinitionNode[] {
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

/** Every `Type.field` of the operation the role may not use; each fragment is visited once. */
function refusedCoordinates(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
  role: Role,
): Set<string> {
  const rootTypes = rootTypesOf(schema);
  const refused = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  const visitor = visitWithTypeInfo(typeInfo, {
    Field(node) {
      const parent = typeInfo.getParentType();
      if (!parent || node.name.value.startsWith('__')) return;
      const coordinate = `${getNamedType(parent).name}.${node.name.value}`;
      if (!mayUse(coordinate, rootTypes.has(parent.name), role)) refused.add(coordinate);
    },
  });
  for (const node of [operation, ...usedFragments(operation, fragments)]) visit(node, visitor);
  return refused;
}

/**
 * refusedCoordinates per schema, operation and role. Apollo hands every request of the same
 * query text the same parsed document, so a page read many times is walked once per role instead
 * of on every request (the walk with type information was about 3 % of a fits request's CPU).
 */
const refusedByOperation = new WeakMap<GraphQLSchema, WeakMap<OperationDefinitionNode, Map<Role, Set<string>>>>();

function refusedFor(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
  role: Role,
): Set<string> {
  let operations = refusedByOperation.get(schema);
  if (!operations) refusedByOperation.set(schema, (operations = new WeakMap()));
  let byRole = operations.get(operation);
  if (!byRole) operations.set(operation, (byRole = new Map()));
  let refused = byRole.get(role);
  if (!refused) byRole.set(role, (refused = refusedCoordinates(schema, operation, fragments, role)));
  return refused;
}

/** Field visits spent finding where refused fields sit; fragments can repeat a subtree many times. */
const PATH_BUDGET = 10_000;

/**
 * Where the response would hold each refused field (aliases as the client reads them, fragments
 * followed where they are spread), within a budget: a field not placed in it is named by its
 * coordinate alone.
 */
function refusedPaths(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
  refused: Set<string>,
): Array<{ path: string; coordinate: string }> {
  const found: Array<{ path: string; coordinate: string }> = [];
  let budget = PATH_BUDGET;
  const walk = (set: SelectionSetNode, parent: GraphQLNamedType | undefined | null, path: string[], spreading: Set<string>): void => {
    for (const sel of set.selections) {
      if (--budget < 0) return;
      if (sel.kind === Kind.FIELD) {
        const name = sel.name.value;
        if (name.startsWith('__') || !parent || !(isObjectType(parent) || isInterfaceType(parent))) continue;
        const here = [...path, sel.alias?.value ?? name];
        const coordinate = `${parent.name}.${name}`;
        if (refused.has(coordinate)) found.push({ path: here.join('.'), coordinate });
        const field = parent.getFields()[name];
        if (sel.selectionSet && field) walk(sel.selectionSet, getNamedType(field.type), here, spreading);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        walk(sel.selectionSet, sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent, path, spreading);
      } else {
        const fragment = fragments.get(sel.name.value);
        if (!fragment || spreading.has(fragment.name.value)) continue;
        walk(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value), path, new Set(spreading).add(fragment.name.value));
      }
    }
  };
  walk(operation.selectionSet, schema.getRootType(operation.operation), [], new Set());
  for (const coordinate of refused) {
    if (!found.some((f) => f.coordinate === coordinate)) found.push({ path: coordinate, coordinate });
  }
  return found;
}

function whoMay(coordinate: string): string {
  const roles = rolesFor(coordinate);
  return roles?.length ? `only ${roles.join(', ')}` : 'no role (not in the authorisation table)';
}

/**
 * Checks the caller's role against `operationRoles` for every field of the operation before
 * anything executes, so a refused mutation never runs half-way. Root fields without an entry
 * are refused (fail closed); nested fields are checked when the table lists them. A refusal
 * names every refused field at once, each with its path in the response.
 */
export function checkOperationRoles(
  schema: GraphQLSchema,
  document: { definitions: readonly unknown[] },
  operation: OperationDefinitionNode,
  ctx: AppContext,
): void {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions as FragmentDefinitionNode[]) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  }
  const role = ctx.principal.role;
  const refused = refusedFor(schema, operation, fragments, role);
  if (refused.size === 0) return;
  ctx.log.warn(
    { status: 403, keyId: ctx.principal.keyId, role, refusedFields: [...refused], operationName: operation.name?.value ?? null },
    'request refused: forbidden',
  );
  const places = refusedPaths(schema, operation, fragments, refused);
  const issues: InputIssue[] = places.map((p) => ({ path: p.path, message: `${p.coordinate}: ${whoMay(p.coordinate)}` }));
  const error = new ForbiddenError(
    `Role ${role} may not use ${places.map((p) => (p.path === p.coordinate ? p.coordinate : `${p.path} (${p.coordinate})`)).join(', ')}`,
    { issues, fields: [...refused] },
  );
  throw new GraphQLError(error.message, { originalError: error, extensions: { http: { status: 403 } } });
}

/** Checks each operation's roles, then records the reads of the audit trail and justifications (AUDITOR, ADMIN). */
export const authorizationPlugin = (services: { audit: AuditService }): ApolloServerPlugin<AppContext> => ({
  async requestDidStart() {
    return {
      async didResolveOperation({ schema, document, operation, contextValue, request }) {
        if (!operation) return;
        checkOperationRoles(schema, document, operation, contextValue);
        // Only once allowed: who looked at the audit trail or at justifications (src/audit/audit-reads.ts).
        const fragments = new Map<string, FragmentDefinitionNode>();
        for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
        await recordSensitiveRead(services, contextValue, {
          schema,
          operation,
          fragments: usedFragments(operation, fragments),
          query: request.query,
          variables: request.variables,
        });
      },
    };
  },
});
