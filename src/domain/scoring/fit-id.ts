/**
 * A fit has no row of its own: it is an account's standing in a segment under a version, the
 * computed score with the override in force over it. Its id names that triple (the version
 * names the segment), so it stays the same while scores and overrides change, and differs from
 * every UUID row id.
 */
import { UUID_PATTERN } from '../../common/ids';

// Lower case only, as PostgreSQL prints UUIDs: another spelling is not a fit id.
const FIT_KEY = new RegExp(`^Fit:(${UUID_PATTERN}):(${UUID_PATTERN})$`);

export function fitId(accountId: string, versionId: string): string {
  return Buffer.from(`Fit:${accountId}:${versionId}`).toString('base64url');
}

/** The account and version a fit id names, or null when the id is not a fit id. */
export function parseFitId(id: string): { accountId: string; versionId: string } | null {
  const match = FIT_KEY.exec(Buffer.from(id, 'base64url').toString('utf8'));
  return match ? { accountId: match[1], versionId: match[2] } : null;
}
