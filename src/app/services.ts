import type { Config } from '../config';
import type { CacheBus } from '../db/process-cache';
import { AccountService } from '../use-cases/accounts/account.service';
import { ReadBatches } from '../use-cases/read-batches';
import { AttributeService } from '../use-cases/attributes/attribute.service';
import { AuditService } from '../use-cases/audit/audit.service';
import { ApiKeyService } from '../use-cases/auth/api-key.service';
import { WebhookService } from '../use-cases/delivery/webhook.service';
import { NodeService } from '../use-cases/nodes/node.service';
import { OutcomeService } from '../use-cases/outcomes/outcome.service';
import { OverrideService } from '../use-cases/overrides/override.service';
import { PublishJobService } from '../use-cases/publishing/publish-job.service';
import { ReportService } from '../use-cases/reports/report.service';
import { FitService } from '../use-cases/scoring/fit.service';
import { SegmentService } from '../use-cases/segments/segment.service';
import { VersionService } from '../use-cases/versions/version.service';
import { ReadCaches } from '../use-cases/read-caches';

/** Every service of one fitgraph, each built once. */
export interface Services {
  audit: AuditService;
  attributes: AttributeService;
  accounts: AccountService;
  segments: SegmentService;
  versions: VersionService;
  fits: FitService;
  overrides: OverrideService;
  publishJobs: PublishJobService;
  reports: ReportService;
  outcomes: OutcomeService;
  webhooks: WebhookService;
  apiKeys: ApiKeyService;
  nodes: NodeService;
  /** Segments and versions kept per process for reads (each request's loaders go through them). */
  readCaches: ReadCaches;
}

/** Builds the services in dependency order: the audit trail first, then those that record into it, then those above them. */
export function createServices(config: Readonly<Config>, cacheBus: CacheBus): Services {
  const audit = new AuditService();
  const attributes = new AttributeService(audit);
  // The hot reads arriving together share statements (lookups and fits pages).
  const reads = new ReadBatches();
  const accounts = new AccountService(attributes, audit, reads);
  const segments = new SegmentService(attributes, accounts, audit);
  const versions = new VersionService(attributes, segments, audit);
  return {
    audit,
    attributes,
    accounts,
    segments,
    versions,
    fits: new FitService(versions, attributes, reads),
    overrides: new OverrideService(segments, versions, audit),
    publishJobs: new PublishJobService(versions, segments, audit, config),
    reports: new ReportService(segments, versions),
    outcomes: new OutcomeService(audit),
    webhooks: new WebhookService(
      audit,
      () => config.webhookAllowPrivate,
      () => config.secretKey,
    ),
    apiKeys: new ApiKeyService(audit, cacheBus),
    nodes: new NodeService(),
    readCaches: new ReadCaches(cacheBus),
  };
}
