import type { IcpVersion } from '../../model/icp-version.types';
import type { Member } from '../../stores/publish-job-store';
import type { DraftScore } from '../../stores/score-store';
import { scorerFor } from '../../domain/scoring/scorer-cache';

/** The members' scores under the version at `now`. */
export function scoreMembers(version: IcpVersion, now: Date, members: Member[]): DraftScore[] {
  const scorer = scorerFor(version);
  return members.map((m) => {
    const { score, tier, outcomes, nextChangeAt } = scorer.evaluate(m.attributes, now);
    return { accountId: m.id, score, tier, outcomes, nextChangeAt, computedAt: now };
  });
}
