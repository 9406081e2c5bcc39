/** Pure rules of effective fits: an override's band, its effective score, its status at a moment. */
import type { FitTier, TierThresholdsSpec } from '../../model/icp-definition';
import type { OverrideStatus } from '../../model/override.types';

/** The scores a tier covers under these thresholds, both ends inclusive (two decimals). */
export function bandOf(tier: FitTier, t: TierThresholdsSpec): [number, number] {
  const below = (x: number) => Math.round((x - 0.01) * 100) / 100;
  switch (tier) {
    case 'PERFECT':
      return [t.perfect, 100];
    case 'STRONG':
      return [t.strong, below(t.perfect)];
    case 'MODERATE':
      return [t.moderate, below(t.strong)];
    case 'WEAK':
      return [0, below(t.moderate)];
    case 'DISQUALIFIED':
      return [0, 0];
  }
}

/**
 * The score shown for an overridden fit: the explicit one, else the computed score moved into
 * the tier's band (to its lower bound from below, to just under the next tier from above).
 */
export function effectiveScore(tier: FitTier, explicit: number | null, computed: number, t: TierThresholdsSpec): number {
  if (explicit !== null) return explicit;
  const [low, high] = bandOf(tier, t);
  return Math.min(high, Math.max(low, computed));
}

export function statusAt(o: { revokedAt: Date | null; expiresAt: Date | null }, now: Date): OverrideStatus {
  if (o.revokedAt) return 'REVOKED';
  if (o.expiresAt && o.expiresAt.getTime() <= now.getTime()) return 'EXPIRED';
  return 'ACTIVE';
}
