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
  firstSequence: number;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
}
