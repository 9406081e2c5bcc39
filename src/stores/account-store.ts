/**
 * The account table. Accounts are never deleted; `segment_ids` (the segments an account belongs
 * to, by rule or by name) is kept by the account service on every write. Upserts write whole
 * batches in one statement.
 */
import { types } from 'pg';
import { textArray } from '../db/array-params';
import { Conditions } from '../db/conditions';
import { queryPrepared } from '../db/prepared';
import { parseInstant } from '../db/type-parsers';
import type { Sql } from '../db/sql';
import type { Account } from '../model/account.types';
import { unreadFields } from './unread-fields';

export const ACCOUNT_COLUMNS =
  'id, external_id, name, domain, attributes, explicit_segments, segment_ids, membership_changes_at, created_at, updated_at';

export interface AccountRow {
  id: string;
  external_id: string;
  name: string;
  domain: string | null;
  attributes: Record<string, unknown>;
  explicit_segments: string[];
  segment_ids: string[];
  /** When time alone may change segment_ids next (a WITHIN_DAYS membership rule); null: never. */
  membership_changes_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/**
 * For any statement on account (`alias` its alias, or '' for none): the condition that the
 * account belongs to the segment `segmentId` (an SQL expression), by rule or by name. The GIN
 * index on segment_ids answers it.
 */
export const isMemberOf = (alias: string, segmentId: string): string =>
  `${alias ? `${alias}.` : ''}segment_ids @> ARRAY[${segmentId}::uuid]`;

export function toAccount(r: AccountRow): Account {
  return {
    id: r.id,
    externalId: r.external_id,
    name: r.name,
    domain: r.domain,
    attributes: r.attributes,
    explicitSegments: r.explicit_segments,
    segmentIds: r.segment_ids,
    membershipChangesAt: r.membership_changes_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/**
 * The account columns of the hot reads (a fits page, accounts by id) with the jsonb, the arrays
 * and the instants as their text (the same text pg's parsers read), for `toLazyAccount`; each
 * column as `${prefix}<column>`, of table alias `alias` ('' for none).
 */
export function accountTextColumns(alias: string, prefix = ''): string {
  const a = alias ? `${alias}.` : '';
  return ACCOUNT_COLUMNS.split(',')
    .map((c) => c.trim())
    .map((c) => (TEXT_PARSED[c as keyof typeof TEXT_PARSED] ? `${a}${c}::text AS ${prefix}${c}` : `${a}${c} AS ${prefix}${c}`))
    .join(', ');
}

/** What reads the text of each column `accountTextColumns` casts (jsonb, text[], uuid[], timestamptz): the parsers of fitgraph's connections, so the values are the ones a plain read gives. */
const parser = (oid: number) => types.getTypeParser(oid as never) as (text: string) => unknown;
const [parseJsonb, parseTextArray, parseUuidArray] = [parser(3802), parser(1009), parser(2951)];
const TEXT_PARSED = {
  attributes: parseJsonb,
  explicit_segments: parseTextArray,
  segment_ids: parseUuidArray,
  membership_changes_at: parseInstant,
  created_at: parseInstant,
  updated_at: parseInstant,
} as const;

/** The fields `toLazyAccount` parses when first read, with the column each is read from. */
const LAZY_FIELDS: Array<[keyof Account, keyof typeof TEXT_PARSED]> = [
  ['attributes', 'attributes'],
  ['explicitSegments', 'explicit_segments'],
  ['segmentIds', 'segment_ids'],
  ['membershipChangesAt', 'membership_changes_at'],
  ['createdAt', 'created_at'],
  ['updatedAt', 'updated_at'],
];
/** Each lazy account's row and column prefix, where its fields' texts are read from when first read. */
const lazySources = new WeakMap<object, { row: Record<string, unknown>; prefix: string }>();
/** Reads of a lazy field, shared by every lazy account (no closures per account). */
const LAZY_DESCRIPTORS: PropertyDescriptorMap = Object.fromEntries(
  LAZY_FIELDS.map(([field, column]) => [
    field,
    {
      enumerable: true,
      configurable: true,
      get(this: Account) {
        const source = lazySources.get(this);
        const text = (source?.row[`${source.prefix}${column}`] ?? null) as string | null;
        const value = text === null ? null : TEXT_PARSED[column](text);
        // Parsed once: from now on a plain property, as toAccount makes it.
        Object.defineProperty(this, field, { value, enumerable: true, configurable: true, writable: true });
        return value;
      },
      set(this: Account, value: unknown) {
        Object.defineProperty(this, field, { value, enumerable: true, configurable: true, writable: true });
      },
    },
  ]),
);

/**
 * An account from `accountTextColumns(…, prefix)`: the attributes, arrays and instants are parsed
 * when first read. A fits page of 20 asking only for names would otherwise parse 20 attribute
 * documents, 40 arrays and 60 instants (about 1 ms of a request's CPU on this machine, more than
 * the statement's execution).
 */
export function toLazyAccount(r: Record<string, unknown>, prefix = ''): Account {
  const p = (column: string) => r[`${prefix}${column}`];
  const account = { id: p('id'), externalId: p('external_id'), name: p('name'), domain: p('domain') } as Account;
  lazySources.set(account, { row: r, prefix });
  return Object.defineProperties(account, LAZY_DESCRIPTORS);
}

/** What a fits page that shows only names reads of its accounts (`accountNameColumns`, `toAccountName`). */
const NAME_COLUMNS = ['id', 'external_id', 'name', 'domain'] as const;
const NAME_ONLY = unreadFields('account', [
  'attributes',
  'explicitSegments',
  'segmentIds',
  'membershipChangesAt',
  'createdAt',
  'updatedAt',
]);

/** The columns `toAccountName` reads, as `${prefix}<column>` of table alias `alias`. */
export function accountNameColumns(alias: string, prefix: string): string {
  return NAME_COLUMNS.map((c) => `${alias}.${c} AS ${prefix}${c}`).join(', ');
}

/**
 * An account's id, external id, name and domain from `accountNameColumns(…, prefix)`; its other
 * fields were not read and throw when read (unread-fields.ts). For a page whose selection reads
 * no more of its accounts: their attributes are most of a row's bytes, and reading them cost a
 * fits page about as much CPU, in PostgreSQL and here, as the rest of its statement.
 */
export function toAccountName(r: Record<string, unknown>, prefix: string): Account {
  const account = Object.create(NAME_ONLY) as Account;
  account.id = r[`${prefix}id`] as string;
  account.externalId = r[`${prefix}external_id`] as string;
  account.name = r[`${prefix}name`] as string;
  account.domain = r[`${prefix}domain`] as string | null;
  return account;
}

async function selectAccounts(db: Sql, where: string, params: unknown[]): Promise<Account[]> {
  const rows: AccountRow[] = await db.query(`SELECT ${ACCOUNT_COLUMNS} FROM account WHERE ${where}`, params);
  return rows.map(toAccount);
}

export async function accountById(db: Sql, id: string): Promise<Account | null> {
  const [account] = await selectAccounts(db, 'id = $1', [id]);
  return account ?? null;
}

export async function accountByExternalId(db: Sql, externalId: string): Promise<Account | null> {
  const [account] = await selectAccounts(db, 'external_id = $1', [externalId]);
  return account ?? null;
}

/** Accounts by id, in no particular order (one statement). */
export async function accountsByIds(db: Sql, ids: readonly string[]): Promise<Account[]> {
  // Prepared: the loaders read accounts by id on every explained lookup (db/prepared.ts); parsed lazily, as few fields read them.
  const rows = await queryPrepared(db, `SELECT ${accountTextColumns('')} FROM account WHERE id = ANY($1::uuid[])`, [[...ids]]);
  return rows.map((r) => toLazyAccount(r));
}

/** Accounts by external id, in no particular order (one statement); unknown ids are left out. */
export async function accountsByExternalIds(db: Sql, externalIds: readonly string[]): Promise<Account[]> {
  return selectAccounts(db, 'external_id = ANY($1::text[])', [textArray(externalIds)]);
}

/**
 * The accounts an upsert is about to change, locked until its transaction ends, in id order
 * (the order in which a publish's batches share-lock members: the two wait for each other but
 * never deadlock, whatever plan the write then gets). What the upsert patches is then exactly
 * what it read: the time-driven membership pass skips locked accounts rather than moving their
 * segments in between.
 */
export async function lockAccountsByExternalIds(db: Sql, externalIds: readonly string[]): Promise<Account[]> {
  return selectAccounts(db, 'external_id = ANY($1::text[]) ORDER BY id FOR NO KEY UPDATE', [textArray(externalIds)]);
}

/** Ids of the accounts with these external ids (one statement); unknown ids are left out. */
export async function accountIdsByExternalIds(db: Sql, externalIds: readonly string[]): Promise<Array<{ id: string; externalId: string }>> {
  const rows: Array<{ id: string; external_id: string }> = await db.query(
    'SELECT id, external_id FROM account WHERE external_id = ANY($1::text[])',
    [[...externalIds]],
  );
  return rows.map((r) => ({ id: r.id, externalId: r.external_id }));
}

export interface AccountListFilter {
  /** Part of the name (any case), or the exact external id, or the domain (any case). */
  search?: string;
  segmentId?: string;
}

function listConditions(filter: AccountListFilter): Conditions {
  const c = new Conditions();
  if (filter.search) {
    const like = `%${filter.search.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    c.add('(lower(a.name) LIKE ? OR a.external_id = ? OR lower(a.domain) = lower(?))', like, filter.search, filter.search);
  }
  if (filter.segmentId) c.add(isMemberOf('a', c.bind(filter.segmentId)));
  return c;
}

/** One keyset page in id order (ids are time-ordered: creation order), `size` rows at most. */
export async function accountPage(
  db: Sql,
  filter: AccountListFilter,
  page: { cursor: string | null; bound: string | null; backward: boolean; size: number },
): Promise<Account[]> {
  const c = listConditions(filter);
  // In id order: the rows past the cursor in the direction of reading, short of the bound.
  if (page.cursor) c.add(page.backward ? 'a.id < ?' : 'a.id > ?', page.cursor);
  if (page.bound) c.add(page.backward ? 'a.id > ?' : 'a.id < ?', page.bound);
  const rows: AccountRow[] = await db.query(
    `SELECT ${ACCOUNT_COLUMNS} FROM account a ${c.where} ORDER BY a.id ${page.backward ? 'DESC' : 'ASC'} LIMIT ${c.bind(page.size)}`,
    c.params,
  );
  return rows.map(toAccount);
}

export async function countAccounts(db: Sql, filter: AccountListFilter): Promise<number> {
  const c = listConditions(filter);
  const [{ n }]: Array<{ n: number }> = await db.query(`SELECT count(*)::int AS n FROM account a ${c.where}`, c.params);
  return n;
}

/**
 * Taken by upserts before they read: waits for a publish's flip (SHARE) to finish, so new score
 * rows never start before the rows they follow.
 */
export async function lockAccountsForWriting(db: Sql): Promise<void> {
  await db.query('LOCK TABLE account IN ROW EXCLUSIVE MODE');
}

/**
 * Taken by a publish's flip until it commits: upserts (ROW EXCLUSIVE) wait for the flip and then
 * score under the new version.
 */
export async function holdAccountWrites(db: Sql): Promise<void> {
  await db.query('LOCK TABLE account IN SHARE MODE');
}

/** A new account, written whole. */
export type AccountWrite = Omit<AccountRow, 'created_at' | 'updated_at'>;

/**
 * An existing account's new state: its attributes as a patch of the stored document (`set`
 * replaces or adds top-level keys, `unset` removes them), the other columns whole.
 */
export interface AccountUpdate extends Omit<AccountWrite, 'external_id' | 'attributes'> {
  set: Record<string, unknown>;
  unset: string[];
}

/**
 * Creates new accounts and updates existing ones, in one statement; `at` is their updated_at
 * (and created_at when new). The caller holds the accounts' external ids (see
 * lockTransactionKeys) and the existing rows (lockAccountsByExternalIds), so which of them
 * exist cannot change under it: new ones are plain inserts (no speculative insertion, as ON
 * CONFLICT would write for each) and existing ones plain updates. Updates send only the
 * attributes that changed: a CRM sync resends whole records whose few changed keys are all the
 * server has to parse, and keys this process never saw (or could not hold exactly, as integers
 * past 2^53) stay as stored.
 */
export async function writeAccounts(db: Sql, created: AccountWrite[], updated: AccountUpdate[], at: Date): Promise<void> {
  if (created.length === 0 && updated.length === 0) return;
  const [written]: Array<{ created: number; updated: number }> = await db.query(
    `WITH changed AS (
       UPDATE account AS a SET name = u.name, domain = u.domain, attributes = (a.attributes - u.unset) || u.set,
         explicit_segments = u.explicit_segments, segment_ids = u.segment_ids,
         membership_changes_at = u.membership_changes_at, updated_at = $3
       FROM (SELECT r.id, r.name, r.domain, r.set, ARRAY(SELECT jsonb_array_elements_text(r.unset)) AS unset,
                    ARRAY(SELECT jsonb_array_elements_text(r.explicit_segments)) AS explicit_segments,
                    ARRAY(SELECT jsonb_array_elements_text(r.segment_ids))::uuid[] AS segment_ids, r.membership_changes_at
             FROM jsonb_to_recordset($2::jsonb)
               AS r(id uuid, name text, domain text, set jsonb, unset jsonb, explicit_segments jsonb, segment_ids jsonb, membership_changes_at timestamptz)
            ) u
       WHERE a.id = u.id
       RETURNING 1),
     added AS (
       INSERT INTO account (id, external_id, name, domain, attributes, explicit_segments, segment_ids, membership_changes_at, created_at, updated_at)
       SELECT r.id, r.external_id, r.name, r.domain, r.attributes,
              ARRAY(SELECT jsonb_array_elements_text(r.explicit_segments)), ARRAY(SELECT jsonb_array_elements_text(r.segment_ids))::uuid[],
              r.membership_changes_at, $3, $3
       FROM jsonb_to_recordset($1::jsonb)
         AS r(id uuid, external_id text, name text, domain text, attributes jsonb, explicit_segments jsonb, segment_ids jsonb, membership_changes_at timestamptz)
       RETURNING 1)
     SELECT (SELECT count(*) FROM added)::int AS created, (SELECT count(*) FROM changed)::int AS updated`,
    [JSON.stringify(created), JSON.stringify(updated), at],
  );
  // Accounts are never deleted and the caller holds every row it updates: a difference is a bug, not a race.
  if (written.created !== created.length || written.updated !== updated.length) {
    throw new Error(`account write mismatch: ${written.created}/${created.length} created, ${written.updated}/${updated.length} updated`);
  }
}

/**
 * Streams the accounts of a segment (id and attributes) through a cursor, `batch` at a time, to
 * `each`: the whole segment never sits in memory. Runs inside the caller's transaction.
 */
export async function scanMembers(
  db: Sql,
  segmentId: string,
  batch: number,
  each: (accounts: Array<{ id: string; attributes: Record<string, unknown> }>) => void,
): Promise<void> {
  await db.query(`DECLARE backtest NO SCROLL CURSOR FOR SELECT id, attributes FROM account WHERE ${isMemberOf('', '$1')}`, [segmentId]);
  for (;;) {
    const rows: Array<{ id: string; attributes: Record<string, unknown> }> = await db.query(`FETCH ${batch} FROM backtest`);
    if (rows.length === 0) break;
    each(rows);
  }
  await db.query('CLOSE backtest');
}

/** How many accounts the segment has. */
export async function countMembers(db: Sql, segmentId: string): Promise<number> {
  const [{ n }]: Array<{ n: number }> = await db.query(`SELECT count(*)::int AS n FROM account WHERE ${isMemberOf('', '$1')}`, [segmentId]);
  return n;
}

/** What membership rules read of an account. */
export interface MembershipInputs {
  id: string;
  attributes: Record<string, unknown>;
  explicit_segments: string[];
}

/** The next `size` accounts after id `after`, in id order (a keyset scan of the whole table). */
export async function membershipBatch(db: Sql, after: string, size: number): Promise<MembershipInputs[]> {
  return db.query(`SELECT id, attributes, explicit_segments FROM account WHERE id > $1 ORDER BY id LIMIT ${size}`, [after]);
}

/** Adds the segment to these accounts' memberships. */
export async function addToSegment(db: Sql, ids: string[], segmentId: string): Promise<void> {
  await db.query('UPDATE account SET segment_ids = array_append(segment_ids, $2) WHERE id = ANY($1::uuid[])', [ids, segmentId]);
}

/** Brings forward the instant at which time may change these accounts' memberships (a new segment's rule), never later. */
export async function advanceMembershipChanges(db: Sql, rows: Array<{ id: string; at: Date }>): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `UPDATE account a SET membership_changes_at = least(a.membership_changes_at, c.at)
     FROM unnest($1::uuid[], $2::timestamptz[]) AS c(id, at) WHERE a.id = c.id`,
    [rows.map((r) => r.id), rows.map((r) => r.at)],
  );
}

/** What time-driven membership needs of an account. */
export interface MembershipDue {
  id: string;
  attributes: Record<string, unknown>;
  explicit_segments: string[];
  segment_ids: string[];
  membership_changes_at: Date;
}

/**
 * Accounts whose membership_changes_at has passed, soonest first, locked for update (an upsert
 * waits for the caller to commit); accounts another transaction holds are skipped, so several
 * processes share the work and an account being upserted is left to its upsert.
 */
export async function lockMembershipsDue(db: Sql, now: Date, limit: number): Promise<MembershipDue[]> {
  return db.query(
    `SELECT id, attributes, explicit_segments, segment_ids, membership_changes_at FROM account
     WHERE membership_changes_at <= $1 ORDER BY membership_changes_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [now, limit],
  );
}

/** Writes the memberships time changed (the accounts are locked by lockMembershipsDue). */
export async function updateMemberships(db: Sql, rows: Array<{ id: string; segmentIds: string[]; changesAt: Date | null }>): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `UPDATE account a SET segment_ids = ARRAY(SELECT jsonb_array_elements_text(c.segment_ids))::uuid[], membership_changes_at = c.changes_at
     FROM jsonb_to_recordset($1::jsonb) AS c(id uuid, segment_ids jsonb, changes_at timestamptz) WHERE a.id = c.id`,
    [JSON.stringify(rows.map((r) => ({ id: r.id, segment_ids: r.segmentIds, changes_at: r.changesAt })))],
  );
}

/** An account whose membership_changes_at is unknown (written before the column existed). */
export interface MembershipUnchecked {
  id: string;
  attributes: Record<string, unknown>;
  explicit_segments: string[];
  segment_ids: string[];
  /** When its memberships were last computed by a write of the account. */
  updated_at: Date;
}

/**
 * Up to `limit` accounts not checked since membership_changes_at existed, locked for update
 * (skipping those another transaction holds, as lockMembershipsDue does).
 */
export async function lockMembershipsUnchecked(db: Sql, limit: number): Promise<MembershipUnchecked[]> {
  return db.query(
    `SELECT id, attributes, explicit_segments, segment_ids, updated_at FROM account
     WHERE NOT membership_checked ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [limit],
  );
}

/** Sets the instant at which time next changes these accounts' memberships (locked by lockMembershipsUnchecked), and marks them checked. */
export async function markMembershipsChecked(db: Sql, rows: Array<{ id: string; changesAt: Date | null }>): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `UPDATE account a SET membership_changes_at = c.changes_at, membership_checked = true
     FROM unnest($1::uuid[], $2::timestamptz[]) AS c(id, changes_at) WHERE a.id = c.id`,
    [rows.map((r) => r.id), rows.map((r) => r.changesAt)],
  );
}

/** The soonest membership_changes_at of any account, or null. */
export async function soonestMembershipChange(db: Sql): Promise<Date | null> {
  const [row] = await db.query('SELECT min(membership_changes_at) AS at FROM account');
  return row?.at ?? null;
}

/**
 * The SQL of an account's attributes reduced to `keys`, with parameters numbered from `first`.
 * Only the attributes a definition reads cross the wire: parsing a million full documents in
 * Node costs more than scoring them. (jsonb_build_object takes at most 50 pairs; beyond, all.)
 */
export function attributesProjection(alias: string, keys: readonly string[], first: number): { sql: string; params: string[] } {
  if (keys.length > 50) return { sql: `${alias}.attributes`, params: [] };
  return {
    sql: `jsonb_build_object(${keys.map((_, i) => `$${i + first}::text, ${alias}.attributes -> $${i + first}::text`).join(', ')})`,
    params: [...keys],
  };
}
