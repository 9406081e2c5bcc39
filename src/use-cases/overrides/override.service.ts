import { v7 as uuidv7 } from 'uuid';
import { accountById } from '../../stores/account-store';
import type { AuditService } from '../audit/audit.service';
import { SYSTEM_PRINCIPAL } from '../../model/role';
import { isUuid } from '../../common/ids';
import { listScope, pageRequest, toPage, withDeferredCount, type Page, type PageArgs } from '../../common/pagination';
import type { AppContext } from '../context';
import { PgCode, pgCode, pgConstraint } from '../../db/database-errors';
import { runInTransaction } from '../transaction';
import { BadUserInputError, ConflictError, NotFoundError } from '../../errors/domain-errors';
import { appendEvent, appendFitChanges } from '../../stores/outbox-store';
import type { FitChangeCause } from '../../model/delivery';
import { currentScores } from '../../stores/score-store';
import type { SegmentService } from '../segments/segment.service';
import type { VersionService } from '../versions/version.service';
import { bandOf, effectiveScore, statusAt } from '../../domain/overrides/effective-fit';
import { justificationProblem } from '../../domain/overrides/justification';
import {
  countOverrides,
  insertOverride,
  lockOverride,
  markExpiriesRecorded,
  overrideById,
  overridePage,
  revokeOverride,
  type OverrideQuery,
} from '../../stores/override-store';
import type { OverrideFilter, OverrideFitInput, Override, OverrideStatus } from '../../model/override.types';
import { shareVersionStatus } from '../../stores/version-store';

/** What webhooks receive of an override (OVERRIDE_* events). */
const overrideEventData = (o: Override, status: OverrideStatus) => ({
  overrideId: o.id,
  accountId: o.accountId,
  segmentId: o.segmentId,
  versionId: o.versionId,
  tier: o.tier,
  score: o.score,
  computedTier: o.computedTier,
  computedScore: o.computedScore,
  category: o.category,
  justification: o.justification,
  createdBy: o.createdBy,
  createdAt: o.createdAt.toISOString(),
  expiresAt: o.expiresAt?.toISOString() ?? null,
  status,
  revokedBy: o.revokedBy,
  revokedAt: o.revokedAt?.toISOString() ?? null,
  revokeReason: o.revokeReason,
});

const overrideView = (o: Override) => ({
  id: o.id,
  accountId: o.accountId,
  segmentId: o.segmentId,
  versionId: o.versionId,
  tier: o.tier,
  score: o.score,
  computedTier: o.computedTier,
  computedScore: o.computedScore,
  category: o.category,
  expiresAt: o.expiresAt,
});

export class OverrideService {
  constructor(
    private readonly segments: SegmentService,
    private readonly versions: VersionService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Overrides an account's fit in a segment, recording what the model said at that moment.
   * One open override per account and segment: a second one (or a concurrent one) is CONFLICT.
   */
  async create(ctx: AppContext, input: OverrideFitInput): Promise<Override> {
    const now = ctx.clock.now();
    const problem = justificationProblem(input.justification);
    if (problem) throw BadUserInputError.forField('input.justification', problem);
    if (input.expiresAt && input.expiresAt.getTime() <= now.getTime())
      throw BadUserInputError.forField('input.expiresAt', 'must be in the future');
    const account = isUuid(input.accountId) ? await accountById(ctx.em, input.accountId) : null;
    if (!account) throw new NotFoundError(`input.accountId: account ${input.accountId} not found`, { field: 'input.accountId' });
    const segment = await this.segments.getByKey(ctx, input.segmentKey, 'input.segmentKey');
    const live = await this.versions.liveVersion(ctx, segment.id);
    if (!live) throw BadUserInputError.forField('input.segmentKey', `segment "${segment.key}" has no live version to override`);
    const [computed] = account.segmentIds.includes(segment.id) ? await currentScores(ctx.em, [account.id], [live.id]) : [];
    if (!computed) throw BadUserInputError.forField('input.accountId', `account ${account.externalId} is not in segment "${segment.key}"`);
    if (input.tier === computed.tier) {
      throw BadUserInputError.forField('input.tier', `equals the computed tier (${computed.tier}); an override must change the tier`);
    }
    if (input.score != null) {
      const [low, high] = bandOf(input.tier, live.definition.thresholds);
      if (input.score < low || input.score > high) {
        throw BadUserInputError.forField(
          'input.score',
          `must lie in the ${input.tier} band [${low}, ${high}] of version ${live.number} (got ${input.score})`,
        );
      }
    }
    return runInTransaction(ctx, async (tx) => {
      // FOR SHARE conflicts with a publish superseding this version: either the publish waits and
      // then flags this override for review, or this sees the new version and asks for a retry.
      const status = await shareVersionStatus(tx.em, live.id);
      const [current] = await currentScores(tx.em, [account.id], [live.id]);
      if (status !== 'PUBLISHED' || !current || current.tier !== computed.tier || current.score !== computed.score) {
        throw new ConflictError(
          `the fit of account ${account.externalId} changed while overriding it (a new version or new data); reload it and try again`,
        );
      }
      await this.recordExpiries(tx, { accountId: account.id, segmentId: segment.id });
      const id = uuidv7();
      try {
        await insertOverride(tx.em, {
          id,
          accountId: account.id,
          segmentId: segment.id,
          versionId: live.id,
          computedScore: computed.score,
          computedTier: computed.tier,
          tier: input.tier,
          score: input.score ?? null,
          justification: input.justification.trim(),
          category: input.category,
          createdBy: tx.principal,
          createdAt: now,
          expiresAt: input.expiresAt ?? null,
        });
      } catch (err) {
        if (pgCode(err) === PgCode.uniqueViolation && pgConstraint(err) === 'fit_override_open_uq') {
          throw new ConflictError(
            `account ${account.externalId} already has an active override in segment "${segment.key}"; revoke it first`,
          );
        }
        throw err;
      }
      const created = await this.get(tx, id);
      const effective = effectiveScore(created.tier, created.score, computed.score, live.definition.thresholds);
      await appendEvent(tx.em, {
        type: 'OVERRIDE_CREATED',
        segmentId: segment.id,
        accountId: account.id,
        versionId: live.id,
        occurredAt: now,
        data: overrideEventData(created, 'ACTIVE'),
      });
      await appendFitChanges(tx.em, [
        {
          accountId: account.id,
          segmentId: segment.id,
          versionId: live.id,
          cause: 'OVERRIDE_CREATED',
          occurredAt: now,
          before: { score: computed.score, tier: computed.tier, overridden: false },
          after: { score: effective, tier: created.tier, overridden: true },
        },
      ]);
      await this.audit.record(tx, {
        action: 'override.created',
        entityType: 'Override',
        entityId: id,
        justification: created.justification,
        before: { tier: computed.tier, score: computed.score, overridden: false },
        after: {
          ...overrideView(created),
          effectiveScore: effectiveScore(created.tier, created.score, computed.score, live.definition.thresholds),
          overridden: true,
        },
      });
      return created;
    });
  }

  /** Revokes an active override with a reason; it stays readable forever. */
  async revoke(ctx: AppContext, id: string, reason: string): Promise<Override> {
    const problem = justificationProblem(reason);
    if (problem) throw BadUserInputError.forField('reason', problem);
    return runInTransaction(ctx, async (tx) => {
      const current = isUuid(id) ? await lockOverride(tx.em, id) : null;
      if (!current) throw new NotFoundError(`id: override ${id} not found`, { field: 'id' });
      const now = tx.clock.now();
      const status = statusAt(current, now);
      if (status !== 'ACTIVE') throw new ConflictError(`override ${id} is already ${status}; only an active override can be revoked`);
      await revokeOverride(tx.em, id, tx.principal, now, reason.trim());
      const revoked = await this.get(tx, id);
      await appendEvent(tx.em, {
        type: 'OVERRIDE_REVOKED',
        segmentId: revoked.segmentId,
        accountId: revoked.accountId,
        versionId: revoked.versionId,
        occurredAt: now,
        data: overrideEventData(revoked, 'REVOKED'),
      });
      await this.recordFitAfter(tx, revoked, now, 'OVERRIDE_REVOKED');
      await this.audit.record(tx, {
        action: 'override.revoked',
        entityType: 'Override',
        entityId: id,
        justification: revoked.revokeReason,
        before: { ...overrideView(current), status: 'ACTIVE', overridden: true },
        after: { status: 'REVOKED', tier: current.computedTier, overridden: false },
      });
      return revoked;
    });
  }

  /**
   * The outbox's FIT_CHANGED for an override that stopped applying at `at`: the fit falls back to
   * the live version's computed score, when that is in another tier than the override's.
   */
  private async recordFitAfter(tx: AppContext, o: Override, at: Date, cause: FitChangeCause): Promise<void> {
    const live = await this.versions.liveVersion(tx, o.segmentId);
    const [computed] = live ? await currentScores(tx.em, [o.accountId], [live.id]) : [];
    if (!live || !computed || computed.tier === o.tier) return;
    await appendFitChanges(tx.em, [
      {
        accountId: o.accountId,
        segmentId: o.segmentId,
        versionId: live.id,
        cause,
        occurredAt: at,
        before: { score: effectiveScore(o.tier, o.score, computed.score, live.definition.thresholds), tier: o.tier, overridden: true },
        after: { score: computed.score, tier: computed.tier, overridden: false },
      },
    ]);
  }

  async get(ctx: AppContext, id: string): Promise<Override> {
    const row = await overrideById(ctx.em, id);
    if (!row) throw NotFoundError.of('Override', id);
    return row;
  }

  /**
   * Writes the expiry of overrides whose expiresAt has passed into the audit trail. Expired
   * overrides stop applying at expiresAt whether or not this ran: it only records the fact.
   */
  async recordExpiries(ctx: AppContext, scope?: { accountId: string; segmentId: string }): Promise<number> {
    return runInTransaction({ ...ctx, principal: SYSTEM_PRINCIPAL }, async (tx) => {
      const now = tx.clock.now();
      const rows = await markExpiriesRecorded(tx.em, now, scope);
      for (const o of rows) {
        // The fit changed at expiresAt, whenever this records it.
        await appendEvent(tx.em, {
          type: 'OVERRIDE_EXPIRED',
          segmentId: o.segmentId,
          accountId: o.accountId,
          versionId: o.versionId,
          occurredAt: o.expiresAt!,
          data: overrideEventData(o, 'EXPIRED'),
        });
        await this.recordFitAfter(tx, o, o.expiresAt!, 'OVERRIDE_EXPIRED');
        await this.audit.record(tx, {
          action: 'override.expired',
          entityType: 'Override',
          entityId: o.id,
          justification: o.justification,
          before: { ...overrideView(o), status: 'ACTIVE', overridden: true },
          after: { status: 'EXPIRED', tier: o.computedTier, overridden: false },
        });
      }
      return rows.length;
    });
  }

  /** Newest first, for sales managers and auditors. */
  async list(ctx: AppContext, filter: OverrideFilter | null | undefined, page: PageArgs): Promise<Page<Override>> {
    const request = pageRequest(listScope('overrides', { filter }), page, ['instant', 'uuid']);
    const now = ctx.clock.now();
    const query: OverrideQuery = {
      segmentId: filter?.segmentKey ? (await this.segments.getByKey(ctx, filter.segmentKey, 'filter.segmentKey')).id : undefined,
      // An id that is no UUID matches no override (rather than failing the cast).
      accountId: filter?.accountId ? (isUuid(filter.accountId) ? filter.accountId : '00000000-0000-0000-0000-000000000000') : undefined,
      createdBy: filter?.createdBy ?? undefined,
      needsReview: filter?.needsReview ?? undefined,
      from: filter?.from ?? undefined,
      to: filter?.to ?? undefined,
      status: filter?.status ?? undefined,
    };
    const rows = await overridePage(ctx.em, query, now, request);
    return withDeferredCount(
      toPage(
        rows,
        request,
        (o) => [o.createdAt.toISOString(), o.id],
        (o) => o,
      ),
      () => countOverrides(ctx.em, query, now),
    );
  }
}
