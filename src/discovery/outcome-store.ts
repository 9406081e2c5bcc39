/**
 * The SQL of discovery: which accounts of a segment are positives and negatives in a window of
 * outcomes, and their attributes counted per candidate bucket. Set-based: an analysis is three
 * statements (quantiles, scalar buckets by GROUPING SETS, list elements) whatever the number of
 * accounts; the scans of suggestDraft stream accounts through a cursor.
 */
import type { EntityManager } from 'typeorm';
import type { AttributeType, CatalogueEntry } from '../versions/icp-definition';
import { NUMBER_QUANTILES, RECENCY_WINDOWS, type AttributeCounts, type Counts } from './insight-analysis';

export type InsightBasis = 'WON_VS_LOST' | 'TOP_VALUE';

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
 * `(account_id, positive)` of the accounts labelled by the opportunities created in
 * [$2, $3): WON_VS_LOST the segment's accounts with a closed opportunity (positive: one was
 * won); TOP_VALUE every account of the segment (positive: among the top $4 share of won
 * accounts by value). $1 is the segment id.
 */
export function labelsSql(l: Labelling): string {
  const inSegment = 'a.segment_ids @> ARRAY[$1::uuid]';
  if (l.basis === 'WON_VS_LOST') {
    return `SELECT o.account_id, bool_or(o.outcome = 'WON') AS positive
      FROM opportunity o JOIN account a ON a.id = o.account_id AND ${inSegment}
      WHERE o.outcome <> 'OPEN' AND o.created_at >= $2 AND o.created_at < $3
      GROUP BY o.account_id`;
  }
  const value = l.valueAttribute
    ? `CASE WHEN jsonb_typeof(a.attributes->${lit(l.valueAttribute)}) = 'number' THEN (a.attributes->>${lit(l.valueAttribute)})::float8 END`
    : 'sum(o.amount)::float8';
  return `SELECT a.id AS account_id, b.account_id IS NOT NULL AS positive
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

const populationCte = (l: Labelling) => `WITH labels AS (${labelsSql(l)}),
  pop AS (SELECT a.attributes, l.positive FROM labels l JOIN account a ON a.id = l.account_id)`;

const value = (key: string) => `pop.attributes->${lit(key)}`;
const isMissing = (key: string) => `(${value(key)} IS NULL OR jsonb_typeof(${value(key)}) = 'null')`;
const ofType = (key: string, json: string) => `jsonb_typeof(${value(key)}) = '${json}'`;

/**
 * A text bucket per attribute: 'm' missing, 'x' a value of the wrong type (present, holds no
 * test); otherwise 'v<value>' (strings lower-cased, booleans), 'b<bin>' (numbers, dates) or
 * 'p' (lists, whose elements are counted apart). Spellings are merged case-insensitively in
 * {@link countPopulation}, as the scoring engine compares strings.
 */
function bucket(entry: CatalogueEntry, cutsParam: string | null, atParam: string): string {
  const key = entry.key;
  const present = (() => {
    switch (entry.type as AttributeType) {
      case 'STRING': return `CASE WHEN ${ofType(key, 'string')} THEN 'v' || (${value(key)} #>> '{}') ELSE 'x' END`;
      case 'BOOLEAN': return `CASE WHEN ${ofType(key, 'boolean')} THEN 'v' || (${value(key)} #>> '{}') ELSE 'x' END`;
      case 'STRING_LIST': return `CASE WHEN ${ofType(key, 'array')} THEN 'p' ELSE 'x' END`;
      case 'NUMBER': {
        const v = `(${value(key)} #>> '{}')::float8`;
        const w = `width_bucket(${v}, ${cutsParam}::float8[])`;
        return `CASE WHEN ${ofType(key, 'number')} THEN 'b' || (2 * ${w} - CASE WHEN ${w} > 0 AND ${v} = (${cutsParam}::float8[])[${w}] THEN 1 ELSE 0 END)::text ELSE 'x' END`;
      }
      case 'DATE': {
        // Age in days at the analysis instant, as WITHIN_DAYS reads it; future dates hold no window.
        const age = `extract(epoch FROM (${atParam}::timestamptz - (${value(key)} #>> '{}')::timestamptz)) / 86400`;
        const windows = RECENCY_WINDOWS.map((d, i) => `WHEN ${age} <= ${d} THEN 'b${i}'`).join(' ');
        return `CASE WHEN ${ofType(key, 'string')} AND (${value(key)} #>> '{}') ~ '^\\d{4}-\\d{2}-\\d{2}' THEN
          CASE WHEN ${age} < 0 THEN 'x' ${windows} ELSE 'b${RECENCY_WINDOWS.length}' END ELSE 'x' END`;
      }
      default: return `'x'`;
    }
  })();
  return `CASE WHEN ${isMissing(key)} THEN 'm' ELSE ${present} END`;
}

export interface CountedPopulation {
  totals: Counts;
  attributes: AttributeCounts[];
}

const add = (c: Counts, positive: boolean, n: number) => (positive ? (c.positives += n) : (c.negatives += n));
const zero = (): Counts => ({ positives: 0, negatives: 0 });

/**
 * Counts the labelled accounts of [from, to) per candidate bucket of every catalogue attribute.
 * Runs in one REPEATABLE READ snapshot so that the three statements see the same outcomes.
 */
export async function countPopulation(em: EntityManager, l: Labelling, from: Date, to: Date, at: Date, catalogue: CatalogueEntry[]): Promise<CountedPopulation> {
  return em.transaction('REPEATABLE READ', async (tx) => {
    // Dates without an offset are UTC everywhere in fitgraph (see parseInstant).
    await tx.query(`SET LOCAL TIME ZONE 'UTC'`);
    const base = params(l, from, to);
    const numbers = catalogue.filter((e) => e.type === 'NUMBER');
    const cuts = new Map<string, number[]>();
    if (numbers.length) {
      const q = `$${base.length + 1}::float8[]`;
      const [row] = await tx.query(`${populationCte(l)}
        SELECT ${numbers.map((e, i) => `percentile_disc(${q}) WITHIN GROUP (ORDER BY (${value(e.key)} #>> '{}')::float8)
          FILTER (WHERE ${ofType(e.key, 'number')}) AS q${i}`).join(',\n')}
        FROM pop`, [...base, NUMBER_QUANTILES]);
      numbers.forEach((e, i) => cuts.set(e.key, [...new Set<number>((row[`q${i}`] ?? []).map(Number))].sort((a, b) => a - b)));
    }
    const extra: unknown[] = [];
    const param = (v: unknown) => `$${base.length + extra.push(v)}`;
    const atParam = param(at);
    const columns = catalogue.map((e, i) => `${bucket(e, e.type === 'NUMBER' ? param(cuts.get(e.key) ?? []) : null, atParam)} AS b${i}`);
    const rows: Array<Record<string, unknown>> = await tx.query(`${populationCte(l)}
      SELECT positive, count(*)::int AS n, ${catalogue.map((_, i) => `b${i}`).join(', ')}
      FROM (SELECT positive, ${columns.join(',\n')} FROM pop) t
      GROUP BY GROUPING SETS ((positive)${catalogue.map((_, i) => `, (positive, b${i})`).join('')})`, [...base, ...extra]);

    const lists = catalogue.filter((e) => e.type === 'STRING_LIST');
    const elements: Array<{ key: string; element: string; positive: boolean; n: number }> = lists.length ? await tx.query(`${populationCte(l)}
      SELECT k.key, e.element, pop.positive, count(*)::int AS n
      FROM pop CROSS JOIN (VALUES ${lists.map((e) => `(${lit(e.key)})`).join(', ')}) k(key)
      CROSS JOIN LATERAL (SELECT DISTINCT ON (lower(x)) x AS element FROM jsonb_array_elements_text(
        CASE WHEN jsonb_typeof(pop.attributes->k.key) = 'array' THEN pop.attributes->k.key ELSE '[]' END) x) e
      GROUP BY 1, 2, 3`, base) : [];

    const totals = zero();
    const counted: AttributeCounts[] = catalogue.map((e) => ({
      attribute: e.key, type: e.type, dimension: e.dimension ?? null, missing: zero(),
      ...(e.type === 'NUMBER' ? { cuts: cuts.get(e.key) ?? [], bins: Array.from({ length: 2 * (cuts.get(e.key)?.length ?? 0) + 1 }, zero) } : {}),
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
      const positive = r.positive as boolean;
      const n = r.n as number;
      const i = catalogue.findIndex((_, k) => r[`b${k}`] !== null);
      if (i < 0) {
        add(totals, positive, n);
        continue;
      }
      const b = r[`b${i}`] as string;
      const a = counted[i];
      if (b === 'm') add(a.missing, positive, n);
      else if (b[0] === 'v') tally(i, b.slice(1), positive, n);
      else if (b[0] === 'b') add(a.bins![Number(b.slice(1))], positive, n);
    }
    for (const r of elements) tally(catalogue.findIndex((e) => e.key === r.key), r.element, r.positive, r.n);
    spellings.forEach((byLower, i) => {
      for (const variants of byLower.values()) {
        const all = [...variants.entries()];
        const [spelling] = all.reduce((best, v) => (v[1].positives + v[1].negatives > best[1].positives + best[1].negatives ? v : best));
        counted[i].values!.set(spelling, all.reduce((s, [, c]) => ({ positives: s.positives + c.positives, negatives: s.negatives + c.negatives }), zero()));
      }
    });
    return { totals, attributes: counted };
  });
}

/**
 * The instant before which `share` of the closed (TOP_VALUE: won) opportunities of the
 * segment's accounts created in [from, to) were created; null without any.
 */
export async function splitInstant(em: EntityManager, l: Labelling, from: Date, to: Date, share: number): Promise<Date | null> {
  const [row] = await em.query(`SELECT percentile_disc($4::float8) WITHIN GROUP (ORDER BY o.created_at) AS at
    FROM opportunity o JOIN account a ON a.id = o.account_id AND a.segment_ids @> ARRAY[$1::uuid]
    WHERE ${l.basis === 'WON_VS_LOST' ? "o.outcome <> 'OPEN'" : "o.outcome = 'WON'"} AND o.created_at >= $2 AND o.created_at < $3`,
  [l.segmentId, from, to, share]);
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
 * Streams every account labelled in either window with both labels, in one snapshot and one
 * read of each account (TOP_VALUE labels the whole segment twice: it is still read once).
 */
export async function scanLabelled(em: EntityManager, l: Labelling, from: Date, split: Date, to: Date, visit: (a: LabelledAccount) => void): Promise<void> {
  const shift = (sql: string, by: number) => sql.replace(/\$(\d)/g, (_, d) => (d === '1' ? '$1' : `$${Number(d) + by}`));
  const extra = l.basis === 'WON_VS_LOST' ? 2 : 3; // the test window's own $2.. parameters follow the train window's
  const trainParams = params(l, from, split);
  const testParams = params(l, split, to).slice(1);
  await em.transaction('REPEATABLE READ', async (tx) => {
    await tx.query(`DECLARE labelled NO SCROLL CURSOR FOR
      SELECT a.attributes, tr.positive AS train, te.positive AS test
      FROM account a
      LEFT JOIN (${labelsSql(l)}) tr ON tr.account_id = a.id
      LEFT JOIN (${shift(labelsSql(l), extra)}) te ON te.account_id = a.id
      WHERE a.segment_ids @> ARRAY[$1::uuid] AND (tr.account_id IS NOT NULL OR te.account_id IS NOT NULL)`, [...trainParams, ...testParams]);
    for (;;) {
      const batch: LabelledAccount[] = await tx.query(`FETCH ${FETCH} FROM labelled`);
      if (batch.length === 0) break;
      for (const a of batch) visit(a);
    }
    await tx.query('CLOSE labelled');
  });
}
