import { Field, ID, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../common/pagination';
import { Node } from './node.types';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { VersionStatusEnum, type VersionStatus } from './enums';
import type { IcpDefinitionSpec } from './icp-definition';
import { IcpDefinition } from './icp-definition.types';

/**
 * One version of a segment's ICP. Drafts are edited in place under an optimistic revision;
 * published and superseded rows are immutable (a trigger enforces it).
 */
@Entity('icp_version')
@ObjectType({ implements: Node })
export class IcpVersion {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column('uuid', { name: 'segment_id' })
  segmentId: string;

  @Column('integer')
  @Field(() => Int, { description: '1, 2, 3 ... within the segment, in order of creation.' })
  number: number;

  @Column('text')
  @Field(() => VersionStatusEnum)
  status: VersionStatus;

  @Column('integer')
  @Field(() => Int, { description: 'Increases on every draft edit; updateDraft must name the revision it read.' })
  revision: number;

  @Column('jsonb')
  @Field(() => IcpDefinition)
  definition: IcpDefinitionSpec;

  @Column('text', { name: 'content_hash' })
  @Field({ description: 'sha256 of the canonical definition.' })
  contentHash: string;

  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true })
  notes: string | null;

  @Column('uuid', { name: 'based_on_id', nullable: true })
  basedOnId: string | null;

  @Column('text', { name: 'created_by' })
  @Field()
  createdBy: string;

  @Column('timestamptz', { name: 'created_at' })
  @Field()
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  @Field({ description: 'Last edit of a draft; for other versions, when they were published or superseded.' })
  updatedAt: Date;

  @Column('timestamptz', { name: 'discarded_at', nullable: true })
  discardedAt: Date | null;

  @Column('text', { name: 'published_by', nullable: true })
  @Field(() => String, { nullable: true })
  publishedBy: string | null;

  @Column('timestamptz', { name: 'published_at', nullable: true })
  @Field(() => Date, { nullable: true })
  publishedAt: Date | null;

  @Column('timestamptz', { name: 'effective_at', nullable: true })
  @Field(() => Date, {
    nullable: true,
    description:
      'When the version took effect for reporting: publishedAt, or the earlier moment given at publish to record history from before fitgraph.',
  })
  effectiveAt: Date | null;

  @Column('timestamptz', { name: 'superseded_at', nullable: true })
  @Field(() => Date, { nullable: true })
  supersededAt: Date | null;
}

export const { Edge: IcpVersionEdge, Connection: IcpVersionConnection } = connectionTypes(IcpVersion, 'IcpVersion');
