import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export const ROLES = ['VIEWER', 'REVOPS', 'SALES_MANAGER', 'AUDITOR', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];
export const RoleEnum = Object.fromEntries(ROLES.map((r) => [r, r])) as { [K in Role]: K };

registerEnumType(RoleEnum, {
  name: 'Role',
  valuesConfig: {
    VIEWER: {
      description:
        'Reads segments, versions, accounts and fits, overridden ones included (front-end teams); never who did something nor why (key names, justifications).',
    },
    REVOPS: { description: 'VIEWER, plus segments, attributes, drafts and publishing.' },
    SALES_MANAGER: { description: 'VIEWER, plus overriding and revoking fits.' },
    AUDITOR: { description: 'Reads everything, including overrides and the audit trail; writes nothing.' },
    ADMIN: { description: 'Everything, including API keys.' },
  },
});

/**
 * Who is calling: the API key's id and name (both snapshotted into audit rows) and its role.
 * `keyId` is null only for fitgraph's own work, which no request can claim, so Query.me (the
 * only place the API shows a principal) always has one. Its permissions are resolved from the
 * schema (PrincipalResolver).
 */
@ObjectType()
export class Principal {
  @Field(() => ID) keyId: string | null;
  @Field() name: string;
  @Field(() => RoleEnum) role: Role;
}

/** The actor of work the system does itself (start-up bootstrap, demo data, expiry). */
export const SYSTEM_PRINCIPAL: Principal = Object.freeze({ keyId: null, name: 'system', role: 'ADMIN' });

/** Actor names fitgraph writes for its own work; no API key may take one (src/auth/key-name.ts). */
export const DEMO_ACTOR = 'demo-seed';
/** The actor of `npm run import`: an operator's command, not a request, so no key. */
export const IMPORT_ACTOR = 'import';
export const INTERNAL_ACTOR_NAMES: readonly string[] = [SYSTEM_PRINCIPAL.name, DEMO_ACTOR, IMPORT_ACTOR, 'fitgraph'];
