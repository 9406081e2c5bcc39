import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from './node.types';
import { RoleEnum, type Role } from './role';

@ObjectType({ implements: Node })
export class ApiKey {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => RoleEnum)
  role: Role;

  @Field()
  createdAt: Date;

  @Field()
  createdBy: string;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;

  revokedBy: string | null;
}

@ObjectType({ description: 'Returned once: the secret is never shown again.' })
export class CreatedApiKey {
  @Field(() => ApiKey) apiKey: ApiKey;
  @Field() secret: string;
}
