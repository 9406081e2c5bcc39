/**
 * Attribution: a lead or an opportunity counts in the tier its account had when it was
 * created, under the segment's version in effect then (by effectiveAt), with the override in
 * force then, read from score and override history rather than from today's score.
 */
import type { EntityManager } from 'typeorm';
import type { FitTier } from '../versions/icp-definition';

export interface Attributed {
  accountId: string;
  createdAt: Date;
  versionId: string;
  computedTier: FitTier;
  computedScore: number;
  /** Effective: the override's tier when one was in force, else the computed tier. */
  tier: FitTier;
  overrideId: string | null;
}

export interface AttributedLead extends Attributed {
  convertedAt: Date | null;
}

export interface AttributedOpportunity extends Attributed {
  closedAt: Date | null;
  outcome: 'OPEN' | 'WON' | 'LOST';
  amount: number | null;
}

const attributionSql = (table: 'lead' | 'opportunity', columns: string) => `
  WITH v AS (
    SELECT id, effective_at, lead(effective_at) OVER (ORDER BY effective_at) AS until
    FROM icp_version WHERE segment_id = $1 AND effective_at IS NOT NULL
  )
  SELECT x.account_id, x.created_at, ${columns}, v.id AS version_id, s.tier AS computed_tier, s.score::float8 AS computed_score,
         o.id AS override_id, coalesce(o.tier, s.tier) AS tier
  FROM ${table} x
  JOIN v ON x.created_at >= v.effective_at AND (v.until IS NULL OR x.created_at < v.until)
  JOIN account_score s ON s.account_id = x.account_id AND s.segment_id = $1 AND s.version_id = v.id
       AND s.valid_from <= x.created_at AND (s.valid_to IS NULL OR s.valid_to > x.created_at)
  -- At most one override is in force per account and segment at any moment (one open at a
  -- time), so a plain join finds it; unlike a LATERAL subquery it lets the planner hash-join.
  LEFT JOIN fit_override o ON o.account_id = x.account_id AND o.segment_id = $1 AND o.created_at <= x.created_at
       AND (o.revoked_at IS NULL OR o.revoked_at > x.created_at) AND (o.expires_at IS NULL OR o.expires_at > x.created_at)
  WHERE x.created_at >= $2 AND x.created_at < $3`;

const base = (r: any): Attributed => ({
  accountId: r.account_id, createdAt: r.created_at, versionId: r.version_id, computedTier: r.computed_tier,
  computedScore: r.computed_score, tier: r.tier, overrideId: r.override_id,
});

export async function attributedLeads(em: EntityManager, segmentId: string, from: Date, to: Date): Promise<AttributedLead[]> {
  const rows = await em.query(attributionSql('lead', 'x.converted_at'), [segmentId, from, to]);
  return rows.map((r: any) => ({ ...base(r), convertedAt: r.converted_at }));
}

export async function attributedOpportunities(em: EntityManager, segmentId: string, from: Date, to: Date): Promise<AttributedOpportunity[]> {
  const rows = await em.query(attributionSql('opportunity', 'x.closed_at, x.outcome, x.amount::float8 AS amount'), [segmentId, from, to]);
  return rows.map((r: any) => ({ ...base(r), closedAt: r.closed_at, outcome: r.outcome, amount: r.amount }));
}
