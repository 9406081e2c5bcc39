import { v7 as uuidv7 } from 'uuid';
import type { AuditService } from '../audit/audit.service';
import { characterProblem } from '../../common/input-text';
import type { AppContext } from '../context';
import { refreshStaleStatistics } from '../../db/statistics';
import { runInTransaction } from '../transaction';
import { assertNoIssues, BadUserInputError, type InputIssue } from '../../errors/domain-errors';
import type { LeadInput, OpportunityInput, RecordResult } from '../../model/outcome.types';
import { upsertOutcomes } from '../../stores/outcome-store';
import { accountIdsByExternalIds } from '../../stores/account-store';

export const MAX_OUTCOMES_PER_CALL = 5000;

function checkBatch(size: number, field: string): void {
  if (size > MAX_OUTCOMES_PER_CALL) throw BadUserInputError.forField(field, `at most ${MAX_OUTCOMES_PER_CALL} per call (got ${size})`);
}

/** Account ids by external id, and an issue for every row whose account is unknown. */
async function resolveAccounts(
  ctx: AppContext,
  rows: Array<{ accountExternalId: string }>,
  field: string,
  issues: InputIssue[],
): Promise<Map<string, string>> {
  // Imports reach here straight from a file: a NUL must not reach PostgreSQL even in a lookup.
  const wanted = [...new Set(rows.map((r) => r.accountExternalId))].filter((id) => typeof id === 'string' && !characterProblem(id));
  const found = await accountIdsByExternalIds(ctx.em, wanted);
  const ids = new Map(found.map((a) => [a.externalId, a.id]));
  rows.forEach((r, i) => {
    const problem = typeof r.accountExternalId === 'string' ? characterProblem(r.accountExternalId) : null;
    if (problem) issues.push({ path: `${field}[${i}].accountExternalId`, message: problem });
    else if (!ids.has(r.accountExternalId))
      issues.push({ path: `${field}[${i}].accountExternalId`, message: `account "${r.accountExternalId}" not found` });
  });
  return ids;
}

function commonIssues(rows: Array<{ externalId: string; createdAt: Date }>, field: string, issues: InputIssue[]): void {
  const seen = new Map<string, number>();
  rows.forEach((r, i) => {
    if (!r.externalId?.trim() || r.externalId.length > 200)
      issues.push({ path: `${field}[${i}].externalId`, message: 'must be 1 to 200 characters' });
    else if (characterProblem(r.externalId)) issues.push({ path: `${field}[${i}].externalId`, message: characterProblem(r.externalId)! });
    else if (seen.has(r.externalId))
      issues.push({
        path: `${field}[${i}].externalId`,
        message: `"${r.externalId}" appears twice in the batch (also at index ${seen.get(r.externalId)})`,
      });
    else seen.set(r.externalId, i);
  });
}

export class OutcomeService {
  constructor(private readonly audit: AuditService) {}

  /** Upserts leads on externalId; all or nothing, naming the failing index. */
  async recordLeads(ctx: AppContext, leads: LeadInput[]): Promise<RecordResult> {
    checkBatch(leads.length, 'leads');
    const issues: InputIssue[] = [];
    commonIssues(leads, 'leads', issues);
    const accounts = await resolveAccounts(ctx, leads, 'leads', issues);
    leads.forEach((l, i) => {
      if (l.convertedAt && l.convertedAt < l.createdAt)
        issues.push({ path: `leads[${i}].convertedAt`, message: 'must not be before createdAt' });
    });
    assertNoIssues(issues, 'Invalid leads, none recorded');
    await refreshStaleStatistics(ctx.em, ['account', 'lead'], ctx.log);
    return runInTransaction(ctx, async (tx) => {
      const now = tx.clock.now();
      const created = await upsertOutcomes(
        tx.em,
        'lead',
        ['id', 'external_id', 'account_id', 'created_at', 'converted_at', 'recorded_at'],
        leads.map((l) => ({
          id: uuidv7(),
          external_id: l.externalId,
          account_id: accounts.get(l.accountExternalId),
          created_at: l.createdAt,
          converted_at: l.convertedAt ?? null,
          recorded_at: now,
        })),
      );
      const result = { created, updated: leads.length - created };
      await this.audit.record(tx, {
        action: 'leads.recorded',
        entityType: 'LeadBatch',
        entityId: tx.requestId,
        after: { ...result, externalIds: leads.slice(0, 1000).map((l) => l.externalId) },
      });
      return result;
    });
  }

  /** Upserts opportunities on externalId; all or nothing, naming the failing index. */
  async recordOpportunities(ctx: AppContext, opportunities: OpportunityInput[]): Promise<RecordResult> {
    checkBatch(opportunities.length, 'opportunities');
    const issues: InputIssue[] = [];
    commonIssues(opportunities, 'opportunities', issues);
    const accounts = await resolveAccounts(ctx, opportunities, 'opportunities', issues);
    opportunities.forEach((o, i) => {
      const at = `opportunities[${i}]`;
      if (o.outcome !== 'OPEN' && !o.closedAt)
        issues.push({ path: `${at}.closedAt`, message: `is required when the outcome is ${o.outcome}` });
      if (o.outcome === 'OPEN' && o.closedAt) issues.push({ path: `${at}.closedAt`, message: 'must be empty while the outcome is OPEN' });
      if (o.closedAt && o.closedAt < o.createdAt) issues.push({ path: `${at}.closedAt`, message: 'must not be before createdAt' });
      if (o.amount != null && (!Number.isFinite(o.amount) || o.amount < 0))
        issues.push({ path: `${at}.amount`, message: `must not be negative (got ${o.amount})` });
      else if (o.amount != null && o.amount >= 1e14)
        issues.push({ path: `${at}.amount`, message: `must be below 100,000,000,000,000 (got ${o.amount})` });
    });
    assertNoIssues(issues, 'Invalid opportunities, none recorded');
    await refreshStaleStatistics(ctx.em, ['account', 'opportunity'], ctx.log);
    return runInTransaction(ctx, async (tx) => {
      const now = tx.clock.now();
      const created = await upsertOutcomes(
        tx.em,
        'opportunity',
        ['id', 'external_id', 'account_id', 'created_at', 'closed_at', 'outcome', 'amount', 'recorded_at'],
        opportunities.map((o) => ({
          id: uuidv7(),
          external_id: o.externalId,
          account_id: accounts.get(o.accountExternalId),
          created_at: o.createdAt,
          closed_at: o.closedAt ?? null,
          outcome: o.outcome,
          amount: o.amount ?? null,
          recorded_at: now,
        })),
      );
      const result = { created, updated: opportunities.length - created };
      await this.audit.record(tx, {
        action: 'opportunities.recorded',
        entityType: 'OpportunityBatch',
        entityId: tx.requestId,
        after: { ...result, externalIds: opportunities.slice(0, 1000).map((o) => o.externalId) },
      });
      return result;
    });
  }
}
