import fs from 'node:fs';
import { buildSchema, isInterfaceType, isObjectType } from 'graphql';
import { rolesFor } from '../../src/domain/auth/permissions';
import { ROLES } from '../../src/model/role';
import { SCHEMA_FILE } from '../../scripts/emit-schema';

/** The roles a description states, read back from its last sentence. */
function statedRoles(description: string | null | undefined): string[] | undefined {
  const stated = /Roles: ([^.\n]*)\.$/.exec(description ?? '')?.[1];
  if (stated === undefined) return undefined;
  if (stated === 'every role') return [...ROLES];
  if (stated === 'none') return [];
  return stated.split(', ');
}

describe('guarded fields in the schema clients read', () => {
  it('name in their description exactly the roles of the authorisation table, and unguarded fields name none', () => {
    const schema = buildSchema(fs.readFileSync(SCHEMA_FILE, 'utf8'));
    const mismatches: string[] = [];
    let guarded = 0;
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
      for (const field of Object.values(type.getFields())) {
        const coordinate = `${type.name}.${field.name}`;
        const table = rolesFor(coordinate);
        const stated = statedRoles(field.description);
        if (table) guarded++;
        if (JSON.stringify(stated && [...stated].sort()) !== JSON.stringify(table && [...table].sort())) {
          mismatches.push(`${coordinate}: table ${JSON.stringify(table)}, description ${JSON.stringify(field.description)}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(guarded).toBeGreaterThan(30);
  });

  it('keeps what a field is about before the roles', () => {
    const schema = buildSchema(fs.readFileSync(SCHEMA_FILE, 'utf8'));
    expect(schema.getQueryType()!.getFields().auditEvents.description).toBe('Newest first.\n\nRoles: AUDITOR, ADMIN.');
    expect(schema.getQueryType()!.getFields().node.description).toMatch(
      /^Any object with an id; null when none exists or the role may not read its type\.\n\nRoles: every role\.$/,
    );
  });
});
