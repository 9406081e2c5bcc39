import { Field, ID, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../common/pagination';
import { Node } from './node.types';
import { VersionStatusEnum, type VersionStatus } from './enums';
import type { IcpDefinitionSpec } from './icp-definition';
import { IcpDefinition } from './icp-definition.types';

/**
 * One version of a segment's ICP. Drafts are edited in place under an optimistic revision;
 * published and superseded rows are immutable (a trigger enforces it).
 */
@ObjectType({ implements: Node })
export class IcpVersion {
  @Field(() => ID)
  id: string;

  segmentId: string;

  @Field(() => Int, { description: '1, 2, 3 ... within the segment, in order of creation.' })
  number: number;

  @Field(() => VersionStatusEnum)
  status: VersionStatus;

  @Field(() => Int, { description: 'Increases on every draft edit; updateDraft must name the revision it read.' })
  revision: number;

  @Field(() => IcpDefinition)
  definition: IcpDefinitionSpec;

  @Field({ description: 'sha256 of the canonical definition.' })
  contentHash: string;

  @Field(() => String, { nullable: true })
  notes: string | null;

  basedOnId: string | null;

  @Field()
  createdBy: string;

  @Field()
  createdAt: Date;

  @Field({ description: 'Last edit of a draft; for other versions, when they were published or superseded.' })
  updatedAt: Date;

  discardedAt: Date | null;

  @Field(() => String, { nullable: true })
  publishedBy: string | null;

  @Field(() => Date, { nullable: true })
  publishedAt: Date | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'When the version took effect for reporting: publishedAt, or the earlier moment given at publish to record history from before fitgraph.',
  })
  effectiveAt: Date | null;

  @Field(() => Date, { nullable: true })
  supersededAt: Date | null;
}

export const { Edge: IcpVersionEdge, Connection: IcpVersionConnection } = connectionTypes(IcpVersion, 'IcpVersion');
