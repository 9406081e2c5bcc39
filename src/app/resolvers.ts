import type { GraphQLSchema } from 'graphql';
// First: the schema's module loads the resolvers, and with them the types, in the order that
// gives schema/schema.graphql its order (type-graphql lists types as their classes load).
import { buildAppSchema } from '../api/server/schema';
import type { ContainerType } from 'type-graphql';
import { AccountResolver, UpsertAccountsResultResolver } from '../api/resolvers/account.resolver';
import { ApiKeyResolver } from '../api/resolvers/api-key.resolver';
import { AttributeResolver } from '../api/resolvers/attribute.resolver';
import { AuditResolver } from '../api/resolvers/audit.resolver';
import { DiscoveryResolver } from '../api/resolvers/discovery.resolver';
import { FitResolver, PublishResultResolver } from '../api/resolvers/fit.resolver';
import { NodeResolver } from '../api/resolvers/node.resolver';
import { OutcomeResolver } from '../api/resolvers/outcome.resolver';
import { OverrideResolver } from '../api/resolvers/override.resolver';
import { PublishJobResolver } from '../api/resolvers/publish-job.resolver';
import { ReportResolver } from '../api/resolvers/report.resolver';
import { SegmentResolver } from '../api/resolvers/segment.resolver';
import { VersionResolver } from '../api/resolvers/version.resolver';
import { WebhookDeliveryResolver, WebhookResolver } from '../api/resolvers/webhook.resolver';
import type { Services } from './services';

/**
 * type-graphql's container: one instance of each resolver per app, those that call services
 * built with them here; the others (no dependency) built on first use.
 */
export function resolverContainer(services: Services): ContainerType {
  const instances = new Map<unknown, unknown>([
    [AccountResolver, new AccountResolver(services.accounts, services.fits)],
    [UpsertAccountsResultResolver, new UpsertAccountsResultResolver(services.accounts)],
    [ApiKeyResolver, new ApiKeyResolver(services.apiKeys)],
    [AttributeResolver, new AttributeResolver(services.attributes)],
    [AuditResolver, new AuditResolver(services.audit)],
    [DiscoveryResolver, new DiscoveryResolver(services)],
    [FitResolver, new FitResolver(services.fits)],
    [NodeResolver, new NodeResolver(services.nodes)],
    [OutcomeResolver, new OutcomeResolver(services.outcomes)],
    [OverrideResolver, new OverrideResolver(services.overrides)],
    [PublishJobResolver, new PublishJobResolver(services.publishJobs)],
    [PublishResultResolver, new PublishResultResolver(services.fits)],
    [ReportResolver, new ReportResolver(services.reports, services.segments, services.versions)],
    [SegmentResolver, new SegmentResolver(services.segments)],
    [VersionResolver, new VersionResolver(services.versions)],
    [WebhookResolver, new WebhookResolver(services.webhooks)],
    [WebhookDeliveryResolver, new WebhookDeliveryResolver(services.webhooks)],
  ]);
  return {
    get(someClass: new () => unknown) {
      let instance = instances.get(someClass);
      if (instance === undefined) {
        if (someClass.length > 0) throw new Error(`${someClass.name} takes services: build it in resolverContainer`);
        instances.set(someClass, (instance = new someClass()));
      }
      return instance;
    },
  };
}

/** The GraphQL schema of one app, its resolvers calling these services. */
export function appSchema(services: Services): Promise<GraphQLSchema> {
  return buildAppSchema(resolverContainer(services));
}
