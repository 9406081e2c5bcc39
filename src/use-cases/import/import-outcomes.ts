/**
 * Bulk import of a leads or opportunities file through `OutcomeService.recordLeads` /
 * `recordOpportunities`, with the batching of the account import (progress, abort, file-order
 * rejections). Those services refuse a whole batch for one bad row, while an import wants per-row
 * results: a refused batch is retried once without the rows its issues name.
 */
import type { Readable } from 'node:stream';
import type { AccountFileFormat } from './account-file';
import { batchNotWritten, describeIssue, runBatchedImport, type BatchOptions, type BatchSummary } from './import-accounts';
import type { AppContext } from '../context';
import { BadUserInputError, type InputIssue } from '../../errors/domain-errors';
import { MAX_OUTCOMES_PER_CALL, type OutcomeService } from '../outcomes/outcome.service';
import type { LeadInput, OpportunityInput, RecordResult } from '../../model/outcome.types';
import { readOutcomeFile, type OutcomeInputs, type OutcomeKind } from './outcome-file';

/** The outcome of a leads or opportunities import (the services count no "unchanged" rows). */
export type OutcomeImportSummary = BatchSummary;

/** Options of {@link importOutcomes}. */
export interface OutcomeImportOptions extends BatchOptions {
  kind: OutcomeKind;
  format: AccountFileFormat;
}

interface PendingOutcome<K extends OutcomeKind> {
  line: number;
  input: OutcomeInputs[K];
}

/** The issues of a refused batch by the index of the row they name; issues naming no row are left out. */
function issuesByRow(err: BadUserInputError, kind: OutcomeKind, size: number): Map<number, InputIssue[]> {
  const issues = (err.details.issues ?? []) as InputIssue[];
  const byRow = new Map<number, InputIssue[]>();
  for (const issue of issues) {
    const m = new RegExp(`^${kind}\\[(\\d+)\\]`).exec(issue.path);
    const index = m ? Number(m[1]) : -1;
    if (index < 0 || index >= size) continue;
    byRow.set(index, [...(byRow.get(index) ?? []), issue]);
  }
  return byRow;
}

/** A refusal of the retried batch, with its row indices turned into lines of the file. */
function describeRefusal(err: unknown, kind: OutcomeKind, rows: Array<{ line: number }>): string {
  if (!(err instanceof BadUserInputError)) return err instanceof Error ? err.message : String(err);
  const issues = (err.details.issues ?? []) as InputIssue[];
  if (!issues.length) return err.message;
  return issues
    .map((issue) => {
      const m = new RegExp(`^${kind}\\[(\\d+)\\]`).exec(issue.path);
      const row = m ? rows[Number(m[1])] : undefined;
      return row ? `line ${row.line}: ${describeIssue(issue.path, issue.message, rows)}` : `${issue.path}: ${issue.message}`;
    })
    .join('; ');
}

/**
 * Imports the leads or opportunities of `source` (CSV or JSON lines, see outcome-file.ts) in
 * batches of `batchSize`, each recorded in its own transaction by the outcome service. When
 * the service refuses a batch (BAD_USER_INPUT), the rows its issues name are rejected with
 * their reasons and the rest of the batch is recorded in a second call; when that call fails
 * too, or the first fails otherwise (a database error), the rows not yet rejected are rejected
 * with its message. The import then goes on with the next batch.
 *
 * `ctx` must not be inside a transaction. Throws ImportAbortedError (with the summary so far)
 * when the file cannot be read further; the rows before the failure are recorded.
 */
export async function importOutcomes(
  services: { outcomes: OutcomeService },
  ctx: AppContext,
  source: Readable,
  options: OutcomeImportOptions,
): Promise<OutcomeImportSummary> {
  const { kind, format } = options;
  const summary: OutcomeImportSummary = { rows: 0, created: 0, updated: 0, rejected: [] };
  const record = (rows: Array<PendingOutcome<OutcomeKind>>): Promise<RecordResult> =>
    kind === 'leads'
      ? services.outcomes.recordLeads(
          ctx,
          rows.map((r) => r.input as LeadInput),
        )
      : services.outcomes.recordOpportunities(
          ctx,
          rows.map((r) => r.input as OpportunityInput),
        );
  const add = (result: RecordResult) => {
    summary.created += result.created;
    summary.updated += result.updated;
  };
  const externalIdOf = (r: PendingOutcome<OutcomeKind>) => r.input.externalId.trim() || null;

  return runBatchedImport<PendingOutcome<OutcomeKind>, OutcomeImportSummary>(ctx, source, options, {
    summary,
    maxBatchSize: MAX_OUTCOMES_PER_CALL,
    read: (counted) => readOutcomeFile(counted, format, kind),
    externalIdOf,
    counts: (s) => ({ created: s.created, updated: s.updated }),
    async write(batch) {
      let refusal: BadUserInputError;
      try {
        add(await record(batch));
        return;
      } catch (err) {
        // Anything but a validation refusal fails the whole batch (see runBatchedImport).
        if (!(err instanceof BadUserInputError)) throw err;
        refusal = err;
      }
      const byRow = issuesByRow(refusal, kind, batch.length);
      // Issues that name no row would refuse the retry alike: the batch fails as a whole.
      if (byRow.size === 0) throw refusal;
      for (const [index, issues] of byRow) {
        const row = batch[index];
        summary.rejected.push({
          line: row.line,
          externalId: externalIdOf(row),
          reasons: issues.map((i) => describeIssue(i.path, i.message, batch)),
        });
      }
      const rest = batch.filter((_, i) => !byRow.has(i));
      if (rest.length === 0) return;
      try {
        add(await record(rest));
      } catch (err) {
        // Once only: a second refusal (an account deleted meanwhile, say) would not converge.
        ctx.log.error({ err, lines: `${batch[0].line}-${batch[batch.length - 1].line}` }, 'import batch failed on retry');
        const reason = batchNotWritten(batch, describeRefusal(err, kind, rest));
        for (const row of rest) summary.rejected.push({ line: row.line, externalId: externalIdOf(row), reasons: [reason] });
      }
    },
  });
}
