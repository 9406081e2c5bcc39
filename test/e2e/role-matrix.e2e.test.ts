import {
  type GraphQLInputType,
  type GraphQLObjectType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { operationRoles, rolesFor } from '../../src/domain/auth/permissions';
import { ROLES } from '../../src/model/role';
import { appSchema } from '../../src/app/resolvers';
import { graphql } from '../gql';
import { startTestApp, type TestApp } from '../helpers/test-app';

/** A syntactically valid literal for a required argument, so the operation passes validation and reaches authorisation. */
function literal(type: GraphQLInputType): string {
  if (isNonNullType(type)) return literal(type.ofType);
  if (isListType(type)) return `[${literal(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    return `{ ${required.map((f) => `${f.name}: ${literal(f.type)}`).join(', ')} }`;
  }
  const scalars: Record<string, string> = {
    ID: '"00000000-0000-4000-8000-000000000000"',
    Int: '1',
    Float: '1',
    Boolean: 'true',
    DateTime: '"2026-01-01T00:00:00Z"',
    JSON: '{}',
    String: '"matrix"',
  };
  return scalars[type.name] ?? '"x"';
}

/** One operation per root field, written from the schema itself: raw text, as no test file can list them. */
interface Operation {
  coordinate: string;
  document: string;
}

const forbiddenInFragment = graphql(`
  query ForbiddenFieldInFragment { ...SegmentsAndApiKeys } fragment SegmentsAndApiKeys on Query { segments { key } apiKeys { id } }
`);

function operationsOf(root: GraphQLObjectType, keyword: 'query' | 'mutation'): Operation[] {
  return Object.values(root.getFields()).map((field) => {
    const args = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
    const argText = args.length ? `(${args.map((a) => `${a.name}: ${literal(a.type)}`).join(', ')})` : '';
    const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
    return { coordinate: `${root.name}.${field.name}`, document: `${keyword} { ${field.name}${argText}${selection} }` };
  });
}

let t: TestApp;
let operations: Operation[];
beforeAll(async () => {
  t = await startTestApp();
  const schema = await appSchema(t.services);
  operations = [...operationsOf(schema.getQueryType()!, 'query'), ...operationsOf(schema.getMutationType()!, 'mutation')];
});
afterAll(() => t.close());

describe('the authorisation table', () => {
  it('has an entry for every operation of the schema, and none for operations that do not exist', () => {
    const missing = operations.filter((op) => !rolesFor(op.coordinate)).map((op) => op.coordinate);
    expect(missing).toEqual([]);
    const rootEntries = Object.keys(operationRoles).filter((k) => k.startsWith('Query.') || k.startsWith('Mutation.'));
    expect(rootEntries.filter((k) => !operations.some((op) => op.coordinate === k))).toEqual([]);
  });

  it('keeps auditors and viewers read-only', () => {
    for (const op of operations.filter((o) => o.coordinate.startsWith('Mutation.'))) {
      expect(rolesFor(op.coordinate)).not.toContain('AUDITOR');
      expect(rolesFor(op.coordinate)).not.toContain('VIEWER');
    }
  });

  it('is enforced for every role and every operation: FORBIDDEN exactly where the table says no, and nothing written', async () => {
    const keys = Object.fromEntries(await Promise.all(ROLES.map(async (r) => [r, await t.keyFor(r, `matrix-${r}`)] as const)));
    const outcomes: string[] = [];
    for (const op of operations) {
      for (const role of ROLES) {
        const auditBefore = (await t.sql('SELECT count(*)::int AS n FROM audit_event'))[0].n;
        const res = await t.raw(op.document, {}, { key: keys[role] });
        const forbidden = res.errors?.some((e) => e.extensions?.code === 'FORBIDDEN') ?? false;
        const allowed = rolesFor(op.coordinate)!.includes(role);
        if (forbidden === allowed)
          outcomes.push(`${role} on ${op.coordinate}: ${forbidden ? 'FORBIDDEN' : 'allowed'} (${JSON.stringify(res.errors ?? res.data)})`);
        if (!allowed) {
          expect(res.status).toBe(403);
          expect((await t.sql('SELECT count(*)::int AS n FROM audit_event'))[0].n).toBe(auditBefore);
        }
      }
    }
    expect(outcomes).toEqual([]);
  });

  it('refuses a forbidden field hidden in a fragment', async () => {
    const viewer = await t.keyFor('VIEWER');
    const res = await t.gql(forbiddenInFragment, {}, { key: viewer });
    expect(res.status).toBe(403);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', fields: ['Query.apiKeys'] });
    expect(res.data).toBeUndefined();
  });
});
