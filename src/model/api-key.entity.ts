import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from './node.types';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { RoleEnum, type Role } from './role';

@Entity('api_key')
@ObjectType({ implements: Node })
export class ApiKey {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column('text')
  @Field()
  name: string;

  @Column('text')
  @Field(() => RoleEnum)
  role: Role;

  /** The name as a reader sees it (src/auth/key-name.ts); unique, so no key can pass for another. */
  @Column('text', { name: 'name_identity', select: false })
  nameIdentity: string;

  /** sha256 of the secret; the secret itself is never stored. */
  @Column('text', { name: 'secret_hash', select: false })
  secretHash: string;

  @Column('timestamptz', { name: 'created_at' })
  @Field()
  createdAt: Date;

  @Column('text', { name: 'created_by' })
  @Field()
  createdBy: string;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;

  @Column('text', { name: 'revoked_by', nullable: true })
  revokedBy: string | null;
}
