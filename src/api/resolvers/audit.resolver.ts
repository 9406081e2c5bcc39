import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { PageArgs } from '../../common/pagination';
import type { AppContext } from '../../use-cases/context';
import { AuditEventConnection, AuditFilter, AuditIntegrity } from '../../model/audit-event.types';
import type { AuditService } from '../../use-cases/audit/audit.service';

@Resolver()
export class AuditResolver {
  constructor(private readonly auditService: AuditService) {}

  @Query(() => AuditEventConnection, { description: 'Newest first.' })
  auditEvents(
    @Ctx() ctx: AppContext,
    @Arg('filter', () => AuditFilter, { nullable: true }) filter: AuditFilter | null,
    @Args() page: PageArgs,
  ) {
    return this.auditService.list(ctx, filter, page);
  }

  @Query(() => AuditIntegrity, { description: 'Walks the whole hash chain.' })
  auditIntegrity(@Ctx() ctx: AppContext): Promise<AuditIntegrity> {
    return this.auditService.integrity(ctx);
  }
}
