import type { EntityManager } from 'typeorm';
import type { OverrideRow } from './override.types';

export const OVERRIDE_COLUMNS = `id, account_id, segment_id, version_id, computed_score, computed_tier, tier, score, justification, category,
  created_by, created_at, expires_at, revoked_by, revoked_at, revoke_reason, expiry_recorded_at, needs_review`;

/** Active at `$n`: not revoked and not yet expired (whether or not the expiry was recorded). */
export const ACTIVE_AT = (param: string) => `revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ${param})`;

export function toOverrideRow(r: Record<string, any>): OverrideRow {
  return {
    id: r.id, accountId: r.account_id, segmentId: r.segment_id, versionId: r.version_id,
    computedScore: Number(r.computed_score), computedTier: r.computed_tier, tier: r.tier,
    score: r.score === null ? null : Number(r.score), justification: r.justification, category: r.category,
    createdBy: r.created_by, createdAt: r.created_at, expiresAt: r.expires_at, revokedBy: r.revoked_by,
    revokedAt: r.revoked_at, revokeReason: r.revoke_reason, expiryRecordedAt: r.expiry_recorded_at, needsReview: r.needs_review,
  };
}

/** Overrides in force at `now` for one segment (a small set: overrides are exceptions). */
export async function activeOverridesInSegment(em: EntityManager, segmentId: string, now: Date): Promise<OverrideRow[]> {
  const rows = await em.query(`SELECT ${OVERRIDE_COLUMNS} FROM fit_override WHERE segment_id = $1 AND ${ACTIVE_AT('$2')}`, [segmentId, now]);
  return rows.map(toOverrideRow);
}
