import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { AppContext } from '../context';
import { AuditEventConnection, AuditFilter, AuditIntegrity } from './audit-event.types';
import { auditService } from './audit.service';

@Resolver()
export class AuditResolver {
  @Query(() => AuditEventConnection, { description: 'Newest first. AUDITOR and ADMIN only.' })
  auditEvents(
    @Ctx() ctx: AppContext,
    @Arg('filter', () => AuditFilter, { nullable: true }) filter: AuditFilter | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ) {
    return auditService.list(ctx, filter, first, after);
  }

  @Query(() => AuditIntegrity, { description: 'Walks the whole hash chain. AUDITOR and ADMIN only.' })
  auditIntegrity(@Ctx() ctx: AppContext): Promise<AuditIntegrity> {
    return auditService.integrity(ctx);
  }
}
