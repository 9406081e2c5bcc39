import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Account } from './account.types';
import { enumObject, FitTierEnum } from './enums';
import { connectionTypes } from '../common/pagination';
import { Segment } from './segment.types';
import type { FitTier } from './icp-definition';
import { IcpVersion } from './icp-version.types';
import { DELIVERY_STATUSES, EVENT_TYPES, FIT_CHANGE_CAUSES, type DeliveryStatus, type EventType, type FitChangeCause } from './delivery';

export const WebhookEventTypeEnum = enumObject(EVENT_TYPES);
export const FitChangeCauseEnum = enumObject(FIT_CHANGE_CAUSES);
export const DeliveryStatusEnum = enumObject(DELIVERY_STATUSES);

registerEnumType(WebhookEventTypeEnum, {
  name: 'WebhookEventType',
  valuesConfig: {
    FIT_CHANGED: {
      description: 'The effective tier of an account in a segment changed (data.before / data.after: score, tier, overridden; data.cause).',
    },
    FIT_REMOVED: {
      description:
        'An account left a segment, so it has no fit there any more (data.before: its last fit; data.after: null; data.cause: ACCOUNT_UPDATED or TIME_PASSED). Sent only to webhooks that ask for it.',
    },
  },
});
registerEnumType(FitChangeCauseEnum, {
  name: 'FitChangeCause',
  valuesConfig: { TIME_PASSED: { description: 'A WITHIN_DAYS window or an age band ended (layer 05).' } },
});
registerEnumType(DeliveryStatusEnum, {
  name: 'DeliveryStatus',
  valuesConfig: { FAILED: { description: 'Retries exhausted; redeliverWebhook sends it again.' } },
});

@ObjectType()
export class Webhook {
  @Field(() => ID) id: string;
  @Field() url: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => [WebhookEventTypeEnum]) events: EventType[];
  @Field(() => [String], { nullable: true, description: 'Only events of these segments; null: every segment.' }) segmentKeys:
    string[] | null;
  @Field() active: boolean;
  @Field() createdBy: string;
  @Field() createdAt: Date;
}

@ObjectType({ description: 'Returned once: the signing secret is never shown again.' })
export class CreatedWebhook {
  @Field(() => Webhook) webhook: Webhook;
  @Field() secret: string;
}

@InputType()
export class WebhookInput {
  @Field({ description: 'http or https.' }) url: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => [WebhookEventTypeEnum]) events: EventType[];
  @Field(() => [String], { nullable: true }) segmentKeys?: string[] | null;
  @Field(() => Boolean, { nullable: true, defaultValue: true }) active?: boolean | null;
}

@ObjectType()
export class WebhookDelivery {
  @Field(() => ID) id: string;
  @Field(() => Webhook) webhook: Webhook;
  @Field(() => [ID]) eventIds: string[];
  @Field(() => DeliveryStatusEnum) status: DeliveryStatus;
  @Field(() => Int) attempts: number;
  @Field(() => Int, { nullable: true }) lastStatusCode: number | null;
  @Field(() => String, { nullable: true }) lastError: string | null;
  @Field(() => Date, { nullable: true }) nextAttemptAt: Date | null;
  @Field(() => Date, { nullable: true }) deliveredAt: Date | null;
  @Field() createdAt: Date;
}

export const { Edge: WebhookDeliveryEdge, Connection: WebhookDeliveryConnection } = connectionTypes(WebhookDelivery, 'WebhookDelivery');

/** An effective fit at one moment: what a CRM shows (the outbox stores it as the event's before and after). */
@ObjectType()
export class FitSnapshot {
  @Field(() => Float) score: number;
  @Field(() => FitTierEnum) tier: FitTier;
  @Field() overridden: boolean;
}

@ObjectType()
export class FitChange {
  @Field(() => ID) eventId: string;
  @Field(() => Account) account: Account;
  @Field(() => Segment) segment: Segment;
  @Field(() => IcpVersion) version: IcpVersion;
  @Field(() => FitSnapshot, { nullable: true, description: 'null when the account had no fit in the segment before.' })
  before: FitSnapshot | null;
  @Field(() => FitSnapshot) after: FitSnapshot;
  @Field(() => FitChangeCauseEnum) cause: FitChangeCause;
  @Field() occurredAt: Date;
}
