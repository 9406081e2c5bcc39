/**
 * "Who looked": reads of the audit trail and of justifications by the roles that may read
 * everything (AUDITOR, ADMIN) are themselves audit events, action `audit.read`. They sit in the
 * same hash chain as the changes, so a read cannot be erased or edited without breaking it, and
 * they are found like any event: `auditEvents(filter: { action: "audit.read" })`. The event is
 * written before the query runs, in its own transaction: if it cannot be written, nothing is read.
 */
import {
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  TypeInfo,
  getNamedType,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { Role } from '../../model/role';
import type { AppContext } from '../context';
import { runInTransaction } from '../transaction';
import type { AuditService } from './audit.service';

/** The fields whose reading is recorded. */
export const RECORDED_READS: ReadonlySet<string> = new Set(['Query.auditEvents', 'Override.justification', 'Override.revokeReason']);
/** Whose reads are recorded: the roles that read everything. (Sales managers read their own teams' justifications daily.) */
export const RECORDED_READERS: readonly Role[] = ['AUDITOR', 'ADMIN'];
/** Bound on the query text and variables copied into the event. */
const MAX_RECORDED_TEXT = 4_000;

/** The recorded fields an operation selects (fragments included), as `Type.field`. */
export function recordedFieldsOf(schema: GraphQLSchema, nodes: ReadonlyArray<OperationDefinitionNode | FragmentDefinitionNode>): string[] {
  const found = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  const visitor = visitWithTypeInfo(typeInfo, {
    Field(node) {
      const parent = typeInfo.getParentType();
      if (!parent) return;
      const coordinate = `${getNamedType(parent).name}.${node.name.value}`;
      if (RECORDED_READS.has(coordinate)) found.add(coordinate);
    },
  });
  for (const node of nodes) visit(node, visitor);
  return [...found].sort();
}

const bounded = (text: string | undefined): string | null =>
  text === undefined ? null : text.length <= MAX_RECORDED_TEXT ? text : `${text.slice(0, MAX_RECORDED_TEXT)}… (${text.length} characters)`;

/** Writes the `audit.read` event of a query, when its caller and fields are recorded. */
export async function recordSensitiveRead(
  services: { audit: AuditService },
  ctx: AppContext,
  read: {
    schema: GraphQLSchema;
    operation: OperationDefinitionNode;
    fragments: FragmentDefinitionNode[];
    query?: string;
    variables?: Record<string, unknown>;
  },
): Promise<void> {
  if (read.operation.operation !== 'query' || !RECORDED_READERS.includes(ctx.principal.role)) return;
  const fields = recordedFieldsOf(read.schema, [read.operation, ...read.fragments]);
  if (fields.length === 0) return;
  const operationName = read.operation.name?.value ?? null;
  const variables = read.variables && Object.keys(read.variables).length > 0 ? JSON.stringify(read.variables) : undefined;
  await runInTransaction(ctx, (tx) =>
    services.audit.record(tx, {
      action: 'audit.read',
      entityType: 'Query',
      entityId: operationName ?? 'anonymous',
      after: { fields, operationName, query: bounded(read.query), variables: bounded(variables) },
    }),
  );
}
