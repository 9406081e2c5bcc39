import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { TierMigration } from './version.types';

export const PUBLISH_STATES = ['QUEUED', 'PREPARING', 'FLIPPING', 'DONE', 'FAILED', 'CANCELLED'] as const;
export type PublishState = (typeof PUBLISH_STATES)[number];
export const PublishStateEnum = Object.fromEntries(PUBLISH_STATES.map((s) => [s, s])) as { [K in PublishState]: K };
export const UNFINISHED: readonly PublishState[] = ['QUEUED', 'PREPARING', 'FLIPPING'];

registerEnumType(PublishStateEnum, {
  name: 'PublishState',
  valuesConfig: {
    PREPARING: { description: "The draft's scores are being computed; the previous version is live and fully served." },
    FLIPPING: { description: 'The short transaction that makes the version live is running.' },
    FAILED: { description: 'Nothing changed: the previous version is still live and the draft still a draft.' },
  },
});

/** What a finished publish stored; the GraphQL PublishResult is built from it. */
export interface StoredPublishResult {
  supersededId: string | null;
  accountsScored: number;
  tierChanges: TierMigration[];
  overridesFlagged: number;
}

@ObjectType({ description: 'A publish: queued, prepared in the background, then made live in one short transaction.' })
export class PublishJob {
  @Field(() => ID) id: string;
  segmentId: string;
  versionId: string;
  @Field(() => PublishStateEnum) state: PublishState;
  @Field(() => String, { nullable: true }) notes: string | null;
  /** False: the publish keeps the draft's own notes. */
  notesGiven: boolean;
  @Field(() => Date, { nullable: true }) effectiveAt: Date | null;
  @Field() requestedBy: string;
  requestedByKeyId: string | null;
  requestedByRole: string;
  @Field() requestedAt: Date;
  startedAt: Date | null;
  @Field(() => Date, { nullable: true }) finishedAt: Date | null;
  @Field(() => Int, { nullable: true, description: 'Members of the segment when preparation began; null while QUEUED.' })
  accountsTotal: number | null;
  @Field(() => Int, { description: 'Scored so far under the new version.' })
  accountsScored: number;
  stored: StoredPublishResult | null;
  @Field(() => String, { nullable: true, description: 'Set when FAILED: what went wrong, in words.' })
  error: string | null;
}
