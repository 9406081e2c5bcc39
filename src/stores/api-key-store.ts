/**
 * The api_key table. Only the secret's hash is stored; `name_identity` is the name as a reader
 * sees it (domain/auth/key-name.ts), unique among all keys, revoked ones too.
 */
import type { Sql } from '../db/sql';
import type { ApiKey } from '../model/api-key.types';
import type { Role } from '../model/role';

/** What readers see of a key: never its hash nor its name identity. */
export const API_KEY_COLUMNS = 'id, name, role, created_at, created_by, revoked_at, revoked_by';

export interface ApiKeyRow {
  id: string;
  name: string;
  role: Role;
  created_at: Date;
  created_by: string;
  revoked_at: Date | null;
  revoked_by: string | null;
}

export function toApiKey(r: ApiKeyRow): ApiKey {
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    createdAt: r.created_at,
    createdBy: r.created_by,
    revokedAt: r.revoked_at,
    revokedBy: r.revoked_by,
  };
}

export interface NewApiKey {
  name: string;
  nameIdentity: string;
  role: Role;
  secretHash: string;
  createdAt: Date;
  createdBy: string;
}

/** The live key with this secret hash, or null. */
export async function liveKeyBySecretHash(db: Sql, secretHash: string): Promise<ApiKey | null> {
  const [row]: ApiKeyRow[] = await db.query(
    `SELECT ${API_KEY_COLUMNS} FROM api_key WHERE secret_hash = $1 AND revoked_at IS NULL LIMIT 1`,
    [secretHash],
  );
  return row ? toApiKey(row) : null;
}

/** The most recently revoked key with this secret hash, or null. */
export async function revokedKeyBySecretHash(db: Sql, secretHash: string): Promise<ApiKey | null> {
  const [row]: ApiKeyRow[] = await db.query(
    `SELECT ${API_KEY_COLUMNS} FROM api_key WHERE secret_hash = $1 AND revoked_at IS NOT NULL ORDER BY revoked_at DESC LIMIT 1`,
    [secretHash],
  );
  return row ? toApiKey(row) : null;
}

/** Every key, oldest first. */
export async function listApiKeys(db: Sql): Promise<ApiKey[]> {
  const rows: ApiKeyRow[] = await db.query(`SELECT ${API_KEY_COLUMNS} FROM api_key ORDER BY created_at, id`);
  return rows.map(toApiKey);
}

/** Keys by id, in no particular order (one statement). */
export async function apiKeysByIds(db: Sql, ids: readonly string[]): Promise<ApiKey[]> {
  const rows: ApiKeyRow[] = await db.query(`SELECT ${API_KEY_COLUMNS} FROM api_key WHERE id = ANY($1::uuid[])`, [[...ids]]);
  return rows.map(toApiKey);
}

/** The name of the key whose name reads as `nameIdentity`, or null. */
export async function nameWithIdentity(db: Sql, nameIdentity: string): Promise<string | null> {
  const [row]: Array<{ name: string }> = await db.query('SELECT name FROM api_key WHERE name_identity = $1', [nameIdentity]);
  return row?.name ?? null;
}

/** Every name identity in use, revoked keys' included. */
export async function nameIdentities(db: Sql): Promise<Set<string>> {
  const rows: Array<{ name_identity: string }> = await db.query('SELECT name_identity FROM api_key');
  return new Set(rows.map((r) => r.name_identity));
}

/** Inserts a key; a name reading like another's violates `api_key_name_identity_uq`. */
export async function insertApiKey(db: Sql, k: NewApiKey): Promise<ApiKey> {
  const [row]: ApiKeyRow[] = await db.query(
    `INSERT INTO api_key (name, name_identity, role, secret_hash, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING ${API_KEY_COLUMNS}`,
    [k.name, k.nameIdentity, k.role, k.secretHash, k.createdAt, k.createdBy],
  );
  return toApiKey(row);
}

/** The key, its row locked for update until the transaction ends; null when there is none. */
export async function lockApiKey(db: Sql, id: string): Promise<ApiKey | null> {
  const [row]: ApiKeyRow[] = await db.query(`SELECT ${API_KEY_COLUMNS} FROM api_key WHERE id = $1 FOR UPDATE`, [id]);
  return row ? toApiKey(row) : null;
}

export async function revokeApiKey(db: Sql, id: string, at: Date, by: string): Promise<ApiKey> {
  const [[row]]: [ApiKeyRow[], number] = await db.query(
    `UPDATE api_key SET revoked_at = $2, revoked_by = $3 WHERE id = $1 RETURNING ${API_KEY_COLUMNS}`,
    [id, at, by],
  );
  return toApiKey(row);
}

export async function hasLiveAdminKey(db: Sql): Promise<boolean> {
  const [row]: Array<{ present: boolean }> = await db.query(
    `SELECT EXISTS (SELECT 1 FROM api_key WHERE role = 'ADMIN' AND revoked_at IS NULL) AS present`,
  );
  return row.present === true;
}
