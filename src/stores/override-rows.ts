import type { EntityManager } from 'typeorm';
import type { TierThresholds } from '../model/icp-definition';
import type { OverrideRow } from '../model/override.types';

export const OVERRIDE_COLUMNS = `id, account_id, segment_id, version_id, computed_score, computed_tier, tier, score, justification, category,
  created_by, created_by_key_id, created_at, expires_at, revoked_by, revoked_by_key_id, revoked_at, revoke_reason, expiry_recorded_at, needs_review`;

/**
 * The one definition of an override in force at `instant` (an SQL expression: `$3` for now,
 * `x.created_at` for history): made by then, not revoked by then, not expired by then (whether
 * or not the expiry was recorded yet). `alias` is the table alias, or '' for none.
 */
export function inForceAt(alias: string, instant: string): string {
  const o = alias ? `${alias}.` : '';
  return (
    `${o}created_at <= ${instant} AND (${o}revoked_at IS NULL OR ${o}revoked_at > ${instant})` +
    ` AND (${o}expires_at IS NULL OR ${o}expires_at > ${instant})`
  );
}

/** Rows come from pg (Date) or from jsonb aggregates (ISO strings). */
const asDate = (v: unknown): Date | null => (v == null ? null : v instanceof Date ? v : new Date(v as string));

export function toOverrideRow(r: Record<string, any>): OverrideRow {
  return {
    id: r.id,
    accountId: r.account_id,
    segmentId: r.segment_id,
    versionId: r.version_id,
    computedScore: Number(r.computed_score),
    computedTier: r.computed_tier,
    tier: r.tier,
    score: r.score === null ? null : Number(r.score),
    justification: r.justification,
    category: r.category,
    createdBy: r.created_by,
    createdByKeyId: r.created_by_key_id ?? null,
    createdAt: asDate(r.created_at)!,
    expiresAt: asDate(r.expires_at),
    revokedBy: r.revoked_by,
    revokedByKeyId: r.revoked_by_key_id ?? null,
    revokedAt: asDate(r.revoked_at),
    revokeReason: r.revoke_reason,
    expiryRecordedAt: asDate(r.expiry_recorded_at),
    needsReview: r.needs_review,
  };
}

/**
 * What ranking a segment needs, in one statement: its live version's id and thresholds, and the
 * overrides in force at `now` (a small set: overrides are exceptions). Null for an unknown key.
 */
export async function rankingContext(
  em: EntityManager,
  segmentKey: string,
  now: Date,
): Promise<{
  segmentId: string;
  versionId: string | null;
  thresholds: TierThresholds | null;
  overrides: OverrideRow[];
} | null> {
  const [row] = await em.query(
    `SELECT g.id AS segment_id, v.id AS version_id, v.definition -> 'thresholds' AS thresholds,
            (SELECT coalesce(jsonb_agg(to_jsonb(o)), '[]') FROM fit_override o
             WHERE o.segment_id = g.id AND ${inForceAt('o', '$2')}) AS overrides
     FROM segment g LEFT JOIN icp_version v ON v.segment_id = g.id AND v.status = 'PUBLISHED'
     WHERE g.key = $1`,
    [segmentKey, now],
  );
  if (!row) return null;
  return { segmentId: row.segment_id, versionId: row.version_id, thresholds: row.thresholds, overrides: row.overrides.map(toOverrideRow) };
}
