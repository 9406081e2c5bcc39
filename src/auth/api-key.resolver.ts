import { Arg, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { AppContext } from '../context';
import { ApiKey } from './api-key.entity';
import { apiKeyService } from './api-key.service';
import { RoleEnum, type Role } from './role';

@ObjectType()
export class Principal {
  @Field(() => ID) keyId: string;
  @Field() name: string;
  @Field(() => RoleEnum) role: Role;
}

@ObjectType({ description: 'Returned once: the secret is never shown again.' })
export class CreatedApiKey {
  @Field(() => ApiKey) apiKey: ApiKey;
  @Field() secret: string;
}

@Resolver()
export class ApiKeyResolver {
  @Query(() => Principal)
  me(@Ctx() ctx: AppContext): Principal {
    // Every request carries a key; only fitgraph's own work (never a request) has no key id.
    return { ...ctx.principal, keyId: ctx.principal.keyId! };
  }

  @Query(() => [ApiKey])
  apiKeys(@Ctx() ctx: AppContext): Promise<ApiKey[]> {
    return apiKeyService.list(ctx);
  }

  @Mutation(() => CreatedApiKey)
  createApiKey(@Ctx() ctx: AppContext, @Arg('name') name: string, @Arg('role', () => RoleEnum) role: Role): Promise<CreatedApiKey> {
    return apiKeyService.create(ctx, name, role);
  }

  @Mutation(() => ApiKey)
  revokeApiKey(@Ctx() ctx: AppContext, @Arg('id', () => ID) id: string): Promise<ApiKey> {
    return apiKeyService.revoke(ctx, id);
  }
}
