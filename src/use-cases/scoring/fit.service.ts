import { attributeIssues } from '../../domain/accounts/attribute-values';
import type { AttributeService } from '../attributes/attribute.service';
import {
  checkPageSize,
  encodeCursor,
  listScope,
  pageOfList,
  pageRequest,
  toPage,
  withDeferredCount,
  type Page,
  type PageArgs,
  type PageRequest,
} from '../../common/pagination';
import type { AppContext } from '../context';
import { assertNoIssues, BadUserInputError, NotFoundError } from '../../errors/domain-errors';
import { effectiveScore } from '../../domain/overrides/effective-fit';
import type { Override } from '../../model/override.types';
import type { TierThresholdsSpec } from '../../model/icp-definition';
import type { VersionService } from '../versions/version.service';
import { scorerFor } from '../../domain/scoring/scorer-cache';
import type { RankPosition, ScoreRow } from '../../stores/score-store';
import type { Fit, FitFilter, Score } from '../../model/score.types';
import type { Account } from '../../model/account.types';
import type { IcpVersion } from '../../model/icp-version.types';
import {
  changedFitRows,
  countChangedFits,
  countRankedScores,
  fitsPageStatement,
  FULL_FITS_PAGE,
  type ChangedFitsQuery,
  type FitsPageReads,
  type RankingQuery,
} from '../../stores/fit-queries';
import type { TierMigration } from '../../model/version.types';
import type { ReadBatches } from '../read-batches';

export type { FitsPageReads };

/** A stored score; `effectiveAt` is its version's, from which a prepared row holds (its validFrom is null). */
export function scoreOf(row: ScoreRow, effectiveAt: Date | null = null): Score {
  return {
    accountId: row.accountId,
    versionId: row.versionId,
    score: row.score,
    tier: row.tier,
    outcomes: row.outcomes,
    computedAt: row.computedAt,
    validFrom: row.validFrom ?? effectiveAt ?? row.computedAt,
    validTo: row.validTo,
    nextChangeAt: row.nextChangeAt,
    current: row.validTo === null,
  };
}

/**
 * The effective fit under a live version (its thresholds and effectiveAt): the active override
 * over the computed score, else the computed score. The computed Score is built when first read:
 * a page of scores and tiers reads none.
 */
export function fitOf(row: ScoreRow, override: Override | null, live: { thresholds: TierThresholdsSpec; effectiveAt: Date | null }): Fit {
  let computed: Score | undefined;
  return {
    accountId: row.accountId,
    segmentId: row.segmentId,
    versionId: row.versionId,
    score: override ? effectiveScore(override.tier, override.score, row.score, live.thresholds) : row.score,
    tier: override ? override.tier : row.tier,
    overridden: override !== null,
    override,
    get computed(): Score {
      return (computed ??= scoreOf(row, live.effectiveAt));
    },
  };
}

function checkFilter(filter: FitFilter | null | undefined): void {
  const { minScore, maxScore, tiers } = filter ?? {};
  for (const [field, value] of [
    ['minScore', minScore],
    ['maxScore', maxScore],
  ] as const) {
    if (value != null && (value < 0 || value > 100))
      throw BadUserInputError.forField(`filter.${field}`, `must be between 0 and 100 (got ${value})`);
  }
  if (minScore != null && maxScore != null && minScore > maxScore)
    throw BadUserInputError.forField('filter.minScore', 'must not exceed filter.maxScore');
  if (tiers && tiers.length === 0) throw BadUserInputError.forField('filter.tiers', 'must name at least one tier');
}

const matches = (f: Fit, filter: FitFilter | null | undefined) =>
  (!filter?.tiers || filter.tiers.includes(f.tier)) &&
  (filter?.minScore == null || f.score >= filter.minScore) &&
  (filter?.maxScore == null || f.score <= filter.maxScore);
/** Ranking: effective score, highest first, then account id. */
const ranksBefore = (a: { score: number; accountId: string }, b: { score: number; accountId: string }) =>
  a.score > b.score || (a.score === b.score && a.accountId < b.accountId);

/** The (score, account id) of a ranking cursor's key, as the score store reads it. */
export function rankPosition(key: unknown[] | null): RankPosition | null {
  return key ? { score: key[0] as string, accountId: key[1] as string } : null;
}

/** The list a fits cursor belongs to: a segment's ranking under one filter. */
export const fitsScope = (segmentKey: string, filter: FitFilter | null | undefined) => listScope('fits', { segmentKey, filter });

/** A cursor of the fits of a segment at (score, account id), as `fits` gives it (the bench pages with these). */
export function fitsCursor(segmentKey: string, filter: FitFilter | null | undefined, score: number, accountId: string): string {
  return encodeCursor(fitsScope(segmentKey, filter), [score.toFixed(2), accountId]);
}

/**
 * An account's current effective fit in one segment under its live version, through the
 * request's loaders; null when the account is not in the segment or no version is live.
 */
export async function currentFit(ctx: AppContext, account: { id: string; segmentIds: string[] }, segmentId: string): Promise<Fit | null> {
  if (!account.segmentIds.includes(segmentId)) return null;
  const live = await ctx.loaders.liveVersionBySegmentId.load(segmentId);
  if (!live) return null;
  const fit = await ctx.loaders.fitRow.load(`${live.id}:${segmentId}:${account.id}`);
  return fit ? fitOf(fit.row, fit.override, { thresholds: live.definition.thresholds, effectiveAt: live.effectiveAt }) : null;
}

/** Score rows a history connection reads at most (one per version published and per change). */
export const MAX_HISTORY = 10_000;

export class FitService {
  /**
   * Below this many tier moves in a publish, a page of its changed fits gathers its whole window
   * first (both versions read once and hashed) rather than walk the ranking probing the previous
   * version per row. Measured at 100,000 accounts, a walk costs about 4 times a hash per member
   * read (6-10 µs against 2) and reads about 50 x members / moves rows per page: walking wins
   * above about 200 moves, whatever the segment's size. Tests set it to run both plans.
   */
  changedFitsSparseBelow = 200;

  constructor(
    private readonly versions: VersionService,
    private readonly attributes: AttributeService,
    private readonly reads: ReadBatches,
  ) {}

  /**
   * The ranked list of a segment under its live version, by effective score then account id.
   * Keyset pagination on (score, account id), so pages stay stable while accounts change.
   * Accounts without an override come from the ranking index in order; the few overridden
   * ones are ranked by their effective score and merged in.
   */
  async fits(
    ctx: AppContext,
    segmentKey: string,
    filter: FitFilter | null | undefined,
    page: PageArgs,
    reads: FitsPageReads = FULL_FITS_PAGE,
  ): Promise<Page<Fit>> {
    const request: PageRequest = pageRequest(fitsScope(segmentKey, filter), page, ['score', 'uuid']);
    checkFilter(filter);
    const cursor = rankPosition(request.cursor);
    const bound = rankPosition(request.bound);
    const { size, backward } = request;
    // Segment and live version from the process's caches; then the page, the overridden fits and
    // their accounts in one statement, as a page is read often.
    const segment = await ctx.loaders.segmentByKey.load(segmentKey);
    if (!segment) throw new NotFoundError(`segmentKey: segment "${segmentKey}" not found`, { field: 'segmentKey' });
    const live = await ctx.loaders.liveVersionBySegmentId.load(segment.id);
    if (!live)
      return toPage(
        [] as Fit[],
        request,
        () => [],
        (f) => f,
      );
    const version = { thresholds: live.definition.thresholds, effectiveAt: live.effectiveAt };
    const ranking: RankingQuery = {
      versionId: live.id,
      exceptOverridden: { segmentId: segment.id, at: ctx.clock.now() },
      tiers: filter?.tiers ?? undefined,
      minScore: filter?.minScore ?? undefined,
      maxScore: filter?.maxScore ?? undefined,
    };
    // Pages of the same shape arriving together, from any requests, share one statement (read-batches.ts).
    const statement = fitsPageStatement(
      ranking,
      {
        cursor: cursor !== null,
        bound,
        limit: size + 1,
        backward,
        ranked: filter?.overridden !== true,
        overridden: filter?.overridden !== false,
      },
      reads,
    );
    const rows = await this.reads.fitsPage(ctx.em, statement, { cursor, at: ranking.exceptOverridden.at });
    const accounts = new Map<string, Account>();
    for (const account of rows.accounts) {
      // Only whole accounts serve the request's other reads of them; names serve this page alone.
      if (reads.accounts === 'full') ctx.loaders.accountById.prime(account.id, account);
      accounts.set(account.id, account);
    }
    // Each fit carries its account, read in the page's statement: the field answers without a loader.
    const withAccount = (f: Fit): Fit => Object.assign(f, { account: accounts.get(f.accountId) });
    const plain = rows.ranked.map((row) => withAccount(fitOf(row, null, version)));
    const overridden = rows.overridden.map((f) => withAccount(fitOf(f.row, f.override, version))).filter((f) => matches(f, filter));
    // Overridden fits inside the window (past the cursor, short of the bound), merged in the direction of reading.
    const at = cursor && { score: Number(cursor.score), accountId: cursor.accountId };
    const end = bound && { score: Number(bound.score), accountId: bound.accountId };
    const onSide = (f: Fit) =>
      (!at || (backward ? ranksBefore(f, at) : ranksBefore(at, f))) && (!end || (backward ? ranksBefore(end, f) : ranksBefore(f, end)));
    const inReadingOrder = (a: Fit, b: Fit) => ((backward ? ranksBefore(b, a) : ranksBefore(a, b)) ? -1 : 1);
    const merged = [...plain, ...overridden.filter(onSide)].sort(inReadingOrder).slice(0, size + 1);

    const result = toPage(
      merged,
      request,
      (f) => [f.score.toFixed(2), f.accountId],
      (f) => f,
    );
    return withDeferredCount(
      result,
      async () => (filter?.overridden === true ? 0 : await countRankedScores(ctx.em, ranking)) + overridden.length,
    );
  }

  /**
   * The fits of a published version whose effective tier differs from the account's under the
   * version it superseded (every fit when it superseded none), as they stand now: right after the
   * publish, the fits it changed. An account with an override in force kept its tier and is not
   * listed. Ranked and paged like `fits` (effective score, then account id).
   */
  async changedFits(
    ctx: AppContext,
    published: { version: IcpVersion; superseded: IcpVersion | null; tierChanges: TierMigration[] },
    page: PageArgs,
  ): Promise<Page<Fit>> {
    const { version, superseded } = published;
    // How many computed tiers the publish moved: with few, a page reads both versions once rather
    // than walk the ranking (it would read most of it to fill a page). Either way the rows are the same.
    const moved = published.tierChanges.reduce((n, m) => (m.from === m.to ? n : n + m.accounts), 0);
    const request = pageRequest(listScope('changedFits', { versionId: version.id }), page, ['score', 'uuid']);
    const query: ChangedFitsQuery = {
      versionId: version.id,
      previousId: superseded?.id ?? null,
      segmentId: version.segmentId,
      at: ctx.clock.now(),
    };
    const rows = await changedFitRows(
      ctx.em,
      query,
      { cursor: rankPosition(request.cursor), bound: rankPosition(request.bound), limit: request.size + 1, backward: request.backward },
      moved < this.changedFitsSparseBelow,
    );
    const live = { thresholds: version.definition.thresholds, effectiveAt: version.effectiveAt };
    return withDeferredCount(
      toPage(
        rows,
        request,
        (r) => [r.score.toFixed(2), r.accountId],
        (r) => fitOf(r, null, live),
      ),
      () => countChangedFits(ctx.em, query),
    );
  }

  /** Scores arbitrary attributes under any version (a draft too); writes nothing. */
  async preview(ctx: AppContext, versionId: string, attributes: unknown): Promise<Score> {
    const version = await this.versions.getById(ctx, versionId, 'versionId');
    assertNoIssues(attributeIssues(attributes, await this.attributes.catalogue(ctx.em), 'attributes'), 'Invalid attributes');
    const now = ctx.clock.now();
    const result = scorerFor(version).evaluate(attributes as Record<string, unknown>, now);
    return {
      accountId: null,
      versionId: version.id,
      score: result.score,
      tier: result.tier,
      outcomes: result.outcomes,
      computedAt: now,
      validFrom: now,
      validTo: null,
      nextChangeAt: result.nextChangeAt,
      attributes: attributes as Record<string, unknown>,
    };
  }

  /** The whole history of an account in a segment (up to MAX_HISTORY rows), newest first, as a connection. */
  async historyPage(ctx: AppContext, accountId: string, segmentKey: string, page: PageArgs): Promise<Page<Score>> {
    const segment = await ctx.loaders.segmentByKey.load(segmentKey);
    if (!segment) throw new NotFoundError(`segmentKey: segment "${segmentKey}" not found`, { field: 'segmentKey' });
    const request = pageRequest(listScope('scoreHistory', { accountId, segmentId: segment.id }), page, ['instant', 'uuid'], 20);
    const rows = await ctx.loaders.scoreHistory.load({ accountId, segmentId: segment.id, first: MAX_HISTORY });
    return pageOfList(
      rows.map((r) => scoreOf(r)),
      request,
      (s) => [s.computedAt.toISOString(), s.versionId],
    );
  }

  /** Computed results of an account in a segment over time, newest first. */
  async history(ctx: AppContext, accountId: string, segmentKey: string, first: number): Promise<Score[]> {
    checkPageSize(first);
    const segment = await ctx.loaders.segmentByKey.load(segmentKey);
    if (!segment) throw new NotFoundError(`segmentKey: segment "${segmentKey}" not found`, { field: 'segmentKey' });
    const rows = await ctx.loaders.scoreHistory.load({ accountId, segmentId: segment.id, first });
    return rows.map((r) => scoreOf(r));
  }
}
