import { v7 as uuidv7 } from 'uuid';
import type { AttributeService } from '../attributes/attribute.service';
import type { AuditService } from '../audit/audit.service';
import { isUuid } from '../../common/ids';
import { characterProblem, jsonIssues } from '../../common/input-text';
import { listScope, pageRequest, toPage, withDeferredCount, type Page, type PageArgs } from '../../common/pagination';
import type { AppContext } from '../context';
import { refreshStaleStatistics, SIZE_ONLY } from '../../db/statistics';
import { runInTransaction } from '../transaction';
import { BadUserInputError, type InputIssue } from '../../errors/domain-errors';
import type { Segment } from '../../model/segment.types';
import { listSegments, lockSegmentsShared, segmentByKey } from '../../stores/segment-store';
import { sameJson } from '../../domain/definitions/canonical-definition';
import { currentLiveVersions, rescoreChangedAccounts, type ChangedAccount } from './account-scoring';
import { scoreUnderPreparingDrafts } from './draft-scoring';
import type { ReadBatches } from '../read-batches';
import type { Account } from '../../model/account.types';
import * as accountStore from '../../stores/account-store';
import type { AccountFilter, AccountInput, UpsertAccountsResult } from '../../model/account.input';
import { attributeChanges, attributeIssues, mergeAttributes } from '../../domain/accounts/attribute-values';
import { compileMembership } from '../../domain/accounts/membership';
import { LockNamespace, lockTransactionKeys } from '../../db/advisory-locks';

export const MAX_ACCOUNTS_PER_CALL = 5000;

export interface RejectedAccount {
  index: number;
  externalId: string | null;
  issues: InputIssue[];
}

export interface UpsertOutcome extends UpsertAccountsResult {
  /** Per-row mode only: the accounts refused, with why. */
  rejected: RejectedAccount[];
}

/** Field checks that need no database. */
function accountIssues(input: AccountInput, index: number, segmentKeys: Set<string>): InputIssue[] {
  const path = `accounts[${index}]`;
  const issues: InputIssue[] = [];
  const externalId = input.externalId?.trim() ?? '';
  if (!externalId || externalId.length > 200) issues.push({ path: `${path}.externalId`, message: 'must be 1 to 200 characters' });
  if (!input.name?.trim() || input.name.length > 500) issues.push({ path: `${path}.name`, message: 'must be 1 to 500 characters' });
  if (input.domain && input.domain.length > 255) issues.push({ path: `${path}.domain`, message: 'must be at most 255 characters' });
  (input.explicitSegments ?? []).forEach((key, i) => {
    if (!segmentKeys.has(key)) issues.push({ path: `${path}.explicitSegments[${i}]`, message: `segment "${key}" does not exist` });
  });
  // The API's input guard has refused these already; imports reach here straight from a file.
  for (const field of ['externalId', 'name', 'domain'] as const) {
    const problem = typeof input[field] === 'string' ? characterProblem(input[field]) : null;
    if (problem) issues.push({ path: `${path}.${field}`, message: problem });
  }
  jsonIssues(input.attributes, `${path}.attributes`, issues);
  return issues;
}

export class AccountService {
  constructor(
    private readonly attributes: AttributeService,
    private readonly audit: AuditService,
    private readonly reads: ReadBatches,
  ) {}

  /**
   * Creates or updates accounts by externalId, and rescores the changed ones in every
   * segment they belong to, in one transaction. All or nothing, unless `perRow` asks for
   * the valid rows to be written and the others returned as rejected.
   */
  async upsert(ctx: AppContext, inputs: AccountInput[], opts: { perRow?: boolean } = {}): Promise<UpsertOutcome> {
    if (inputs.length > MAX_ACCOUNTS_PER_CALL) {
      throw BadUserInputError.forField('accounts', `at most ${MAX_ACCOUNTS_PER_CALL} accounts per call (got ${inputs.length})`);
    }
    const [catalogue, segments] = await Promise.all([this.attributes.catalogue(ctx.em), listSegments(ctx.em)]);
    const segmentKeys = new Set(segments.map((s) => s.key));
    const rejected: RejectedAccount[] = [];
    const valid: AccountInput[] = [];
    const seen = new Map<string, number>();
    inputs.forEach((input, index) => {
      const issues = [
        ...accountIssues(input, index, segmentKeys),
        ...attributeIssues(input.attributes, catalogue, `accounts[${index}].attributes`),
      ];
      const externalId = input.externalId?.trim();
      if (externalId && seen.has(externalId)) {
        issues.push({
          path: `accounts[${index}].externalId`,
          message: `"${externalId}" appears twice in the batch (also at index ${seen.get(externalId)})`,
        });
      } else if (externalId) seen.set(externalId, index);
      if (issues.length) rejected.push({ index, externalId: externalId || null, issues });
      else valid.push({ ...input, externalId: externalId!, name: input.name.trim() });
    });
    if (rejected.length && !opts.perRow) {
      throw BadUserInputError.fromIssues(
        rejected.flatMap((r) => r.issues),
        'Invalid accounts, none written',
      );
    }
    // Batch after batch of an import changes the tables faster than autovacuum analyses them.
    // Every statement here finds its rows by a unique key, so only the tables' sizes matter:
    // analysed once as many rows changed as they had, not after every tenth (an ANALYZE of
    // both costs seconds at a million accounts; the readers that need more refresh first).
    await refreshStaleStatistics(ctx.em, ['account', 'account_score'], ctx.log, SIZE_ONLY);
    const counts = await runInTransaction(ctx, (tx) => this.write(tx, valid));
    return { ...counts, rejected };
  }

  private async write(tx: AppContext, inputs: AccountInput[]): Promise<UpsertAccountsResult> {
    const result = { created: 0, updated: 0, unchanged: 0, rescored: 0 };
    if (inputs.length === 0) return result;
    const externalIds = inputs.map((i) => i.externalId);
    // Locks before the clock: a segment being created (ROW EXCLUSIVE on segment) or a publish
    // rescoring (SHARE on account) finishes first, so membership sees every segment and new
    // score rows never start before the rows they follow.
    await lockSegmentsShared(tx.em);
    await accountStore.lockAccountsForWriting(tx.em);
    // Concurrent upserts of the same accounts queue up.
    await lockTransactionKeys(tx.em, LockNamespace.ACCOUNT_UPSERT, externalIds);
    const now = tx.clock.now();
    const segments = await listSegments(tx.em);
    const existing = await accountStore.lockAccountsByExternalIds(tx.em, externalIds);
    const byExternalId = new Map(existing.map((a) => [a.externalId, a]));
    const membership = compileMembership(segments);

    const created: accountStore.AccountWrite[] = [];
    const updated: accountStore.AccountUpdate[] = [];
    const changed: ChangedAccount[] = [];
    for (const input of inputs) {
      const before = byExternalId.get(input.externalId);
      const patch = input.attributes as Record<string, unknown>;
      const attributes = mergeAttributes(before?.attributes ?? {}, patch);
      const explicit = input.explicitSegments ?? before?.explicitSegments ?? [];
      const domain = input.domain === undefined ? (before?.domain ?? null) : input.domain?.trim() || null;
      const changes = before ? attributeChanges(before.attributes, patch) : null;
      if (
        before &&
        changes &&
        changes.unset.length === 0 &&
        Object.keys(changes.set).length === 0 &&
        before.name === input.name &&
        before.domain === domain &&
        sameJson([...before.explicitSegments].sort(), [...explicit].sort())
      ) {
        result.unchanged++;
        continue;
      }
      const member = membership(attributes, explicit, now);
      const id = before?.id ?? uuidv7();
      const columns = {
        id,
        name: input.name,
        domain,
        explicit_segments: explicit,
        segment_ids: member.segmentIds,
        membership_changes_at: member.nextChangeAt,
      };
      if (changes) updated.push({ ...columns, ...changes });
      else created.push({ ...columns, external_id: input.externalId, attributes });
      changed.push({
        id,
        externalId: input.externalId,
        created: !before,
        attributes,
        segmentIds: member.segmentIds,
        previous: {
          attributes: before?.attributes ?? {},
          explicit: before?.explicitSegments ?? [],
          segmentIds: before?.segmentIds ?? [],
          membershipChangesAt: before?.membershipChangesAt ?? null,
        },
      });
      if (before) result.updated++;
      else result.created++;
    }
    if (changed.length) {
      await accountStore.writeAccounts(tx.em, created, updated, now);
      const live = await currentLiveVersions(tx);
      result.rescored = (await rescoreChangedAccounts({ audit: this.audit }, tx, changed, live, membership, now)).rescored;
      await scoreUnderPreparingDrafts(
        tx.em,
        changed.map((a) => ({ ...a, previousSegmentIds: a.previous.segmentIds })),
        now,
      );
    }
    await this.audit.record(tx, {
      action: 'accounts.upserted',
      entityType: 'AccountBatch',
      entityId: tx.requestId,
      after: { ...result, externalIds: changed.slice(0, 1000).map((a) => a.externalId) },
    });
    return result;
  }

  /** Adds a new segment to the membership of every existing account that satisfies its rules. */
  async assignSegment(tx: AppContext, segment: Segment): Promise<number> {
    const matches = compileMembership([segment]);
    const now = tx.clock.now();
    let assigned = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const batch = await accountStore.membershipBatch(tx.em, after, 5000);
      if (batch.length === 0) return assigned;
      after = batch[batch.length - 1].id;
      const ids: string[] = [];
      const changes: Array<{ id: string; at: Date }> = [];
      for (const a of batch) {
        const m = matches(a.attributes, a.explicit_segments, now);
        if (m.segmentIds.length > 0) ids.push(a.id);
        if (m.nextChangeAt) changes.push({ id: a.id, at: m.nextChangeAt });
      }
      if (ids.length) {
        await accountStore.addToSegment(tx.em, ids, segment.id);
        assigned += ids.length;
      }
      // Time may change the new segment's membership: the account is evaluated again then.
      await accountStore.advanceMembershipChanges(tx.em, changes);
    }
  }

  /** Accounts by external id, in the order given (unknown ids left out). */
  async findByExternalIds(ctx: AppContext, externalIds: string[]): Promise<Account[]> {
    const rows = await accountStore.accountsByExternalIds(ctx.em, externalIds);
    const byId = new Map(rows.map((a) => [a.externalId, a]));
    return [...new Set(externalIds)].flatMap((id) => byId.get(id) ?? []);
  }

  /**
   * One account by id or external id. `fitsIn` names segments whose fit the caller reads next:
   * by id, the account comes with its score rows under their live versions in one statement,
   * handed to the request's loaders (an explained lookup otherwise reads the account, then its
   * score). Unknown segments and segments without a live version are left to the fit's reader.
   */
  async findOne(
    ctx: AppContext,
    by: { id?: string | null; externalId?: string | null },
    fitsIn: readonly string[] = [],
  ): Promise<Account | null> {
    if ((by.id == null) === (by.externalId == null)) throw BadUserInputError.forField('id', 'give exactly one of id and externalId');
    if (by.id == null) return accountStore.accountByExternalId(ctx.em, by.externalId!);
    if (!isUuid(by.id)) return null;
    // Ids match in either case; the loaders key accounts by the id as stored (lower case).
    const id = by.id.toLowerCase();
    const pairs = fitsIn.length ? await livePairs(ctx, fitsIn) : [];
    // Through the request's loader: a prepared statement, and the account parsed only as far as it is read.
    if (pairs.length === 0) return ctx.loaders.accountById.load(id);
    const { account, fits } = await this.reads.lookUp(ctx.em, { accountId: id, at: ctx.clock.now(), pairs });
    ctx.loaders.accountById.prime(id, account);
    if (account) {
      for (const { versionId, segmentId } of pairs) {
        const fit = fits.find((f) => f.row.versionId === versionId) ?? null;
        ctx.loaders.fitRow.prime(`${versionId}:${segmentId}:${account.id}`, fit);
      }
    }
    return account;
  }

  /** In creation order (ids are time-ordered), filtered by a search text and a segment. */
  async list(ctx: AppContext, filter: AccountFilter | null | undefined, page: PageArgs): Promise<Page<Account>> {
    const request = pageRequest(listScope('accounts', { filter }), page, ['uuid']);
    const where: accountStore.AccountListFilter = {};
    const search = filter?.search?.trim();
    if (search) where.search = search;
    if (filter?.segmentKey) {
      const segment = await segmentByKey(ctx.em, filter.segmentKey);
      if (!segment) throw BadUserInputError.forField('filter.segmentKey', `segment "${filter.segmentKey}" does not exist`);
      where.segmentId = segment.id;
    }
    const totalCount = () => accountStore.countAccounts(ctx.em, where);
    const rows = await accountStore.accountPage(ctx.em, where, {
      cursor: request.cursor ? (request.cursor[0] as string) : null,
      bound: request.bound ? (request.bound[0] as string) : null,
      backward: request.backward,
      size: request.size + 1,
    });
    return withDeferredCount(
      toPage(
        rows,
        request,
        (a) => [a.id],
        (a) => a,
      ),
      totalCount,
    );
  }
}

/** The (live version, segment) of each known segment key that has a live version, from the request's loaders. */
async function livePairs(ctx: AppContext, segmentKeys: readonly string[]): Promise<Array<{ versionId: string; segmentId: string }>> {
  const segments = (await ctx.loaders.segmentByKey.loadMany([...new Set(segmentKeys)])).filter(
    (s): s is Segment => s !== null && !(s instanceof Error),
  );
  const lives = await ctx.loaders.liveVersionBySegmentId.loadMany(segments.map((s) => s.id));
  return segments.flatMap((segment, i) => {
    const live = lives[i];
    return live && !(live instanceof Error) ? [{ versionId: live.id, segmentId: segment.id }] : [];
  });
}
