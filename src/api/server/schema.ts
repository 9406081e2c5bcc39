import type { GraphQLSchema } from 'graphql';
import { buildSchema, getMetadataStorage, type ContainerType } from 'type-graphql';
import { describeFieldRoles } from '../../domain/auth/field-roles';
import { validateInputs } from './validate-inputs';
import { AccountResolver, UpsertAccountsResultResolver } from '../resolvers/account.resolver';
import { AttributeResolver } from '../resolvers/attribute.resolver';
import { AuditResolver } from '../resolvers/audit.resolver';
import { ApiKeyResolver, PrincipalResolver } from '../resolvers/api-key.resolver';
import { FitChangeResolver, WebhookDeliveryResolver, WebhookResolver } from '../resolvers/webhook.resolver';
import { DateTimeScalar } from '../../common/scalars';
import { DiscoveryResolver } from '../resolvers/discovery.resolver';
import { NodeResolver } from '../resolvers/node.resolver';
import { AccountOpportunitiesResolver, OutcomeResolver } from '../resolvers/outcome.resolver';
import { MetricDeltaResolver } from '../resolvers/metric-kind.resolver';
import { ExceptionItemResolver, ExceptionReportResolver, ReportResolver } from '../resolvers/report.resolver';
import { AccountOverridesResolver, FitOverrideResolver, OverrideResolver } from '../resolvers/override.resolver';
import { PublishJobResolver } from '../resolvers/publish-job.resolver';
import { CriterionResultResolver, FitResolver, PublishResultResolver, ScoreResolver } from '../resolvers/fit.resolver';
import { SegmentResolver } from '../resolvers/segment.resolver';
import { DimensionDefinitionResolver, VersionResolver } from '../resolvers/version.resolver';

export const resolvers = [
  ApiKeyResolver,
  PrincipalResolver,
  AttributeResolver,
  SegmentResolver,
  VersionResolver,
  AuditResolver,
  AccountResolver,
  FitResolver,
  ScoreResolver,
  CriterionResultResolver,
  OverrideResolver,
  AccountOverridesResolver,
  FitOverrideResolver,
  OutcomeResolver,
  AccountOpportunitiesResolver,
  ReportResolver,
  ExceptionItemResolver,
  DimensionDefinitionResolver,
  DiscoveryResolver,
  ExceptionReportResolver,
  MetricDeltaResolver,
  NodeResolver,
  UpsertAccountsResultResolver,
  PublishJobResolver,
  PublishResultResolver,
  WebhookResolver,
  WebhookDeliveryResolver,
  FitChangeResolver,
] as const;

/**
 * The types that implement Node, in the order the SDL prints them (each with the types it
 * reaches). type-graphql prints them in the order their classes were declared, which follows
 * whichever module happens to load first; this order keeps schema/schema.graphql still when an
 * import changes.
 */
const NODE_TYPE_ORDER = ['Segment', 'IcpVersion', 'Account', 'Fit', 'ApiKey', 'Opportunity', 'Override'];

/** Puts the Node types listed above in that order, in the places Node types hold among all types. */
function orderNodeTypes(types: Array<{ name: string }>): void {
  const slots = types.flatMap((t, i) => (NODE_TYPE_ORDER.includes(t.name) ? [i] : []));
  const ordered = slots.map((i) => types[i]).sort((a, b) => NODE_TYPE_ORDER.indexOf(a.name) - NODE_TYPE_ORDER.indexOf(b.name));
  slots.forEach((slot, k) => (types[slot] = ordered[k]));
}

/**
 * The schema, from the code. `npm run schema` writes it to schema/schema.graphql. `container`
 * hands type-graphql the resolver instances, built with their services by the composition root.
 */
export async function buildAppSchema(container: ContainerType): Promise<GraphQLSchema> {
  // Parameter decorators run last-to-first, so type-graphql records a method's arguments in
  // reverse; a stable sort by position gives the SDL the order the code declares
  // (versionDiff(fromId, toId)). Arguments are injected by position, so this changes nothing else.
  getMetadataStorage().params.sort((a, b) => a.index - b.index);
  orderNodeTypes(getMetadataStorage().objectTypes);
  // Resolvers take their root as the service built it. type-graphql would first copy each plain
  // root into a new instance of the class declared for it (a Fit per edge of a page, a Score per
  // explained field); the model classes hold data only, so nothing reads the copy differently.
  for (const param of getMetadataStorage().params) if (param.kind === 'root') param.getType = undefined;
  // A field without a resolver of its own reads its property with graphql's default resolver
  // (type-graphql's `simple`). Otherwise type-graphql wraps each one to run middlewares, and
  // fitgraph has none (authorization is a plugin): an object and a closure per field read, over
  // a hundred per fits page. Fields named apart from their property keep the wrapper, which
  // reads the property rather than the name.
  for (const field of getMetadataStorage().fields) {
    if (field.simple === undefined && field.schemaName === field.name && !field.middlewares?.length && !field.roles) field.simple = true;
  }
  const schema = await buildSchema({
    resolvers,
    container,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    // Subscriptions read the outbox through their own `subscribe` (delivery/fit-change-feed.ts), so
    // that a change committed by any process reaches every process; type-graphql still asks for a
    // pubSub, which nothing may use.
    pubSub: {
      publish: () => {
        throw new Error('fitgraph publishes through the outbox, not a pubSub');
      },
      subscribe: () => {
        throw new Error('fitgraph subscriptions read the outbox, not a pubSub');
      },
    },
    // class-validator runs on inputs that have rules; semantic checks that need the database live in services.
    validateFn: validateInputs,
  });
  // Guarded fields say who may use them, from the authorisation table itself.
  return describeFieldRoles(schema);
}
