/**
 * The attribute_definition table: the catalogue of account attributes. Rows are only ever added
 * (changing a type would silently break definitions and stored values).
 */
import type { Sql } from '../db/sql';
import type { AttributeDefinition } from '../model/attribute-definition.types';
import type { AttributeCatalogue, AttributeType, Dimension } from '../model/icp-definition';

export const ATTRIBUTE_COLUMNS = 'key, type, dimension, description, created_at';

export interface AttributeDefinitionRow {
  key: string;
  type: AttributeType;
  dimension: Dimension | null;
  description: string | null;
  created_at: Date;
}

export function toAttributeDefinition(r: AttributeDefinitionRow): AttributeDefinition {
  return { key: r.key, type: r.type, dimension: r.dimension, description: r.description, createdAt: r.created_at };
}

/** Every attribute, by key. */
export async function listAttributes(db: Sql): Promise<AttributeDefinition[]> {
  const rows: AttributeDefinitionRow[] = await db.query(`SELECT ${ATTRIBUTE_COLUMNS} FROM attribute_definition ORDER BY key`);
  return rows.map(toAttributeDefinition);
}

/** The catalogue as the validators and the scoring engine see it. */
export async function attributeCatalogue(db: Sql): Promise<AttributeCatalogue> {
  const rows: Array<Pick<AttributeDefinitionRow, 'key' | 'type' | 'dimension'>> = await db.query(
    'SELECT key, type, dimension FROM attribute_definition',
  );
  return new Map(rows.map((a) => [a.key, { key: a.key, type: a.type, dimension: a.dimension }]));
}

/** The attribute whose key equals `key` ignoring case (keys are unique that way), or null. */
export async function attributeLike(db: Sql, key: string): Promise<AttributeDefinition | null> {
  const [row]: AttributeDefinitionRow[] = await db.query(
    `SELECT ${ATTRIBUTE_COLUMNS} FROM attribute_definition WHERE lower(key) = lower($1)`,
    [key],
  );
  return row ? toAttributeDefinition(row) : null;
}

export async function insertAttribute(db: Sql, a: AttributeDefinition): Promise<AttributeDefinition> {
  const [row]: AttributeDefinitionRow[] = await db.query(
    `INSERT INTO attribute_definition (key, type, dimension, description, created_at) VALUES ($1, $2, $3, $4, $5)
     RETURNING ${ATTRIBUTE_COLUMNS}`,
    [a.key, a.type, a.dimension, a.description, a.createdAt],
  );
  return toAttributeDefinition(row);
}
