import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { Account } from '../../model/account.types';
import { PageArgs } from '../../common/pagination';
import type { AppContext } from '../../use-cases/context';
import { NotFoundError } from '../../errors/domain-errors';
import { Segment } from '../../model/segment.types';
import { IcpVersion } from '../../model/icp-version.types';
import {
  CreatedWebhook,
  DeliveryStatusEnum,
  FitChangeCauseEnum,
  FitChange,
  FitSnapshot,
  Webhook,
  WebhookDelivery,
  WebhookDeliveryConnection,
  WebhookInput,
} from '../../model/delivery.types';
import { fitChangeFeed } from '../../use-cases/delivery/fit-change-feed';
import type { DeliveryRow, DeliveryStatus, FitChangeCause, OutboxEvent, WebhookRow } from '../../model/delivery';
import type { WebhookService } from '../../use-cases/delivery/webhook.service';

@Resolver(() => Webhook)
export class WebhookResolver {
  constructor(private readonly webhookService: WebhookService) {}

  @Query(() => [Webhook], { description: 'ADMIN and AUDITOR.' })
  webhooks(@Ctx() ctx: AppContext): Promise<WebhookRow[]> {
    return this.webhookService.list(ctx);
  }

  @Query(() => WebhookDeliveryConnection, { description: 'Newest first. ADMIN and AUDITOR.' })
  webhookDeliveries(
    @Ctx() ctx: AppContext,
    @Arg('webhookId', () => ID) webhookId: string,
    @Arg('status', () => DeliveryStatusEnum, { nullable: true }) status: DeliveryStatus | null,
    @Args(() => PageArgs) page: PageArgs,
  ) {
    return this.webhookService.deliveries(ctx, { webhookId, status, ...page });
  }

  @Mutation(() => CreatedWebhook, { description: 'ADMIN only; audited.' })
  createWebhook(@Ctx() ctx: AppContext, @Arg('input', () => WebhookInput) input: WebhookInput) {
    return this.webhookService.create(ctx, input);
  }

  @Mutation(() => Webhook)
  updateWebhook(
    @Ctx() ctx: AppContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => WebhookInput) input: WebhookInput,
  ): Promise<WebhookRow> {
    return this.webhookService.update(ctx, id, input);
  }

  @Mutation(() => Boolean)
  deleteWebhook(@Ctx() ctx: AppContext, @Arg('id', () => ID) id: string): Promise<boolean> {
    return this.webhookService.delete(ctx, id);
  }

  @Mutation(() => WebhookDelivery, { description: 'Sends a delivery again at once, whatever its status.' })
  redeliverWebhook(@Ctx() ctx: AppContext, @Arg('deliveryId', () => ID) deliveryId: string): Promise<DeliveryRow> {
    return this.webhookService.redeliver(ctx, deliveryId);
  }

  @FieldResolver(() => [String], { nullable: true })
  async segmentKeys(@Root() w: WebhookRow, @Ctx() ctx: AppContext): Promise<string[] | null> {
    if (!w.segmentIds) return null;
    const segments = await ctx.loaders.segmentById.loadMany(w.segmentIds);
    return segments.flatMap((s) => (s && !(s instanceof Error) ? [s.key] : []));
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  constructor(private readonly webhookService: WebhookService) {}

  @FieldResolver(() => Webhook)
  async webhook(@Root() d: DeliveryRow, @Ctx() ctx: AppContext): Promise<WebhookRow> {
    return (await this.webhookService.ofDelivery(ctx, d))!;
  }
}

@Resolver(() => FitChange)
export class FitChangeResolver {
  @Subscription(() => FitChange, {
    description: 'Every change of an effective tier in the segment, as it commits.',
    subscribe: async ({ args, context }) => {
      const ctx = context as AppContext;
      const segment = await ctx.loaders.segmentByKey.load(args.segmentKey as string);
      if (!segment) throw new NotFoundError(`segmentKey: segment "${args.segmentKey}" not found`, { field: 'segmentKey' });
      return fitChangeFeed(ctx.em.connection, ctx.log).changes(segment.id);
    },
  })
  fitChanged(@Root() event: OutboxEvent, @Arg('segmentKey') _segmentKey: string): OutboxEvent {
    return event;
  }

  @FieldResolver(() => ID)
  eventId(@Root() e: OutboxEvent): string {
    return e.id;
  }

  @FieldResolver(() => Account)
  async account(@Root() e: OutboxEvent, @Ctx() ctx: AppContext): Promise<Account> {
    return (await ctx.loaders.accountById.load(e.accountId!))!;
  }

  @FieldResolver(() => Segment)
  async segment(@Root() e: OutboxEvent, @Ctx() ctx: AppContext): Promise<Segment> {
    return (await ctx.loaders.segmentById.load(e.segmentId))!;
  }

  @FieldResolver(() => IcpVersion)
  async version(@Root() e: OutboxEvent, @Ctx() ctx: AppContext): Promise<IcpVersion> {
    return (await ctx.loaders.versionById.load(e.versionId!))!;
  }

  @FieldResolver(() => FitSnapshot, { nullable: true })
  before(@Root() e: OutboxEvent): FitSnapshot | null {
    return (e.data.before as FitSnapshot | null) ?? null;
  }

  @FieldResolver(() => FitSnapshot)
  after(@Root() e: OutboxEvent): FitSnapshot {
    return e.data.after as FitSnapshot;
  }

  @FieldResolver(() => FitChangeCauseEnum)
  cause(@Root() e: OutboxEvent): FitChangeCause {
    return e.data.cause as FitChangeCause;
  }
}
