/**
 * The one authorisation table: which roles may call each operation. Every root field of the
 * schema must have an entry (a test walks them all); a field without one is refused.
 * Nested fields may have entries too, for data some readers must not see.
 */
import { isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import { ROLES, type Role } from '../../model/role';

const EVERYONE: readonly Role[] = ROLES;
const REVOPS: readonly Role[] = ['REVOPS', 'ADMIN'];
const AUDITORS: readonly Role[] = ['AUDITOR', 'ADMIN'];
const ADMIN: readonly Role[] = ['ADMIN'];
const SALES: readonly Role[] = ['SALES_MANAGER', 'ADMIN'];
/**
 * Who may read the people and the reasons behind the data: key names (authors of overrides and
 * versions), key ids, justifications and revocation reasons. Every role but VIEWER: front-end
 * teams show accounts and fits, including that a fit is overridden, to what and until when,
 * never who did it or why. The same fields are guarded wherever they are reached (a fit's
 * override, an account's overrides, the overrides list, the exceptions report), so every path agrees.
 */
const WHO_AND_WHY: readonly Role[] = ['REVOPS', 'SALES_MANAGER', 'AUDITOR', 'ADMIN'];

export const operationRoles = {
  'Query.me': EVERYONE,
  'Query.apiKeys': ADMIN,
  'Query.attributes': EVERYONE,
  'Query.segments': EVERYONE,
  'Query.segment': EVERYONE,
  'Query.icpVersion': EVERYONE,
  'Query.versionDiff': EVERYONE,
  'Query.auditEvents': AUDITORS,
  'Query.auditIntegrity': AUDITORS,
  'Query.account': EVERYONE,
  'Query.accounts': EVERYONE,
  'Query.fits': EVERYONE,
  'Query.previewScore': EVERYONE,
  // Searches overrides by author: for the roles that read who and why.
  'Query.overrides': WHO_AND_WHY,
  'Query.tierDashboard': EVERYONE,
  // Each object is checked against nodeReaders below; a type the role may not read is null.
  'Query.node': EVERYONE,
  'Query.nodes': EVERYONE,
  'Query.conversionComparison': EVERYONE,
  // Exceptions are about overrides and their justifications; RevOps reads them to adjust the ICP.
  'Query.exceptions': WHO_AND_WHY,
  // Scores a whole segment twice: kept to the people who tune the ICP.
  'Query.backtest': ['REVOPS', 'AUDITOR', 'ADMIN'],
  // Layer 08: reading what outcomes teach is for the people who tune the ICP and those who check them.
  'Query.icpInsights': ['REVOPS', 'AUDITOR', 'ADMIN'],
  // Publishing progress: who asked for what and when, like the versions themselves.
  'Query.publishJob': EVERYONE,
  'Query.publishJobs': EVERYONE,

  // Webhooks send every change to an outside system: ADMIN sets them up, auditors see where data goes.
  'Query.webhooks': AUDITORS,
  'Query.webhookDeliveries': AUDITORS,
  'Mutation.createWebhook': ADMIN,
  'Mutation.updateWebhook': ADMIN,
  'Mutation.deleteWebhook': ADMIN,
  'Mutation.redeliverWebhook': ADMIN,
  // The same fits every role reads through Query.fits, as they change.
  'Subscription.fitChanged': EVERYONE,

  'Mutation.createApiKey': ADMIN,
  'Mutation.revokeApiKey': ADMIN,
  'Mutation.defineAttribute': REVOPS,
  'Mutation.createSegment': REVOPS,
  'Mutation.createDraft': REVOPS,
  'Mutation.updateDraft': REVOPS,
  'Mutation.discardDraft': REVOPS,
  'Mutation.publishVersion': REVOPS,
  'Mutation.startPublish': REVOPS,
  'Mutation.cancelPublish': REVOPS,
  'Mutation.upsertAccounts': REVOPS,
  'Mutation.overrideFit': SALES,
  'Mutation.revokeOverride': SALES,
  'Mutation.recordLeads': REVOPS,
  'Mutation.recordOpportunities': REVOPS,
  'Mutation.suggestDraft': REVOPS,

  // Nested fields that not every reader may see. Fit.override stays visible to VIEWER (a fit
  // shows that, how and until when it is overridden) but not its author nor its reasons.
  'Account.overrides': WHO_AND_WHY,
  'Override.justification': WHO_AND_WHY,
  'Override.createdBy': WHO_AND_WHY,
  'Override.createdByKeyId': WHO_AND_WHY,
  'Override.revokedBy': WHO_AND_WHY,
  'Override.revokedByKeyId': WHO_AND_WHY,
  'Override.revokeReason': WHO_AND_WHY,
  'IcpVersion.createdBy': WHO_AND_WHY,
  'IcpVersion.publishedBy': WHO_AND_WHY,
  'PublishJob.requestedBy': WHO_AND_WHY,
} as const satisfies Record<string, readonly Role[]>;

export type GuardedField = keyof typeof operationRoles;

/**
 * Who may read each type through node(id)/nodes(ids): the roles of the field that reads it
 * elsewhere, so that no type is readable through node that is not readable directly.
 */
export const nodeReaders = {
  Account: operationRoles['Query.account'],
  Segment: operationRoles['Query.segment'],
  IcpVersion: operationRoles['Query.icpVersion'],
  Fit: operationRoles['Query.fits'],
  Opportunity: operationRoles['Query.account'],
  // Fit.override shows the override in force to every reader; node reaches any override, revoked ones too.
  Override: operationRoles['Query.overrides'],
  ApiKey: operationRoles['Query.apiKeys'],
} as const satisfies Record<string, readonly Role[]>;

export type NodeType = keyof typeof nodeReaders;

/** Roles allowed on `Type.field`, or undefined when the table has no entry. */
export function rolesFor(coordinate: string): readonly Role[] | undefined {
  return (operationRoles as Record<string, readonly Role[]>)[coordinate];
}

/** Names of the schema's root types (Query, Mutation, Subscription). */
export const rootTypesOf = (schema: GraphQLSchema): Set<string | undefined> =>
  new Set([schema.getQueryType()?.name, schema.getMutationType()?.name, schema.getSubscriptionType()?.name]);

/** Whether a role may use `Type.field`: a root field needs an entry naming the role, other fields none or one naming it. */
export function mayUse(coordinate: string, isRoot: boolean, role: Role): boolean {
  const roles = rolesFor(coordinate);
  return roles ? roles.includes(role) : !isRoot;
}

/**
 * Every `Type.field` of the schema a role may use, by the same rule the authorisation plugin
 * checks operations with (`mayUse`).
 */
export function permissionsOf(schema: GraphQLSchema, role: Role): string[] {
  const rootTypes = rootTypesOf(schema);
  const allowed: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
    for (const field of Object.keys(type.getFields())) {
      if (mayUse(`${type.name}.${field}`, rootTypes.has(type.name), role)) allowed.push(`${type.name}.${field}`);
    }
  }
  return allowed.sort();
}
