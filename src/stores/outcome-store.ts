/**
 * The outcome tables, lead and opportunity: their upserts, and the SQL of discovery over them
 * (which accounts of a segment are positives and negatives in a window of outcomes, and their
 * attributes counted per candidate bucket). Set-based: an analysis is four
 * statements whatever the number of accounts (see countPopulation); the scans of suggestDraft
 * stream accounts through a cursor.
 */
import type { Sql } from '../db/sql';
import { countMembers, isMemberOf } from './account-store';
import type { AttributeType, CatalogueEntry } from '../model/icp-definition';
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
  return `SELECT a.id AS account_id, b.account_id IS NOT NULL AS positive${attributes}
    FROM account a
    LEFT JOIN (
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
    ) b ON b.account_id = a.id
    WHERE ${inSegment}`;
}

function params(l: Labelling, from: Date, to: Date): unknown[] {
  return l.basis === 'WON_VS_LOST' ? [l.segmentId, from, to] : [l.segmentId, from, to, l.topShare];
}

const populationCte = (l: Labelling) => `WITH pop AS (${labelsSql(l, true)})`;

/** The JSON type a catalogue type is stored as. */
const JSON_TYPE: Record<AttributeType, string> = {
  STRING: 'string',
  BOOLEAN: 'boolean',
  STRING_LIST: 'array',
  NUMBER: 'number',
  DATE: 'string',
};

/** Quantile cut points come from a sample of about this many accounts (the tests count them all). */
const QUANTILE_SAMPLE = 100_000;

export interface CountedPopulation {
  totals: Counts;
  attributes: AttributeCounts[];
}

const add = (c: Counts, positive: boolean, n: number) => (positive ? (c.positives += n) : (c.negatives += n));
const zero = (): Counts => ({ positives: 0, negatives: 0 });

/**
 * Counts the labelled accounts of [from, to) per candidate bucket of every catalogue attribute,
 * in four statements whatever the number of accounts, run in the caller's REPEATABLE READ
 * transaction so that they read one snapshot:
 * 1. the segment's size (to size the quantiles' sample);
 * 2. positives and negatives, and the NUMBER attributes' quantiles from a sample of accounts
 *    chosen by a hash of their id (the same sample every time);
 * 3. one pass over every (account, attribute) pair of the accounts' jsonb (jsonb_each reads it
 *    once, rather than one lookup per attribute and bucket), bucketed by type, counted by one
 *    hash aggregate: 'v<value>' for strings and booleans, 'b<bin>' for numbers and dates, 'p'
 *    for a present list, 'x' for a value of the wrong type (present, holds no test), 'm' for an
 *    explicit null; absent keys are missing, derived from the totals;
 * 4. list elements, each account counted once per distinct element (case-insensitively).
 * Spellings of a value are merged case-insensitively, as the scoring engine compares strings.
 */
export async function countPopulation(
  db: Sql,
  l: Labelling,
  from: Date,
  to: Date,
  at: Date,
  catalogue: CatalogueEntry[],
): Promise<CountedPopulation> {
  // Dates without an offset are UTC everywhere in fitgraph (see parseInstant).
  await db.query(`SET LOCAL TIME ZONE 'UTC'`);
  const base = params(l, from, to);
  const segmentSize = await countMembers(db, l.segmentId);
  const sample = Math.max(1, Math.ceil(4096 * Math.min(1, QUANTILE_SAMPLE / Math.max(1, segmentSize))));
  const numbers = catalogue.filter((e) => e.type === 'NUMBER');
  const q = `$${base.length + 1}::float8[]`;
  const [head] = await db.query(
    `${populationCte(l)}
    SELECT count(*) FILTER (WHERE positive)::int AS positives, count(*) FILTER (WHERE NOT positive)::int AS negatives
      ${numbers
        .map(
          (e, i) => `, percentile_disc(${q}) WITHIN GROUP (ORDER BY (attributes->>${lit(e.key)})::float8)
        FILTER (WHERE jsonb_typeof(attributes->${lit(e.key)}) = 'number' AND (hashtext(account_id::text) & 4095) < $${base.length + 2}) AS q${i}`,
        )
        .join('')}
    FROM pop`,
    [...base, NUMBER_QUANTILES, sample],
  );
  const totals: Counts = { positives: head.positives, negatives: head.negatives };
  const cuts = new Map(numbers.map((e, i) => [e.key, [...new Set<number>((head[`q${i}`] ?? []).map(Number))].sort((a, b) => a - b)]));

  const extra: unknown[] = [];
  const param = (v: unknown) => `$${base.length + extra.push(v)}`;
  const atParam = param(at);
  const spec = catalogue.map(
    (e, i) =>
      `(${lit(e.key)}, ${i}, '${e.type}', '${JSON_TYPE[e.type]}', ${e.type === 'NUMBER' ? param(cuts.get(e.key) ?? []) : 'NULL'}::float8[])`,
  );
  const windows = RECENCY_WINDOWS.map((d, i) => `WHEN v.age <= ${d} THEN 'b${i}'`).join(' ');
  const rows: Array<{ idx: number; positive: boolean; bucket: string; n: number }> = await db.query(
    `${populationCte(l)},
    spec(key, idx, type, json, cuts) AS (VALUES ${spec.join(', ')})
    SELECT v.idx, v.positive, CASE
        WHEN v.t = 'null' THEN 'm'
        WHEN v.t <> v.json THEN 'x'
        WHEN v.type IN ('STRING', 'BOOLEAN') THEN 'v' || v.txt
        WHEN v.type = 'STRING_LIST' THEN 'p'
        -- width_bucket counts the cuts at or below the value; a value equal to a cut gets that cut's own bin.
        WHEN v.type = 'NUMBER' THEN 'b' || (2 * width_bucket(v.num, v.cuts) - (v.num = ANY (v.cuts))::int)::text
        WHEN v.age IS NULL OR v.age < 0 THEN 'x'
        ${windows} ELSE 'b${RECENCY_WINDOWS.length}' END AS bucket, count(*)::int AS n
    FROM (
      SELECT s.idx, s.type, s.json, s.cuts, p.positive, jsonb_typeof(e.value) AS t,
             CASE WHEN s.type IN ('STRING', 'BOOLEAN') THEN e.value #>> '{}' END AS txt,
             CASE WHEN s.type = 'NUMBER' AND jsonb_typeof(e.value) = 'number' THEN e.value::float8 END AS num,
             CASE WHEN s.type = 'DATE' AND jsonb_typeof(e.value) = 'string' AND (e.value #>> '{}') ~ '^\\d{4}-\\d{2}-\\d{2}'
                  THEN (date_part('epoch', ${atParam}::timestamptz) - date_part('epoch', (e.value #>> '{}')::timestamptz)) / 86400 END AS age
      FROM pop p CROSS JOIN LATERAL jsonb_each(p.attributes) e JOIN spec s ON s.key = e.key
      OFFSET 0) v
    GROUP BY 1, 2, 3`,
    [...base, ...extra],
  );

  const lists = catalogue.filter((e) => e.type === 'STRING_LIST');
  const elements: Array<{ key: string; element: string; positive: boolean; n: number }> = lists.length
    ? await db.query(
        `${populationCte(l)}
    SELECT k.key, e.element, pop.positive, count(*)::int AS n
    FROM pop CROSS JOIN (VALUES ${lists.map((e) => `(${lit(e.key)})`).join(', ')}) k(key)
    CROSS JOIN LATERAL (SELECT DISTINCT ON (lower(x)) x AS element FROM jsonb_array_elements_text(
      CASE WHEN jsonb_typeof(pop.attributes->k.key) = 'array' THEN pop.attributes->k.key ELSE '[]' END) x) e
    GROUP BY 1, 2, 3`,
        base,
      )
    : [];

  const counted: AttributeCounts[] = catalogue.map((e) => ({
    attribute: e.key,
    type: e.type,
    dimension: e.dimension ?? null,
    missing: { ...totals },
    ...(e.type === 'NUMBER'
      ? { cuts: cuts.get(e.key) ?? [], bins: Array.from({ length: 2 * (cuts.get(e.key)?.length ?? 0) + 1 }, zero) }
      : {}),
    ...(e.type === 'DATE' ? { bins: Array.from({ length: RECENCY_WINDOWS.length + 1 }, zero) } : {}),
    ...(e.type === 'STRING' || e.type === 'BOOLEAN' || e.type === 'STRING_LIST' ? { values: new Map<string, Counts>() } : {}),
  }));
  // Values and elements by lower-cased value, shown in their most frequent spelling.
  const spellings = counted.map(() => new Map<string, Map<string, Counts>>());
  const tally = (i: number, spelling: string, positive: boolean, n: number) => {
    const byLower = spellings[i];
    const lower = spelling.toLowerCase();
    if (!byLower.has(lower)) byLower.set(lower, new Map());
    const m = byLower.get(lower)!;
    if (!m.has(spelling)) m.set(spelling, zero());
    add(m.get(spelling)!, positive, n);
  };
  for (const r of rows) {
    const a = counted[r.idx];
    // Every present key is counted here, so missing = all accounts - present ones (+ explicit nulls back below).
    add(a.missing, r.positive, -r.n);
    const b = r.bucket;
    if (b === 'm') add(a.missing, r.positive, r.n);
    else if (b[0] === 'v') tally(r.idx, b.slice(1), r.positive, r.n);
    else if (b[0] === 'b') add(a.bins![Number(b.slice(1))], r.positive, r.n);
  }
  for (const r of elements)
    tally(
      catalogue.findIndex((e) => e.key === r.key),
      r.element,
      r.positive,
      r.n,
    );
  spellings.forEach((byLower, i) => {
    for (const variants of byLower.values()) {
      const all = [...variants.entries()];
      const [spelling] = all.reduce((best, v) => (v[1].positives + v[1].negatives > best[1].positives + best[1].negatives ? v : best));
      counted[i].values!.set(
        spelling,
        all.reduce((s, [, c]) => ({ positives: s.positives + c.positives, negatives: s.negatives + c.negatives }), zero()),
      );
    }
  });
  return { totals, attributes: counted };
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
