import type { AppContext } from '../context';
import { BadUserInputError, NotFoundError } from '../../errors/domain-errors';
import type { Segment } from '../../model/segment.types';
import { FIT_TIERS, type FitTier } from '../../model/icp-definition';
import type { IcpVersion } from '../../model/icp-version.types';
import { effectiveVersionsOf } from '../../stores/version-store';
import type { VersionService } from '../versions/version.service';
import { DAY } from '../../common/dates';

export const TIERS: readonly FitTier[] = FIT_TIERS;

/** A version of the segment that took effect (published or superseded), named by `field`. */
export async function effectiveVersion(
  services: { versions: VersionService },
  ctx: AppContext,
  segment: Segment,
  id: string,
  field: string,
): Promise<IcpVersion> {
  const version = await services.versions.getById(ctx, id, field);
  if (version.segmentId !== segment.id)
    throw BadUserInputError.forField(field, `version ${id} belongs to another segment than "${segment.key}"`);
  if (!version.effectiveAt)
    throw BadUserInputError.forField(field, `version ${version.number} is a draft: it has no period (backtest it instead)`);
  return version;
}

/** The segment's versions that took effect, by effectiveAt. */
export async function timeline(ctx: AppContext, segment: Segment): Promise<IcpVersion[]> {
  return effectiveVersionsOf(ctx.em, segment.id);
}

/** The segment's versions as the spans in which each was in effect, for attribution. */
export function spansOf(versions: IcpVersion[]): Array<{ versionId: string; from: Date; to: Date | null }> {
  return versions.map((v, i) => ({ versionId: v.id, from: v.effectiveAt!, to: versions[i + 1]?.effectiveAt ?? null }));
}

/** When a version was in effect: from its effectiveAt to the next version's, or to now. */
export function periodOf(version: IcpVersion, versions: IcpVersion[], now: Date): { from: Date; to: Date } {
  const next = versions.find((v) => v.effectiveAt!.getTime() > version.effectiveAt!.getTime());
  return { from: version.effectiveAt!, to: next?.effectiveAt ?? now };
}

export async function liveOrThrow(services: { versions: VersionService }, ctx: AppContext, segment: Segment): Promise<IcpVersion> {
  const live = await services.versions.liveVersion(ctx, segment.id);
  if (!live) throw new NotFoundError(`segmentKey: segment "${segment.key}" has no live version`, { field: 'segmentKey' });
  return live;
}

export function checkWindow(windowDays: number | null | undefined): number | null {
  if (windowDays == null) return null;
  if (!Number.isInteger(windowDays) || windowDays < 1 || windowDays > 3650)
    throw BadUserInputError.forField('windowDays', `must be 1 to 3650 days (got ${windowDays})`);
  return windowDays * DAY;
}

/** A follow-up horizon in whole days, or null. */
export function checkFollowUp(followUpDays: number | null | undefined): number | null {
  if (followUpDays == null) return null;
  if (!Number.isInteger(followUpDays) || followUpDays < 1 || followUpDays > 3650)
    throw BadUserInputError.forField('followUpDays', `must be 1 to 3650 days (got ${followUpDays})`);
  return followUpDays;
}
