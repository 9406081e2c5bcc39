/**
 * The hot reads (accounts by id, a fits page) take an account's attributes, arrays and instants
 * as text and parse them when first read (toLazyAccount): the accounts must equal those of a
 * plain read, field by field, and parse a field only when it is read.
 */
import { accountById, accountsByIds } from '../../src/stores/account-store';
import { fitsPage } from '../../src/stores/fit-queries';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { upsertAccounts } from '../operations/accounts';
import { createDraft, createSegment, publishVersion } from '../operations/registry';
import { generateAccounts } from '../../src/demo/account-generator';
import { DEMO_SEGMENTS } from '../../src/demo/icp-definitions.demo';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

jest.setTimeout(60_000);

const plainFields = (a: object) => Object.fromEntries(Object.entries(a));

describe('accounts read lazily', () => {
  it('equal a plain read, and parse a field only once it is read', async () => {
    await t.data(createSegment, { input: { key: 'lazy', name: 'Lazy' } });
    const accounts = generateAccounts(12, { seed: 3 }).map((a, i) => (i % 3 === 0 ? { ...a, explicitSegments: ['lazy'] } : a));
    await t.data(upsertAccounts, { accounts });
    const draft = (await t.data(createDraft, { segmentKey: 'lazy', definition: DEMO_SEGMENTS[0].live })).createDraft;
    await t.data(publishVersion, { id: draft.id });
    const ids: string[] = (await t.sql(`SELECT id FROM account ORDER BY id`)).map((r) => r.id);
    expect(ids).toHaveLength(12);

    const lazy = await accountsByIds(t.ds.manager, ids);
    // Nothing parsed yet: the fields are still getters.
    expect(typeof Object.getOwnPropertyDescriptor(lazy[0], 'attributes')?.get).toBe('function');
    expect(typeof Object.getOwnPropertyDescriptor(lazy[0], 'createdAt')?.get).toBe('function');
    for (const account of lazy) {
      const plain = await accountById(t.ds.manager, account.id);
      expect(plainFields(account)).toEqual(plain);
      expect(account.createdAt).toBeInstanceOf(Date);
    }
    // Read once, each is a plain value from then on.
    expect(Object.getOwnPropertyDescriptor(lazy[0], 'attributes')).toMatchObject({ value: lazy[0].attributes, writable: true });
    const withExplicit = lazy.filter((a) => a.explicitSegments.length > 0);
    expect(withExplicit).toHaveLength(4);
    expect(withExplicit.every((a) => a.explicitSegments[0] === 'lazy')).toBe(true);

    // A fits page's accounts likewise.
    const [{ id: segmentId }] = await t.sql(`SELECT id FROM segment WHERE key = 'lazy'`);
    const page = await fitsPage(
      t.ds.manager,
      { versionId: draft.id, exceptOverridden: { segmentId, at: new Date() } },
      { cursor: null, bound: null, limit: 5, backward: false, ranked: true, overridden: true },
    );
    expect(page.accounts).toHaveLength(5);
    for (const account of page.accounts) expect(plainFields(account)).toEqual(await accountById(t.ds.manager, account.id));
  });
});
