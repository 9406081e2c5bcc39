/**
 * The outcome tables, lead and opportunity: their upserts, and the SQL of discovery over them
 * (which accounts of a segment are positives and negatives in a window of outcomes, and their
 * attributes counted per candidate bucket). Set-based: an analysis is four
 * statements whatever the number of accounts (see countPopulation); the scans of suggestDraft
 * stream accounts through a cursor.
 */
import type { Sql } from '../db/sql';
import { isMemberOf } from './account-store';
import { DAY } from '../common/dates';
import type { CatalogueEntry } from '../model/icp-definition';
import type { InsightBasis } from '../model/discovery';
import type { Opportunity } from '../model/outcome.types';
import { NUMBER_QUANTILES, RECENCY_WINDOWS, type AttributeCounts, type Counts } from '../domain/discovery/insight-analysis';

export interface Labelling {
  basis: InsightBasis;
  segmentId: string;
  topShare: number;
  /** TOP_VALUE: a NUMBER attribute measuring value; null for the won amount. */
  valueAttribute: string | null;
}

// Attribute keys match ^[a-zA-Z][a-zA-Z0-9_]{0,62}$ (a CHECK on the catalogue), so they are safe as
// literals; quoting still doubles any quote in case that rule ever widens.
const lit = (key: string) => `'${key.replace(/'/g, "''")}'`;

/**
 * `(account_id, positive)`, and `attributes` when asked, of the accounts labelled by the
 * opportunities created in [$2, $3): WON_VS_LOST the segment's accounts with a closed
 * opportunity (positive: one was won); TOP_VALUE every account of the segment (positive: among
 * the top $4 share of won accounts by value). $1 is the segment id.
 */
export function labelsSql(l: Labelling, withAttributes = false): string {
  const inSegment = isMemberOf('a', '$1');
  const attributes = withAttributes ? ', a.attributes' : '';
  if (l.basis === 'WON_VS_LOST') {
    // Outcomes aggregate first; the accounts join once each (their attributes never ride in the aggregate).
    return `SELECT a.id AS account_id, l.positive${attributes}
      FROM (SELECT o.account_id, bool_or(o.outcome = 'WON') AS positive FROM opportunity o
            WHERE o.outcome <> 'OPEN' AND o.created_at >= $2 AND o.created_at < $3 GROUP BY o.account_id) l
      JOIN account a ON a.id = l.account_id AND ${inSegment}`;
  }
  const value = l.valueAttribute
    ? `CASE WHEN jsonb_typeof(a.attributes->${lit(l.valueAttribute)}) = 'number' THEN (a.attributes->>${lit(l.valueAttribute)})::float8 END`
    : 'sum(o.amount)::float8';
  // The best accounts are few: a hashed subplan of their ids, probed by each account of the segment.
  return `SELECT a.id AS account_id, a.id IN (
      SELECT w.account_id FROM (
        SELECT o.account_id, ${value} AS value
        FROM opportunity o JOIN account a ON a.id = o.account_id AND ${inSegment}
        WHERE o.outcome = 'WON' AND o.created_at >= $2 AND o.created_at < $3
        GROUP BY o.account_id, a.id) w
      WHERE w.value IS NOT NULL
      ORDER BY w.value DESC, w.account_id
      -- The top share of all won accounts, valued or not, rounded up so that one best account exists.
      LIMIT (SELECT ceil($4::float8 * count(DISTINCT o.account_id))::int
             FROM opportunity o JOIN account a ON a.id = o.account_id AND ${inSegment}
             WHERE o.outcome = 'WON' AND o.created_at >= $2 AND o.created_at < $3)
    ) AS positive${attributes}
    FROM account a
    WHERE ${inSegment}`;
}

function params(l: Labelling, from: Date, to: Date): unknown[] {
  return l.basis === 'WON_VS_LOST' ? [l.segmentId, from, to] : [l.segmentId, from, to, l.topShare];
}

const JSON_TYPES = ['object', 'array', 'string', 'number', 'boolean'] as const;

/** Quantile cut points come from a sample of about this many counted accounts. */
const QUANTILE_SAMPLE = 20_000;

export interface CountedPopulation {
  /** Every account labelled in the window. */
  labelled: Counts;
  /** The accounts whose attributes were counted: each class whole up to `perClass`, else a sample of about that many. */
  totals: Counts;
  attributes: AttributeCounts[];
}

const add = (c: Counts, positive: boolean, n: number) => (positive ? (c.positives += n) : (c.negatives += n));
const zero = (): Counts => ({ positives: 0, negatives: 0 });

/** The smallest double above x (so that [x, next(x)) holds x alone). */
function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  const b = new BigInt64Array(Float64Array.of(x).buffer);
  b[0] += x > 0 ? 1n : -1n;
  return new Float64Array(b.buffer)[0];
}

// A NUMBER or DATE attribute's bucket besides its bins (0 and up): a JSON null, and a value that
// holds no test (another type, a string that is no date, a date ahead of the analysis).
const NULL_VALUE = -2;
const PRESENT = -3;

/**
 * Counts the labelled accounts of [from, to) per candidate bucket of every catalogue attribute,
 * in three statements, run in the caller's REPEATABLE READ transaction so that they read one
 * snapshot:
 * 1. the labels (the outcomes, and for TOP_VALUE every account of the segment, without their
 *    attributes): positives and negatives, and the ids of the accounts to count: every account
 *    of a class of at most `perClass`, else a sample of about `perClass` chosen by a hash of the
 *    id (the same sample every time; a case-control sample, see COUNTED_PER_CLASS);
 * 2. the NUMBER attributes' quantiles over the counted accounts (every k-th of them beyond
 *    QUANTILE_SAMPLE);
 * 3. one pass over the counted accounts, fetched by id: each catalogue attribute looked up once
 *    and bucketed by its catalogue type (strings, booleans and lists as their JSON value, a
 *    NUMBER bin by width_bucket over the cuts, a DATE bin by width_bucket over the recency
 *    windows' instants), counted per attribute by hashed GROUPING SETS (one hash table each,
 *    one pass; not a row per account and attribute). Lists are split into elements here, each
 *    counted once per account.
 * Missing is an absent key or a JSON null. Spellings of a value are merged case-insensitively,
 * as the scoring engine compares strings.
 */
export async function countPopulation(
  db: Sql,
  l: Labelling,
  from: Date,
  to: Date,
  at: Date,
  catalogue: CatalogueEntry[],
  perClass: number,
): Promise<CountedPopulation> {
  // Dates without an offset are UTC everywhere in fitgraph (see parseInstant).
  await db.query(`SET LOCAL TIME ZONE 'UTC'`);
  // Compiling the wide per-attribute expressions costs more than it saves at these sizes. A
  // merge join would read TOP_VALUE's whole segment through the primary key in order (2 s at a
  // million accounts) where a hash join with the few positives reads it sequentially.
  await db.query('SET LOCAL jit = off');
  await db.query('SET LOCAL enable_mergejoin = off');
  const base = params(l, from, to);
  const cap = `$${base.length + 1}::float8`;
  const [head]: Array<{ positives: number; negatives: number; ids: string[]; winners: string[] }> = await db.query(
    `WITH lab AS MATERIALIZED (${labelsSql(l)}),
    tot AS (SELECT count(*) FILTER (WHERE positive)::int AS positives, count(*) FILTER (WHERE NOT positive)::int AS negatives FROM lab)
    SELECT t.positives, t.negatives, s.ids, s.winners FROM tot t CROSS JOIN LATERAL (
      SELECT coalesce(array_agg(lab.account_id::text), '{}') AS ids,
        coalesce(array_agg(lab.account_id::text) FILTER (WHERE lab.positive), '{}') AS winners FROM lab
      WHERE (uuid_hash(lab.account_id) & 65535) < ceil(65536 * ${cap} / greatest(1, CASE WHEN lab.positive THEN t.positives ELSE t.negatives END))) s`,
    [...base, perClass],
  );
  const labelled: Counts = { positives: head.positives, negatives: head.negatives };
  const counted = head.ids.length;
  const totals: Counts = { positives: head.winners.length, negatives: counted - head.winners.length };
  // The counted accounts by their ids, through the primary key (a few of a large segment's).
  const ids = `$1::uuid[]`;

  const numbers = catalogue.filter((e) => e.type === 'NUMBER');
  const cuts = new Map<string, number[]>();
  if (numbers.length && counted) {
    const [q] = await db.query(
      `SELECT ${numbers
        .map(
          (e, i) => `percentile_disc($2::float8[]) WITHIN GROUP (ORDER BY (a.attributes->${lit(e.key)})::float8)
          FILTER (WHERE jsonb_typeof(a.attributes->${lit(e.key)}) = 'number') AS q${i}`,
        )
        .join(', ')}
      FROM account a WHERE a.id = ANY ($1::uuid[])`,
      // Every k-th counted account (ids in label order, which is no attribute's): cut points need no more.
      [head.ids.filter((_, i) => i % Math.ceil(counted / QUANTILE_SAMPLE) === 0), NUMBER_QUANTILES],
    );
    numbers.forEach((e, i) =>
      cuts.set(
        e.key,
        [...new Set<number>((q[`q${i}`] ?? []).map(Number))].sort((a, b) => a - b),
      ),
    );
  }

  const extra: unknown[] = [head.ids, head.winners];
  const param = (v: unknown, type: string) => `$${extra.push(v)}::${type}`;
  // Each attribute's bucket, SQL NULL when the key is absent: strings, booleans and lists their
  // JSON value itself (grouped as jsonb, read back by type below), numbers and dates an integer
  // bin, or a code for a JSON null or a value of another type. GROUPING() names the attribute of
  // each output row of the grouping sets.
  const typed = (v: string, json: string, holding: string) =>
    `CASE jsonb_typeof(${v}) WHEN '${json}' THEN ${holding} WHEN 'null' THEN ${NULL_VALUE} ${JSON_TYPES.filter((t) => t !== json)
      .map((t) => `WHEN '${t}' THEN ${PRESENT}`)
      .join(' ')} END`;
  const buckets = catalogue.map((e, i) => {
    const v = `j.v${i}`;
    switch (e.type) {
      case 'STRING':
      case 'BOOLEAN':
      case 'STRING_LIST':
        return v;
      case 'NUMBER': {
        // Thresholds c0, next(c0), c1, next(c1), ...: bin 2j holds the values strictly between
        // cut j-1 and cut j, bin 2j+1 cut j itself.
        const thresholds = (cuts.get(e.key) ?? []).flatMap((c) => [c, nextUp(c)]);
        return typed(v, 'number', `width_bucket((${v})::float8, ${param(thresholds, 'float8[]')})`);
      }
      case 'DATE': {
        // Instants at - 730 days, ..., at - 7 days, and a microsecond (a timestamptz's step)
        // after `at`: width_bucket k (instants at or after k of them) is bin windows - k, and
        // beyond `at` a date holds no test. A string that does not start like a date holds none either.
        const w = RECENCY_WINDOWS.length;
        const edges = [...RECENCY_WINDOWS].reverse().map((d) => new Date(at.getTime() - d * DAY));
        const names = `(ARRAY[${Array.from({ length: w + 2 }, (_, k) => (k <= w ? w - k : PRESENT)).join(', ')}])`;
        const instant = `(${v} #>> '{}')`;
        const edgeList = `${param(edges, 'timestamptz[]')} || (${param(at, 'timestamptz')} + interval '1 microsecond')`;
        return typed(
          v,
          'string',
          `CASE WHEN translate(left(${instant}, 10), '0123456789', '9999999999') = '9999-99-99'
            THEN ${names}[width_bucket(${instant}::timestamptz, ${edgeList}) + 1] ELSE ${PRESENT} END`,
        );
      }
    }
  });
  const rows: Array<Record<string, unknown> & { positive: boolean; n: number }> =
    counted && catalogue.length
      ? await db.query(
          `SELECT s.positive, ${catalogue.map((_, i) => `s.b${i}, GROUPING(s.b${i}) AS g${i}`).join(', ')}, count(*)::int AS n
        FROM (
          SELECT a.id = ANY ($2::uuid[]) AS positive, ${buckets.map((b, i) => `${b} AS b${i}`).join(',\n')}
          FROM account a
          -- Each attribute looked up once (OFFSET 0 keeps the planner from repeating the lookups in every use).
          CROSS JOIN LATERAL (SELECT ${catalogue.map((e, i) => `a.attributes->${lit(e.key)} AS v${i}`).join(', ')} OFFSET 0) j
          WHERE a.id = ANY (${ids})
        ) s
        GROUP BY GROUPING SETS (${catalogue.map((_, i) => `(s.positive, s.b${i})`).join(', ')})`,
          extra,
        )
      : [];

  const out: AttributeCounts[] = catalogue.map((e) => ({
    attribute: e.key,
    type: e.type,
    dimension: e.dimension ?? null,
    missing: zero(),
    ...(e.type === 'NUMBER'
      ? { cuts: cuts.get(e.key) ?? [], bins: Array.from({ length: 2 * (cuts.get(e.key)?.length ?? 0) + 1 }, zero) }
      : {}),
    ...(e.type === 'DATE' ? { bins: Array.from({ length: RECENCY_WINDOWS.length + 1 }, zero) } : {}),
    ...(e.type === 'STRING' || e.type === 'BOOLEAN' || e.type === 'STRING_LIST' ? { values: new Map<string, Counts>() } : {}),
  }));
  // Values and elements by lower-cased value, shown in their most frequent spelling.
  const spellings = out.map(() => new Map<string, Map<string, Counts>>());
  const tally = (i: number, spelling: string, positive: boolean, n: number) => {
    const byLower = spellings[i];
    const lower = spelling.toLowerCase();
    if (!byLower.has(lower)) byLower.set(lower, new Map());
    const m = byLower.get(lower)!;
    if (!m.has(spelling)) m.set(spelling, zero());
    add(m.get(spelling)!, positive, n);
  };
  for (const r of rows) {
    const i = catalogue.findIndex((_, k) => r[`g${k}`] === 0);
    const a = out[i];
    // A JSON null and an absent key both read as null: missing.
    const b = r[`b${i}`];
    if (b === null || b === NULL_VALUE) add(a.missing, r.positive, r.n);
    else if (a.type === 'NUMBER' || a.type === 'DATE') {
      if ((b as number) >= 0) add(a.bins![b as number], r.positive, r.n);
    } else if (a.type === 'STRING' ? typeof b === 'string' : a.type === 'BOOLEAN' && typeof b === 'boolean') {
      tally(i, String(b), r.positive, r.n);
    } else if (a.type === 'STRING_LIST' && Array.isArray(b)) {
      // Each element once per account, case-insensitively (the first spelling in the list).
      const seen = new Set<string>();
      for (const x of b as unknown[]) {
        if (x === null) continue;
        const element = typeof x === 'string' ? x : JSON.stringify(x);
        if (seen.has(element.toLowerCase())) continue;
        seen.add(element.toLowerCase());
        tally(i, element, r.positive, r.n);
      }
    }
  }
  spellings.forEach((byLower, i) => {
    for (const variants of byLower.values()) {
      const all = [...variants.entries()];
      const [spelling] = all.reduce((best, v) => (v[1].positives + v[1].negatives > best[1].positives + best[1].negatives ? v : best));
      out[i].values!.set(
        spelling,
        all.reduce((s, [, c]) => ({ positives: s.positives + c.positives, negatives: s.negatives + c.negatives }), zero()),
      );
    }
  });
  return { labelled, totals, attributes: out };
}

/**
 * The instant before which `share` of the closed (TOP_VALUE: won) opportunities of the
 * segment's accounts created in [from, to) were created; null without any.
 */
export async function splitInstant(db: Sql, l: Labelling, from: Date, to: Date, share: number): Promise<Date | null> {
  const [row] = await db.query(
    `SELECT percentile_disc($4::float8) WITHIN GROUP (ORDER BY o.created_at) AS at
    FROM opportunity o JOIN account a ON a.id = o.account_id AND ${isMemberOf('a', '$1')}
    WHERE ${l.basis === 'WON_VS_LOST' ? "o.outcome <> 'OPEN'" : "o.outcome = 'WON'"} AND o.created_at >= $2 AND o.created_at < $3`,
    [l.segmentId, from, to, share],
  );
  return row?.at ? new Date(row.at) : null;
}

export interface LabelledAccount {
  attributes: Record<string, unknown>;
  /** Label in the teaching window [from, split), null when the account has none there. */
  train: boolean | null;
  /** Label in the testing window [split, to), null when none. */
  test: boolean | null;
}

const FETCH = 20_000;

/**
 * Streams every account labelled in either window with both labels, in one read of each account
 * (TOP_VALUE labels the whole segment twice: it is still read once), through a cursor of the
 * caller's transaction (REPEATABLE READ: one snapshot).
 */
export async function scanLabelled(
  db: Sql,
  l: Labelling,
  from: Date,
  split: Date,
  to: Date,
  visit: (a: LabelledAccount) => void,
): Promise<void> {
  const shift = (sql: string, by: number) => sql.replace(/\$(\d)/g, (_, d) => (d === '1' ? '$1' : `$${Number(d) + by}`));
  const extra = l.basis === 'WON_VS_LOST' ? 2 : 3; // the test window's own $2.. parameters follow the train window's
  const trainParams = params(l, from, split);
  const testParams = params(l, split, to).slice(1);
  await db.query(
    `DECLARE labelled NO SCROLL CURSOR FOR
    SELECT a.attributes, tr.positive AS train, te.positive AS test
    FROM account a
    LEFT JOIN (${labelsSql(l)}) tr ON tr.account_id = a.id
    LEFT JOIN (${shift(labelsSql(l), extra)}) te ON te.account_id = a.id
    WHERE ${isMemberOf('a', '$1')} AND (tr.account_id IS NOT NULL OR te.account_id IS NOT NULL)`,
    [...trainParams, ...testParams],
  );
  for (;;) {
    const batch: LabelledAccount[] = await db.query(`FETCH ${FETCH} FROM labelled`);
    if (batch.length === 0) break;
    for (const a of batch) visit(a);
  }
  await db.query('CLOSE labelled');
}

/**
 * Upserts leads or opportunities on external_id in one statement (`rows` keyed by column);
 * returns how many rows were new.
 */
export async function upsertOutcomes(
  db: Sql,
  table: 'lead' | 'opportunity',
  columns: string[],
  rows: Array<Record<string, unknown>>,
): Promise<number> {
  const types: Record<string, string> = {
    id: 'uuid',
    external_id: 'text',
    account_id: 'uuid',
    created_at: 'timestamptz',
    converted_at: 'timestamptz',
    closed_at: 'timestamptz',
    outcome: 'text',
    amount: 'numeric',
    recorded_at: 'timestamptz',
  };
  const updates = columns
    .filter((c) => !['id', 'external_id'].includes(c))
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
  const result: Array<{ inserted: boolean }> = await db.query(
    `INSERT INTO ${table} (${columns.join(', ')})
     SELECT ${columns.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${columns.map((c) => `${c} ${types[c]}`).join(', ')})
     ON CONFLICT (external_id) DO UPDATE SET ${updates}
     RETURNING (xmax = 0) AS inserted`,
    [JSON.stringify(rows)],
  );
  return result.filter((r) => r.inserted).length;
}

const OPPORTUNITY_COLUMNS = 'id, external_id, account_id, created_at, closed_at, outcome, amount';
const toOpportunityRow = (r: any): Opportunity => ({
  id: r.id,
  externalId: r.external_id,
  accountId: r.account_id,
  createdAt: r.created_at,
  closedAt: r.closed_at,
  outcome: r.outcome,
  amount: r.amount === null ? null : Number(r.amount),
});

/** Every opportunity of these accounts, newest first. */
export async function opportunitiesOfAccounts(db: Sql, accountIds: readonly string[]): Promise<Opportunity[]> {
  return (
    await db.query(
      `SELECT ${OPPORTUNITY_COLUMNS} FROM opportunity
         WHERE account_id = ANY($1::uuid[]) ORDER BY created_at DESC, id DESC`,
      [[...accountIds]],
    )
  ).map(toOpportunityRow);
}

export async function opportunitiesByIds(db: Sql, ids: readonly string[]): Promise<Opportunity[]> {
  return (await db.query(`SELECT ${OPPORTUNITY_COLUMNS} FROM opportunity WHERE id = ANY($1::uuid[])`, [[...ids]])).map(toOpportunityRow);
}
