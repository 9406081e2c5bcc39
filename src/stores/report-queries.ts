/**
 * The reports' read-only statements that join many tables (account, account_score,
 * fit_override, lead, opportunity), so that no single table's store owns them. They write
 * nothing; each table's conditions come from its store's fragments where one exists.
 *
 * Attribution: a lead or an opportunity counts in the tier its account had when it was
 * created, under the segment's version in effect then (by effectiveAt), with the override in
 * force then, read from score and override history rather than from today's score.
 */
import type { Sql } from '../db/sql';
import { isMemberOf } from './account-store';
import type { FitTier } from '../model/icp-definition';
import type { TierOutcomes } from '../domain/statistics/conversion-metrics';
import { inForceAt } from './override-store';

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

export interface AttributedOpportunity extends Attributed {
  closedAt: Date | null;
  outcome: 'OPEN' | 'WON' | 'LOST';
  amount: number | null;
}

/** The tables the attribution joins read: reports refresh their statistics first (src/db/statistics.ts). */
export const REPORT_TABLES = ['account_score', 'fit_override', 'lead', 'opportunity'] as const;

/**
 * One version's slice of a period: the version is a parameter rather than a range join against
 * the segment's version list, which the planner cannot estimate (it then picks a nested loop
 * over every lead; this way it hash-joins).
 */
const attributionSql = (table: 'lead' | 'opportunity', columns: string) => `
  SELECT x.account_id, x.created_at, ${columns}, s.version_id, s.tier AS computed_tier, s.score::float8 AS computed_score,
         o.id AS override_id, coalesce(o.tier, s.tier) AS tier
  ${attributedFrom(table)}`;

/** The rows of `table` created in [$3, $4) with their account's score under version $2 then, and the override in force. */
const attributedFrom = (table: 'lead' | 'opportunity') => `
  FROM ${table} x
  JOIN account_score s ON s.account_id = x.account_id AND s.version_id = $2
       AND s.valid_from <= x.created_at AND (s.valid_to IS NULL OR s.valid_to > x.created_at)
  -- At most one override is in force per account and segment at any moment (one open at a
  -- time), so a plain join finds it; unlike a LATERAL subquery it lets the planner hash-join.
  LEFT JOIN fit_override o ON o.account_id = x.account_id AND o.segment_id = $1 AND ${inForceAt('o', 'x.created_at')}
  WHERE x.created_at >= $3 AND x.created_at < $4`;

const days = (end: string) => `extract(epoch FROM ${end} - x.created_at)::float8 / 86400`;

/**
 * The comparison's inputs for one period, aggregated in SQL: leads counted by tier and by days to
 * conversion, opportunities counted by tier with the closed ones' times and the won ones' amounts
 * as arrays (the samples the tests need; open opportunities never leave the database).
 */
export async function periodAggregates(db: Sql, segmentId: string, spans: VersionSpan[], from: Date, to: Date): Promise<TierOutcomes[]> {
  const tier = 'coalesce(o.tier, s.tier)';
  const parts = await Promise.all(
    slices(spans, from, to).flatMap((p) => {
      const params = [segmentId, p.versionId, p.from, p.to];
      return [
        db.query(
          `SELECT ${tier} AS tier, ceil(${days('x.converted_at')})::int AS days, count(*)::int AS n ${attributedFrom('lead')} GROUP BY 1, 2`,
          params,
        ),
        // One pass over the opportunities (aggregates of one query level are fed the same rows in
        // the same order, so the won deals' arrays stay aligned).
        db.query(
          `SELECT ${tier} AS tier, count(*)::int AS opportunities,
                  array_agg(${days('x.closed_at')}) FILTER (WHERE x.outcome = 'WON') AS cycle_days,
                  array_agg(x.amount::float8) FILTER (WHERE x.outcome = 'WON') AS amounts,
                  array_agg(${days('x.closed_at')}) FILTER (WHERE x.outcome = 'LOST') AS lost_days
                ${attributedFrom('opportunity')} GROUP BY 1`,
          params,
        ),
      ];
    }),
  );
  const byTier = new Map<FitTier, TierOutcomes>();
  const at = (t: FitTier) =>
    byTier.get(t) ?? byTier.set(t, { tier: t, leads: 0, conversionDays: new Map(), opportunities: 0, won: [], lostDays: [] }).get(t)!;
  for (let i = 0; i < parts.length; i += 2) {
    for (const r of parts[i]) {
      const c = at(r.tier);
      c.leads += r.n;
      if (r.days !== null) c.conversionDays.set(r.days, (c.conversionDays.get(r.days) ?? 0) + r.n);
    }
    for (const r of parts[i + 1]) {
      const c = at(r.tier);
      c.opportunities += r.opportunities;
      (r.cycle_days ?? []).forEach((d: number, k: number) => c.won.push({ tier: r.tier, cycleDays: d, amount: r.amounts[k] }));
      for (const d of r.lost_days ?? []) c.lostDays.push(d);
    }
  }
  return [...byTier.values()];
}

/** A version in effect from `from` until `to` (the next version's effectiveAt, or open). */
export interface VersionSpan {
  versionId: string;
  from: Date;
  to: Date | null;
}

/** The versions' slices of [from, to): each slice is attributed under the version then in effect. */
function slices(spans: VersionSpan[], from: Date, to: Date): Array<{ versionId: string; from: Date; to: Date }> {
  return spans
    .map((v) => ({ versionId: v.versionId, from: v.from > from ? v.from : from, to: v.to && v.to < to ? v.to : to }))
    .filter((v) => v.from < v.to);
}

async function attributed<T>(
  db: Sql,
  table: 'lead' | 'opportunity',
  columns: string,
  segmentId: string,
  spans: VersionSpan[],
  from: Date,
  to: Date,
  map: (r: any) => T,
): Promise<T[]> {
  const parts = await Promise.all(
    slices(spans, from, to).map((p) => db.query(attributionSql(table, columns), [segmentId, p.versionId, p.from, p.to])),
  );
  return parts.flat().map(map);
}

const base = (r: any): Attributed => ({
  accountId: r.account_id,
  createdAt: r.created_at,
  versionId: r.version_id,
  computedTier: r.computed_tier,
  computedScore: r.computed_score,
  tier: r.tier,
  overrideId: r.override_id,
});

/** Opportunities created in [from, to), each in the tier its account had under the version then in effect. */
export function attributedOpportunities(
  db: Sql,
  segmentId: string,
  spans: VersionSpan[],
  from: Date,
  to: Date,
): Promise<AttributedOpportunity[]> {
  return attributed(db, 'opportunity', 'x.closed_at, x.outcome, x.amount::float8 AS amount', segmentId, spans, from, to, (r) => ({
    ...base(r),
    closedAt: r.closed_at,
    outcome: r.outcome,
    amount: r.amount,
  }));
}

/** Current accounts per effective tier under the live version: the override's tier where one is in force at `at`. */
export function effectiveTierCounts(db: Sql, versionId: string, at: Date): Promise<Array<{ tier: FitTier; n: number }>> {
  return db.query(
    `SELECT coalesce(o.tier, s.tier) AS tier, count(*)::int AS n FROM account_score s
         LEFT JOIN fit_override o ON o.account_id = s.account_id AND o.segment_id = s.segment_id
              AND ${inForceAt('o', '$2')}
         WHERE s.version_id = $1 AND s.valid_to IS NULL GROUP BY 1`,
    [versionId, at],
  );
}

/** Makes the caller's (just opened) transaction one read-only snapshot: every read sees the same data, and no write is possible. */
export async function readOnlySnapshot(db: Sql): Promise<void> {
  await db.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
}

/** The closed opportunities of the segment's accounts: whose account, and whether it was won. */
export async function closedOpportunitiesOfSegment(db: Sql, segmentId: string): Promise<Array<{ accountId: string; won: boolean }>> {
  const rows: Array<{ account_id: string; won: boolean }> = await db.query(
    `SELECT o.account_id, o.outcome = 'WON' AS won FROM opportunity o JOIN account a ON a.id = o.account_id
       WHERE o.outcome <> 'OPEN' AND ${isMemberOf('a', '$1')}`,
    [segmentId],
  );
  return rows.map((r) => ({ accountId: r.account_id, won: r.won }));
}
