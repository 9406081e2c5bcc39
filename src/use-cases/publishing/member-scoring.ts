import type { IcpVersion } from '../../model/icp-version.types';
import type { Member } from '../../stores/publish-job-store';
import type { NewScore } from '../../stores/score-store';
import { scorerFor } from '../../domain/scoring/scorer-cache';

/** The members' scores under the version at `now`, and the row versions (xmin) they were computed from. */
export function scoreMembers(version: IcpVersion, segmentId: string, now: Date, members: Member[]): { rows: NewScore[]; xmins: string[] } {
  const scorer = scorerFor(version);
  const rows: NewScore[] = members.map((m) => ({
    accountId: m.id,
    segmentId,
    versionId: version.id,
    ...scorer.evaluate(m.attributes, now),
    validFrom: now,
    computedAt: now,
  }));
  return { rows, xmins: members.map((m) => m.xmin) };
}
