import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Field, FieldResolver, ID, Info, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { AppContext } from '../../use-cases/context';
import { ApiKey } from '../../model/api-key.types';
import type { ApiKeyService } from '../../use-cases/auth/api-key.service';
import { permissionsOf } from '../../domain/auth/permissions';
import { RoleEnum, type Role } from '../../model/role';

@ObjectType()
export class Principal {
  @Field(() => ID) keyId: string;
  @Field() name: string;
  @Field(() => RoleEnum) role: Role;
  @Field(() => [String], { description: 'Every Type.field this key\'s role may use, e.g. "Query.fits" (read it through Query.me).' })
  permissions: string[];
}

@ObjectType({ description: 'Returned once: the secret is never shown again.' })
export class CreatedApiKey {
  @Field(() => ApiKey) apiKey: ApiKey;
  @Field() secret: string;
}

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
  me(@Ctx() ctx: AppContext): Omit<Principal, 'permissions'> {
    // Every request carries a key; only fitgraph's own work (never a request) has no key id.
    return { ...ctx.principal, keyId: ctx.principal.keyId! };
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
