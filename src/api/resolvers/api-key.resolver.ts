import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { AppContext } from '../../use-cases/context';
import { ApiKey, CreatedApiKey } from '../../model/api-key.types';
import type { ApiKeyService } from '../../use-cases/auth/api-key.service';
import { permissionsOf } from '../../domain/auth/permissions';
import { Principal, RoleEnum, type Role } from '../../model/role';

@Resolver(() => Principal)
export class PrincipalResolver {
  @FieldResolver(() => [String], {
    description: 'Every Type.field this key\'s role may use, e.g. "Query.fits" (read it through Query.me).',
  })
  permissions(@Root() principal: Principal, @Info() info: GraphQLResolveInfo): string[] {
    return permissionsOf(info.schema, principal.role);
  }
}

@Resolver()
export class ApiKeyResolver {
  constructor(private readonly apiKeyService: ApiKeyService) {}

  @Query(() => Principal)
  me(@Ctx() ctx: AppContext): Principal {
    return ctx.principal;
  }

  @Query(() => [ApiKey])
  apiKeys(@Ctx() ctx: AppContext): Promise<ApiKey[]> {
    return this.apiKeyService.list(ctx);
  }

  @Mutation(() => CreatedApiKey)
  createApiKey(@Ctx() ctx: AppContext, @Arg('name') name: string, @Arg('role', () => RoleEnum) role: Role): Promise<CreatedApiKey> {
    return this.apiKeyService.create(ctx, name, role);
  }

  @Mutation(() => ApiKey)
  revokeApiKey(@Ctx() ctx: AppContext, @Arg('id', () => ID) id: string): Promise<ApiKey> {
    return this.apiKeyService.revoke(ctx, id);
  }
}
