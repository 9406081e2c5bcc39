import { attributeIssues } from '../accounts/attribute-values';
import { attributeService } from '../attributes/attribute.service';
import { checkPageSize, decodeCursor, encodeCursor, toPage, type Page } from '../common/pagination';
import type { AppContext } from '../context';
import { assertNoIssues, BadUserInputError, NotFoundError } from '../errors/domain-errors';
import { segmentService } from '../segments/segment.service';
import { versionService } from '../versions/version.service';
import { scorerFor } from './scorer-cache';
import { SCORE_COLUMNS, toScoreRow, type ScoreRow } from './score-store';
import type { FitData, FitFilter, ScoreData } from './score.types';

export function scoreDataOf(row: ScoreRow): ScoreData {
  return { accountId: row.accountId, versionId: row.versionId, score: row.score, tier: row.tier, outcomes: row.outcomes, computedAt: row.computedAt };
}

export function fitDataOf(row: ScoreRow): FitData {
  return {
    accountId: row.accountId, segmentId: row.segmentId, versionId: row.versionId,
    score: row.score, tier: row.tier, overridden: false, computed: scoreDataOf(row),
  };
}

function checkFilter(filter: FitFilter | null | undefined): void {
  const { minScore, maxScore, tiers } = filter ?? {};
  for (const [field, value] of [['minScore', minScore], ['maxScore', maxScore]] as const) {
    if (value != null && (value < 0 || value > 100)) throw BadUserInputError.forField(`filter.${field}`, `must be between 0 and 100 (got ${value})`);
  }
  if (minScore != null && maxScore != null && minScore > maxScore) throw BadUserInputError.forField('filter.minScore', 'must not exceed filter.maxScore');
  if (tiers && tiers.length === 0) throw BadUserInputError.forField('filter.tiers', 'must name at least one tier');
}

export class FitService {
  /**
   * The ranked list of a segment under its live version: score, highest first, then account id.
   * Keyset pagination on (score, account id), so pages stay stable while accounts change.
   */
  async fits(ctx: AppContext, segmentKey: string, filter: FitFilter | null | undefined, first: number, after?: string | null): Promise<Page<FitData>> {
    checkPageSize(first);
    checkFilter(filter);
    const segment = await segmentService.getByKey(ctx, segmentKey);
    const live = await versionService.liveVersion(ctx, segment.id);
    if (!live || filter?.overridden === true) return toPage([], first, 0, () => '', (r: ScoreRow) => fitDataOf(r));
    const where = ['version_id = $1', 'valid_to IS NULL'];
    const params: unknown[] = [live.id];
    const add = (sql: string, ...values: unknown[]) => {
      let text = sql;
      for (const value of values) {
        params.push(value);
        text = text.replace('?', `$${params.length}`);
      }
      where.push(text);
    };
    if (filter?.tiers) add('tier = ANY(?::text[])', filter.tiers);
    if (filter?.minScore != null) add('score >= ?', filter.minScore);
    if (filter?.maxScore != null) add('score <= ?', filter.maxScore);
    const countWhere = where.join(' AND ');
    const countParams = [...params];
    if (after) {
      const [score, accountId] = decodeCursor('fit', after);
      if (typeof score !== 'string' || typeof accountId !== 'string') throw BadUserInputError.forField('after', 'is not a cursor returned by this query');
      add('(score < ?::numeric OR (score = ?::numeric AND account_id > ?::uuid))', score, score, accountId);
    }
    params.push(first + 1);
    const rows = (await ctx.em.query(
      `SELECT ${SCORE_COLUMNS} FROM account_score WHERE ${where.join(' AND ')} ORDER BY score DESC, account_id ASC LIMIT $${params.length}`,
      params)).map(toScoreRow);
    const page = toPage(rows, first, 0, (r) => encodeCursor('fit', [r.score.toFixed(2), r.accountId]), fitDataOf);
    const count = async () => (await ctx.em.query(`SELECT count(*)::int AS n FROM account_score WHERE ${countWhere}`, countParams))[0].n as number;
    return Object.defineProperty(page, 'totalCount', { get: count, enumerable: true });
  }

  /** Scores arbitrary attributes under any version (a draft too); writes nothing. */
  async preview(ctx: AppContext, versionId: string, attributes: unknown): Promise<ScoreData> {
    const version = await versionService.getById(ctx, versionId, 'versionId');
    assertNoIssues(attributeIssues(attributes, await attributeService.catalogue(ctx.em), 'attributes'), 'Invalid attributes');
    const now = ctx.clock.now();
    const result = scorerFor(version).evaluate(attributes as Record<string, unknown>, now);
    return { accountId: null, versionId: version.id, score: result.score, tier: result.tier, outcomes: result.outcomes, computedAt: now };
  }

  /** Computed results of an account in a segment over time, newest first. */
  async history(ctx: AppContext, accountId: string, segmentKey: string, first: number): Promise<ScoreData[]> {
    if (!Number.isInteger(first) || first < 1 || first > 500) throw BadUserInputError.forField('first', `must be between 1 and 500 (got ${first})`);
    const segment = await ctx.loaders.segmentByKey.load(segmentKey);
    if (!segment) throw new NotFoundError(`segmentKey: segment "${segmentKey}" not found`, { field: 'segmentKey' });
    const rows = await ctx.loaders.scoreHistory.load({ accountId, segmentId: segment.id, first });
    return rows.map(scoreDataOf);
  }
}

export const fitService = new FitService();
