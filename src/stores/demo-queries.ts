/**
 * Read-only statements the demo seed uses to pick accounts (over scores, accounts, versions and
 * overrides); nothing outside src/demo calls them.
 */
import type { Sql } from '../db/sql';
import type { FitTier } from '../model/icp-definition';
import { isLiveVersion } from './version-store';

/** Up to `limit` accounts with a current score under the segment's live version and no override ever, by id. */
export async function accountsWithoutOverrides(
  db: Sql,
  segmentKey: string,
  limit: number,
): Promise<Array<{ accountId: string; tier: FitTier }>> {
  const rows: Array<{ account_id: string; tier: FitTier }> = await db.query(
    `SELECT s.account_id, s.tier FROM account_score s JOIN icp_version v ON v.id = s.version_id AND ${isLiveVersion('v')}
       JOIN segment g ON g.id = s.segment_id WHERE g.key = $1 AND s.valid_to IS NULL
         AND NOT EXISTS (SELECT 1 FROM fit_override o WHERE o.account_id = s.account_id AND o.segment_id = s.segment_id)
       ORDER BY s.account_id LIMIT ${limit}`,
    [segmentKey],
  );
  return rows.map((r) => ({ accountId: r.account_id, tier: r.tier }));
}

export interface ScoredAccount {
  external_id: string;
  tier: FitTier;
  /** Whether its techStack names salesforce. */
  salesforce: boolean;
  employees: number | null;
}

/** The accounts with a current score under the version, with what the demo's outcomes depend on, by external id. */
export async function scoredAccounts(db: Sql, versionId: string): Promise<ScoredAccount[]> {
  return db.query(
    `SELECT a.external_id, s.tier, coalesce(a.attributes->'techStack' @> '["salesforce"]', false) AS salesforce,
              CASE WHEN jsonb_typeof(a.attributes->'employees') = 'number' THEN (a.attributes->>'employees')::float8 END AS employees
       FROM account_score s JOIN account a ON a.id = s.account_id
       WHERE s.version_id = $1 AND s.valid_to IS NULL ORDER BY a.external_id`,
    [versionId],
  );
}
