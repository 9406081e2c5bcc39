import type { OverrideService } from '../use-cases/overrides/override.service';
import { jobContext } from './job-context';
import type { JobDefinition } from '../queue/workers';
import { QueueName } from '../queue/queue-names';

/**
 * Records in the audit trail each override whose expiresAt has passed. The override stops
 * applying at expiresAt by itself; this only writes the fact down, once (the UPDATE picks rows
 * whose expiry is not recorded yet, so a rerun finds nothing left to do).
 */
export const overrideExpiriesJob = (services: { overrides: OverrideService }): JobDefinition => ({
  queue: QueueName.OVERRIDE_EXPIRIES,
  policy: 'singleton',
  every: '* * * * *',
  exclusiveKey: () => QueueName.OVERRIDE_EXPIRIES,
  async run(ds, _data, job) {
    const ctx = jobContext(ds, job);
    const recorded = await services.overrides.recordExpiries(ctx);
    if (recorded) job.log.info({ recorded }, 'override expiries recorded');
  },
});
