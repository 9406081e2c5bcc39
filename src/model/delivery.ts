/**
 * The delivery shapes every layer shares: outbox events and their types, webhooks and their
 * deliveries (the GraphQL classes over them are in delivery.types.ts).
 */
export const EVENT_TYPES = [
  'FIT_CHANGED',
  'VERSION_PUBLISHED',
  'OVERRIDE_CREATED',
  'OVERRIDE_REVOKED',
  'OVERRIDE_EXPIRED',
  'FIT_REMOVED',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const FIT_CHANGE_CAUSES = [
  'ACCOUNT_UPDATED',
  'VERSION_PUBLISHED',
  'OVERRIDE_CREATED',
  'OVERRIDE_REVOKED',
  'OVERRIDE_EXPIRED',
  'TIME_PASSED',
] as const;
export type FitChangeCause = (typeof FIT_CHANGE_CAUSES)[number];

export const DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'FAILED'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface OutboxEvent {
  sequence: number;
  id: string;
  type: EventType;
  segmentId: string;
  accountId: string | null;
  versionId: string | null;
  occurredAt: Date;
  data: Record<string, unknown>;
  /** A publish's VERSION_PUBLISHED: the FIT_CHANGED events of the tiers it changed follow it in the stream. */
  fitChangesFollow?: boolean;
}

/** Where a reader is in the event stream (see streamAfter in stores/outbox-store.ts). */
export interface StreamPosition {
  /** Events up to this sequence are read, except what `inFitChangesAfter` says. */
  sequence: number;
  /**
   * Null: the event at `sequence` and the FIT_CHANGED events following it are read. Otherwise the
   * event at `sequence` is a publish whose FIT_CHANGED events are read up to this account id
   * (the nil uuid: none yet).
   */
  inFitChangesAfter: string | null;
}

/** An event as a webhook's POST carries it (and the README describes it). */
export interface EventPayload {
  id: string;
  type: EventType;
  occurredAt: string;
  data: Record<string, unknown>;
}

export interface WebhookRow {
  id: string;
  url: string;
  description: string | null;
  events: EventType[];
  segmentIds: string[] | null;
  active: boolean;
  /** The signing secret as stored: sealed (domain/delivery/secret-box.ts), or in clear if written before sealing and not yet sealed. */
  storedSecret: string;
  lastSequence: number;
  /** Inside the FIT_CHANGED events following the event at lastSequence: the last account put into a delivery (see StreamPosition). */
  lastAccountId: string | null;
  createdBy: string;
  createdByKeyId: string | null;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
}

export interface DeliveryRow {
  id: string;
  webhookId: string;
  eventIds: string[];
  /** The events as they were put into the delivery; null for deliveries made before they were kept. */
  events: EventPayload[] | null;
  firstSequence: number;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
}
