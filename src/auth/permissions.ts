/**
 * The one authorisation table: which roles may call each operation. Every root field of the
 * schema must have an entry (a test walks them all); a field without one is refused.
 * Nested fields may have entries too, for data some readers must not see.
 */
import { ROLES, type Role } from './role';

const EVERYONE: readonly Role[] = ROLES;
const REVOPS: readonly Role[] = ['REVOPS', 'ADMIN'];
const AUDITORS: readonly Role[] = ['AUDITOR', 'ADMIN'];
const ADMIN: readonly Role[] = ['ADMIN'];
const SALES: readonly Role[] = ['SALES_MANAGER', 'ADMIN'];
const OVERRIDE_READERS: readonly Role[] = ['SALES_MANAGER', 'AUDITOR', 'ADMIN'];

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
  'Query.overrides': OVERRIDE_READERS,
  'Query.tierDashboard': EVERYONE,
  'Query.conversionComparison': EVERYONE,
  // Exceptions carry override justifications; RevOps reads them to adjust the ICP.
  'Query.exceptions': ['REVOPS', 'SALES_MANAGER', 'AUDITOR', 'ADMIN'],
  // Scores a whole segment twice: kept to the people who tune the ICP.
  'Query.backtest': ['REVOPS', 'AUDITOR', 'ADMIN'],
  // Layer 08: reading what outcomes teach is for the people who tune the ICP and those who check them.
  'Query.icpInsights': ['REVOPS', 'AUDITOR', 'ADMIN'],

  'Mutation.createApiKey': ADMIN,
  'Mutation.revokeApiKey': ADMIN,
  'Mutation.defineAttribute': REVOPS,
  'Mutation.createSegment': REVOPS,
  'Mutation.createDraft': REVOPS,
  'Mutation.updateDraft': REVOPS,
  'Mutation.discardDraft': REVOPS,
  'Mutation.publishVersion': REVOPS,
  'Mutation.upsertAccounts': REVOPS,
  'Mutation.overrideFit': SALES,
  'Mutation.revokeOverride': SALES,
  'Mutation.recordLeads': REVOPS,
  'Mutation.recordOpportunities': REVOPS,
  'Mutation.suggestDraft': REVOPS,

  // Nested fields that not every reader may see. (Fit.override stays visible: it is the "why" of a fit.)
  'Account.overrides': OVERRIDE_READERS,
} as const satisfies Record<string, readonly Role[]>;

export type GuardedField = keyof typeof operationRoles;

/** Roles allowed on `Type.field`, or undefined when the table has no entry. */
export function rolesFor(coordinate: string): readonly Role[] | undefined {
  return (operationRoles as Record<string, readonly Role[]>)[coordinate];
}
