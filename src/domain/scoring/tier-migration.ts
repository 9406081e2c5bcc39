import { FIT_TIERS, type FitTier } from '../../model/icp-definition';
import type { TierMigration } from '../../model/version.types';

/** Counts accounts by (tier before, tier after), as publishes and backtests report them. */
export class TierMigrationCounter {
  private readonly counts = new Map<string, number>();

  add(from: FitTier | null, to: FitTier, accounts = 1): void {
    const key = `${from ?? ''}>${to}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + accounts);
  }

  /** Best tier first, "no tier before" ahead of all. */
  moves(): TierMigration[] {
    const rank = (t: FitTier | null) => (t === null ? -1 : FIT_TIERS.indexOf(t));
    return [...this.counts.entries()]
      .map(([key, accounts]) => {
        const [from, to] = key.split('>');
        return { from: (from || null) as FitTier | null, to: to as FitTier, accounts };
      })
      .sort((a, b) => rank(a.from) - rank(b.from) || rank(a.to) - rank(b.to));
  }
}
