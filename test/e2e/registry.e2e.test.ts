import { createHash } from 'node:crypto';
import { canonicalJson } from '../../src/domain/definitions/canonical-definition';
import { graphql } from '../gql';
import type { IcpDefinitionInput } from '../gql/graphql';
import { seedDefinition } from '../helpers/fixtures';
import { expectError, startTestApp, type TestApp } from '../helpers/test-app';
import { createDraft, createSegment, discardDraft, publishVersion, updateDraft } from '../operations/registry';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const attributeCatalogue = graphql(`
  query AttributeCatalogue { attributes { key type dimension } }
`);
const defineAttribute = graphql(`
  mutation DefineAttribute($input: AttributeInput!) { defineAttribute(input: $input) { key type dimension description } }
`);
const versionExists = graphql(`
  query VersionExists($id: ID!) { icpVersion(id: $id) { id } }
`);
const epsilonVersionNumbers = graphql(`
  query EpsilonVersionNumbers { segment(key: "epsilon") { versions { number } } }
`);
const malformedVersionId = graphql(`
  query MalformedVersionId { icpVersion(id: "nope") { id } }
`);
const zetaLiveVersion = graphql(`
  query ZetaLiveVersion { segment(key: "zeta") { liveVersion { number } versions { number status } } }
`);
const publishedEvents = graphql(`
  query VersionPublishedEvents($entityId: String) {
    auditEvents(filter: { action: "version.published", entityId: $entityId }) { edges { node { before after } } }
  }
`);
const versionDiff = graphql(`
  query VersionDiff($a: ID!, $b: ID!) { versionDiff(fromId: $a, toId: $b) { from { number } to { number } changes { path kind before after } } }
`);

const auditCount = async () => Number((await t.sql('SELECT count(*) AS n FROM audit_event'))[0].n);

async function segmentWithDraft(key: string) {
  await t.data(createSegment, { input: { key, name: `Segment ${key}` } });
  return (await t.data(createDraft, { segmentKey: key, definition: seedDefinition(), notes: 'first cut' })).createDraft;
}

describe('attribute catalogue', () => {
  it('predefines the common attributes of the five dimensions with their types', async () => {
    const { attributes } = await t.data(attributeCatalogue);
    const byKey = Object.fromEntries(attributes.map((a) => [a.key, a]));
    for (const key of [
      'industry',
      'employees',
      'annualRevenue',
      'country',
      'region',
      'fundingStage',
      'foundedYear',
      'businessModel',
      'techStack',
      'websiteVisits30d',
      'contentDownloads90d',
      'demoRequested',
      'emailEngagementRate',
      'eventsAttended',
      'openRoles',
      'lastFundingAt',
      'painPoints',
      'budgetUsd',
      'deployment',
    ]) {
      expect(byKey[key]).toBeTruthy();
    }
    expect(byKey.techStack).toEqual({ key: 'techStack', type: 'STRING_LIST', dimension: 'TECHNOGRAPHICS' });
    expect(byKey.lastFundingAt.type).toBe('DATE');
    expect(byKey.demoRequested.type).toBe('BOOLEAN');
  });

  it('defines a new attribute once; a second definition, in any case, is CONFLICT', async () => {
    const created = await t.data(defineAttribute, {
      input: { key: 'ssoRequired', type: 'BOOLEAN', dimension: 'TECHNOGRAPHICS', description: 'Needs SSO' },
    });
    expect(created.defineAttribute).toEqual({ key: 'ssoRequired', type: 'BOOLEAN', dimension: 'TECHNOGRAPHICS', description: 'Needs SSO' });
    expectError(await t.gql(defineAttribute, { input: { key: 'SSORequired', type: 'STRING' } }), 'CONFLICT');
    const bad = expectError(await t.gql(defineAttribute, { input: { key: '9lives', type: 'STRING' } }), 'BAD_USER_INPUT');
    expect(bad.message).toContain('key: key must start with a letter');
    expect(bad.extensions?.field).toBe('key');
  });
});

describe('segments', () => {
  it('creates a segment with membership criteria and refuses a duplicate key', async () => {
    const res = await t.data(createSegment, {
      input: {
        key: 'mid-market',
        name: 'Mid-market',
        membership: [{ attribute: 'employees', operator: 'BETWEEN', min: 100, max: 999, points: 1 }],
      },
    });
    expect(res.createSegment).toMatchObject({ key: 'mid-market', membership: [{ attribute: 'employees', operator: 'BETWEEN' }] });
    expectError(await t.gql(createSegment, { input: { key: 'mid-market', name: 'Again' } }), 'CONFLICT');
  });

  it('refuses invalid membership with the path of the criterion, writing nothing', async () => {
    const before = await auditCount();
    const res = await t.gql(createSegment, {
      input: {
        key: 'broken',
        name: 'Broken',
        membership: [{ attribute: 'employees', operator: 'CONTAINS_ANY', values: ['x'], points: 1 }],
      },
    });
    const error = expectError(res, 'BAD_USER_INPUT');
    expect(error.message).toContain('input.membership[0]');
    expect(error.message).toContain('CONTAINS_ANY');
    expect(await t.sql(`SELECT 1 FROM segment WHERE key = 'broken'`)).toHaveLength(0);
    expect(await auditCount()).toBe(before);
  });

  it("checks an input against its class's rules (class-validator), naming the field, writing nothing", async () => {
    const before = await auditCount();
    const badKey = expectError(await t.gql(createSegment, { input: { key: 'Bad Key', name: 'Bad' } }), 'BAD_USER_INPUT');
    expect(badKey.extensions).toMatchObject({ field: 'key', issueCount: 1 });
    expect(badKey.message).toContain('key must start with a lower-case letter');
    const longName = expectError(await t.gql(createSegment, { input: { key: 'long-name', name: 'x'.repeat(201) } }), 'BAD_USER_INPUT');
    expect(longName.extensions).toMatchObject({ field: 'name', issueCount: 1 });
    expect(longName.message).toContain('name must be shorter than or equal to 200 characters');
    expect(await t.sql(`SELECT 1 FROM segment WHERE key IN ('Bad Key', 'long-name')`)).toHaveLength(0);
    expect(await auditCount()).toBe(before);
  });
});

describe('drafts', () => {
  it('creates draft 1 with revision 1 and the sha256 of the canonical definition', async () => {
    const draft = await segmentWithDraft('alpha');
    expect(draft).toMatchObject({
      number: 1,
      status: 'DRAFT',
      revision: 1,
      notes: 'first cut',
      createdBy: 'test-admin',
      segment: { key: 'alpha' },
      basedOn: null,
    });
    const stored = (await t.sql('SELECT definition FROM icp_version WHERE id = $1', [draft.id]))[0].definition;
    expect(draft.contentHash).toBe(createHash('sha256').update(canonicalJson(stored)).digest('hex'));
    expect(draft.definition.dimensions.map((d) => d.weight)).toEqual([30, 20, 25, 15, 10]);
    expect(draft.definition.thresholds).toEqual({ perfect: 80, strong: 60, moderate: 40 });
  });

  it.each([
    [
      'weights not summing to 100',
      (d: IcpDefinitionInput) => {
        d.dimensions[0].weight = 25;
      },
      'definition.dimensions',
      'sum to 100',
    ],
    [
      'a dimension twice',
      (d: IcpDefinitionInput) => {
        d.dimensions[4].dimension = 'FIRMOGRAPHICS';
      },
      'definition.dimensions[4].dimension',
      'FIRMOGRAPHICS',
    ],
    [
      'an unknown attribute',
      (d: IcpDefinitionInput) => {
        d.dimensions[0].criteria[1].attribute = 'revenu';
      },
      'definition.dimensions[0].criteria[1].attribute',
      'revenu',
    ],
    [
      'an operator unfit for the type',
      (d: IcpDefinitionInput) => {
        d.dimensions[0].criteria[2].operator = 'CONTAINS_ANY';
        d.dimensions[0].criteria[2].values = ['x'];
        delete d.dimensions[0].criteria[2].value;
      },
      'definition.dimensions[0].criteria[2]',
      'CONTAINS_ANY',
    ],
    [
      'a missing operand',
      (d: IcpDefinitionInput) => {
        delete d.dimensions[0].criteria[0].max;
      },
      'definition.dimensions[0].criteria[0].max',
      'BETWEEN',
    ],
    [
      'an extra operand',
      (d: IcpDefinitionInput) => {
        d.dimensions[1].criteria[0].value = 'aws';
      },
      'definition.dimensions[1].criteria[0].value',
      'CONTAINS_ANY',
    ],
    [
      'min above max',
      (d: IcpDefinitionInput) => {
        d.dimensions[0].criteria[0].min = 2e9;
      },
      'definition.dimensions[0].criteria[0].min',
      'max',
    ],
    [
      'thresholds out of order',
      (d: IcpDefinitionInput) => {
        d.thresholds = { perfect: 80, strong: 85, moderate: 40 };
      },
      'definition.thresholds.strong',
      'perfect',
    ],
    [
      'non-positive points',
      (d: IcpDefinitionInput) => {
        d.dimensions[2].criteria[0].points = 0;
      },
      'definition.dimensions[2].criteria[0].points',
      '',
    ],
    [
      'duplicate criteria',
      (d: IcpDefinitionInput) => {
        d.dimensions[2].criteria.push({ ...d.dimensions[2].criteria[0] });
      },
      'definition.dimensions[2].criteria[2]',
      'duplicate',
    ],
  ])('refuses %s with BAD_USER_INPUT naming the path, writing nothing', async (_name, mutate, path, fragment) => {
    const definition: IcpDefinitionInput = seedDefinition();
    mutate(definition);
    const versionsBefore = (await t.sql('SELECT count(*)::int AS n FROM icp_version'))[0].n;
    const auditBefore = await auditCount();
    const error = expectError(await t.gql(createDraft, { segmentKey: 'alpha', definition }), 'BAD_USER_INPUT');
    expect(error.message).toContain(path);
    expect(error.message).toContain(fragment);
    expect((error.extensions?.issues as Array<{ path: string }>)[0].path).toContain(path);
    expect((await t.sql('SELECT count(*)::int AS n FROM icp_version'))[0].n).toBe(versionsBefore);
    expect(await auditCount()).toBe(auditBefore);
  });

  it('edits a draft under its revision; a stale revision is CONFLICT and changes nothing', async () => {
    const draft = await segmentWithDraft('beta');
    const definition = seedDefinition();
    definition.dimensions[0].criteria[2].value = 100;
    const updated = (await t.data(updateDraft, { id: draft.id, definition, expectedRevision: 1, notes: 'bigger companies' })).updateDraft;
    expect(updated).toMatchObject({ revision: 2, notes: 'bigger companies' });
    expect(updated.contentHash).not.toBe(draft.contentHash);
    const stale = expectError(await t.gql(updateDraft, { id: draft.id, definition: seedDefinition(), expectedRevision: 1 }), 'CONFLICT');
    expect(stale.message).toContain('revision 2');
    const row = (await t.sql('SELECT revision, content_hash FROM icp_version WHERE id = $1', [draft.id]))[0];
    expect(row).toEqual({ revision: 2, content_hash: updated.contentHash });
  });

  it('copies the live version, or the named one, when no definition is given', async () => {
    const v1 = await segmentWithDraft('gamma');
    expectError(await t.gql(createDraft, { segmentKey: 'delta' }), 'NOT_FOUND');
    await t.data(publishVersion, { id: v1.id });
    const v2 = (await t.data(createDraft, { segmentKey: 'gamma' })).createDraft;
    expect(v2).toMatchObject({ number: 2, status: 'DRAFT', basedOn: { id: v1.id, number: 1 } });
    expect(v2.contentHash).toBe(v1.contentHash);
    const v3 = (await t.data(createDraft, { segmentKey: 'gamma', basedOnVersionId: v2.id })).createDraft;
    expect(v3).toMatchObject({ number: 3, basedOn: { number: 2 } });
  });

  it('discards a draft: it disappears, and its number is not reused', async () => {
    const v1 = await segmentWithDraft('epsilon');
    expect((await t.data(discardDraft, { id: v1.id })).discardDraft).toBe(true);
    expect((await t.data(versionExists, { id: v1.id })).icpVersion).toBeNull();
    const again = (await t.data(createDraft, { segmentKey: 'epsilon', definition: seedDefinition() })).createDraft;
    expect(again.number).toBe(2);
    const seg = (await t.data(epsilonVersionNumbers)).segment;
    expect(seg!.versions).toEqual([{ number: 2 }]);
  });

  it('answers NOT_FOUND for unknown and malformed ids', async () => {
    expectError(
      await t.gql(updateDraft, { id: '5b1c0f8e-9f5c-4c53-9d0e-000000000000', definition: seedDefinition(), expectedRevision: 1 }),
      'NOT_FOUND',
    );
    expectError(await t.gql(updateDraft, { id: 'not-a-uuid', definition: seedDefinition(), expectedRevision: 1 }), 'NOT_FOUND');
    expect((await t.data(malformedVersionId)).icpVersion).toBeNull();
  });
});

describe('publishing', () => {
  it('publishes a draft, supersedes the live version, and refuses edits to both with CONFLICT', async () => {
    const v1 = await segmentWithDraft('zeta');
    const first = (await t.data(publishVersion, { id: v1.id, notes: 'go live' })).publishVersion;
    expect(first).toMatchObject({ version: { number: 1, status: 'PUBLISHED', notes: 'go live' }, superseded: null, accountsScored: 0 });
    expect(first.version.effectiveAt).toBe(first.version.publishedAt);

    const v2 = (await t.data(createDraft, { segmentKey: 'zeta' })).createDraft;
    const second = (await t.data(publishVersion, { id: v2.id })).publishVersion;
    expect(second.version).toMatchObject({ number: 2, status: 'PUBLISHED' });
    expect(second.superseded).toMatchObject({ id: v1.id, status: 'SUPERSEDED' });
    expect(second.superseded!.supersededAt).toBe(second.version.publishedAt);
    const live = (await t.data(zetaLiveVersion)).segment;
    expect(live).toEqual({
      liveVersion: { number: 2 },
      versions: [
        { number: 1, status: 'SUPERSEDED' },
        { number: 2, status: 'PUBLISHED' },
      ],
    });

    for (const id of [v1.id, v2.id]) {
      expectError(await t.gql(updateDraft, { id, definition: seedDefinition(), expectedRevision: 1 }), 'CONFLICT');
      expectError(await t.gql(discardDraft, { id }), 'CONFLICT');
      expectError(await t.gql(publishVersion, { id }), 'CONFLICT');
    }
  });

  it('backfills effectiveAt: in the past, later than the live one, and recorded in the audit event', async () => {
    const v1 = await segmentWithDraft('eta');
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(expectError(await t.gql(publishVersion, { id: v1.id, effectiveAt: future }), 'BAD_USER_INPUT').message).toContain('effectiveAt');
    const p1 = (await t.data(publishVersion, { id: v1.id, effectiveAt: '2026-01-01T00:00:00Z' })).publishVersion;
    expect(p1.version.effectiveAt).toBe('2026-01-01T00:00:00.000Z');
    expect(p1.version.publishedAt).not.toBe(p1.version.effectiveAt);

    const v2 = (await t.data(createDraft, { segmentKey: 'eta' })).createDraft;
    const early = expectError(await t.gql(publishVersion, { id: v2.id, effectiveAt: '2025-12-31T00:00:00Z' }), 'BAD_USER_INPUT');
    expect(early.message).toContain('2026-01-01T00:00:00.000Z');
    expect((await t.sql('SELECT status FROM icp_version WHERE id = $1', [v2.id]))[0].status).toBe('DRAFT');
    await t.data(publishVersion, { id: v2.id, effectiveAt: '2026-04-01T00:00:00Z' });

    const events = (await t.data(publishedEvents, { entityId: v2.id })).auditEvents.edges;
    expect(events).toHaveLength(1);
    expect(events[0].node.after).toMatchObject({ number: 2, effectiveAt: '2026-04-01T00:00:00.000Z', backfilled: true });
    expect(events[0].node.before.live).toMatchObject({ number: 1, effectiveAt: '2026-01-01T00:00:00.000Z' });
  });
});

describe('versionDiff', () => {
  it('lists changes criterion by criterion with readable paths', async () => {
    const v1 = await segmentWithDraft('theta');
    const changed = seedDefinition();
    changed.dimensions[0].criteria[0].min = 50_000_000;
    changed.dimensions[1].criteria.push({ attribute: 'cloudProvider', operator: 'EQ', value: 'aws', points: 5 });
    changed.thresholds.perfect = 85;
    const v2 = (await t.data(createDraft, { segmentKey: 'theta', definition: changed })).createDraft;
    const diff = (await t.data(versionDiff, { a: v1.id, b: v2.id })).versionDiff;
    expect(diff.from.number).toBe(1);
    expect(diff.changes).toEqual([
      { path: 'dimensions.firmographics.criteria[annualRevenue BETWEEN].min', kind: 'CHANGED', before: 10_000_000, after: 50_000_000 },
      {
        path: 'dimensions.technographics.criteria[cloudProvider EQ]',
        kind: 'ADDED',
        before: null,
        after: { attribute: 'cloudProvider', operator: 'EQ', value: 'aws', points: 5 },
      },
      { path: 'thresholds.perfect', kind: 'CHANGED', before: 80, after: 85 },
    ]);
  });
});
