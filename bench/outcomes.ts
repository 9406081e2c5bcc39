/**
 * Setup of the report figures (not a figure itself): leads and opportunities COPYed straight
 * into `lead` and `opportunity`, spread over the two versions' periods. Half the leads fall in
 * v1's period and half in v2's; 35 % of v1's leads and 65 % of v2's become an opportunity (so
 * `opportunities` in all, with twice as many leads), 1 to 7 days after the lead. Deals close
 * in about 45 days under v1 and 28 under v2; those that would close after now (and 5 % more)
 * are still OPEN. The chance of winning follows the account's tier under v2, so that the
 * backtest's lift and AUC mean something. Accounts are drawn uniformly from the segment.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { v7 as uuidv7 } from 'uuid';
import { createRng } from '../src/common/random';
import { DAY } from '../src/common/dates';

const ROWS_PER_CHUNK = 5000;
const TIERS = ['PERFECT', 'STRONG', 'MODERATE', 'WEAK', 'DISQUALIFIED'] as const;
const WIN_RATE = [0.45, 0.35, 0.22, 0.12, 0.05];

export interface OutcomePlan {
  /** v2's current scores give each account its tier (and the accounts to draw from). */
  v2Id: string;
  v1At: Date;
  v2At: Date;
  now: Date;
  opportunities: number;
  seed?: number;
}

export interface OutcomeCounts {
  leads: number;
  opportunities: number;
  won: number;
  lost: number;
  open: number;
  seconds: number;
}

async function copyLines(client: ClientBase, sql: string, lines: Iterable<string>): Promise<void> {
  function* chunks(): Generator<string> {
    let buf: string[] = [];
    for (const line of lines) {
      buf.push(line);
      if (buf.length === ROWS_PER_CHUNK) {
        yield buf.join('');
        buf = [];
      }
    }
    if (buf.length) yield buf.join('');
  }
  await pipeline(Readable.from(chunks()), client.query(copyFrom(sql)));
}

export async function loadOutcomes(client: ClientBase, plan: OutcomePlan): Promise<OutcomeCounts> {
  const started = process.hrtime.bigint();
  const { rows } = await client.query<[string, string]>({
    text: 'SELECT account_id::text, tier FROM account_score WHERE version_id = $1 AND valid_to IS NULL',
    values: [plan.v2Id],
    rowMode: 'array',
  });
  if (rows.length === 0) throw new Error('no v2 scores to draw accounts from');
  const accountIds = rows.map((r) => r[0]);
  const tierOf = Uint8Array.from(rows, (r) => TIERS.indexOf(r[1] as (typeof TIERS)[number]));

  const rng = createRng(plan.seed ?? 4242);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const now = plan.now.getTime();
  const recorded = plan.now.toISOString();
  const perPeriod = plan.opportunities;
  const periods = [
    // Leads of v2's period stop 8 days before now, so that every conversion is in the past.
    { from: plan.v1At.getTime(), to: plan.v2At.getTime(), converts: 7, cycle: 45 },
    { from: plan.v2At.getTime(), to: now - 8 * DAY, converts: 13, cycle: 28 },
  ];
  const leads: string[] = [];
  const opportunities: string[] = [];
  const counts = { won: 0, lost: 0, open: 0 };
  let n = 0;
  for (const period of periods) {
    for (let i = 0; i < perPeriod; i++, n++) {
      const a = Math.floor(rng() * accountIds.length);
      const accountId = accountIds[a];
      const createdAt = period.from + rng() * (period.to - period.from);
      // Exactly `converts` in 20 leads convert: the opportunity count is exact.
      const converts = i % 20 < period.converts;
      const convertedAt = createdAt + (1 + rng() * 6) * DAY;
      leads.push(
        `${uuidv7()}\tbench-lead-${n}\t${accountId}\t${new Date(createdAt).toISOString()}\t${converts ? new Date(convertedAt).toISOString() : '\\N'}\t${recorded}\n`,
      );
      if (!converts) continue;
      const closedAt = convertedAt + Math.max(5, period.cycle + 12 * gauss()) * DAY;
      const open = closedAt >= now || rng() < 0.05;
      const outcome = open ? 'OPEN' : rng() < WIN_RATE[tierOf[a]] ? 'WON' : 'LOST';
      counts[outcome === 'OPEN' ? 'open' : outcome === 'WON' ? 'won' : 'lost']++;
      const amount = (Math.round(80_000 * Math.exp(0.4 * gauss()) * 100) / 100).toFixed(2);
      opportunities.push(
        `${uuidv7()}\tbench-opp-${n}\t${accountId}\t${new Date(convertedAt).toISOString()}\t${open ? '\\N' : new Date(closedAt).toISOString()}\t${outcome}\t${amount}\t${recorded}\n`,
      );
    }
  }
  await client.query('BEGIN');
  try {
    await copyLines(client, 'COPY lead (id, external_id, account_id, created_at, converted_at, recorded_at) FROM STDIN', leads);
    await copyLines(
      client,
      'COPY opportunity (id, external_id, account_id, created_at, closed_at, outcome, amount, recorded_at) FROM STDIN',
      opportunities,
    );
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  return { leads: leads.length, opportunities: opportunities.length, ...counts, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}
