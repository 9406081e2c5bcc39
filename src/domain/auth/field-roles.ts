import { isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import { operationRoles } from './permissions';
import { ROLES, type Role } from '../../model/role';

/** The sentence a guarded field's description ends with, e.g. "Roles: REVOPS, ADMIN." */
export function rolesSentence(roles: readonly Role[]): string {
  const ordered = ROLES.filter((r) => roles.includes(r));
  return ordered.length === ROLES.length ? 'Roles: every role.' : ordered.length ? `Roles: ${ordered.join(', ')}.` : 'Roles: none.';
}

/**
 * Appends to the description of every field the authorisation table lists the roles that may
 * use it, so that the schema a client reads (SDL, introspection, codegen) cannot drift from what
 * the server enforces. Runs once on the built schema, before it serves.
 */
export function describeFieldRoles(schema: GraphQLSchema): GraphQLSchema {
  for (const [coordinate, roles] of Object.entries(operationRoles) as Array<[string, readonly Role[]]>) {
    const [typeName, fieldName] = coordinate.split('.');
    const type = schema.getType(typeName);
    const field = type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields()[fieldName] : undefined;
    if (!field) continue;
    field.description = [field.description, rolesSentence(roles)].filter(Boolean).join('\n\n');
  }
  return schema;
}
