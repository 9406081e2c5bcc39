/**
 * The README's client instructions, kept from rotting: the example client's generated code is
 * current, compiles under `tsc --strict`, and runs against a real server; relay-compiler accepts
 * the schema with @connection on fits and @refetchable on Account.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fitById, fitgraphClient, overrideFit, topFits, whoAmI } from '../../examples/client/client';
import { graphql } from '../gql';
import { seedDefinition } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { upsertAccounts } from '../operations/accounts';
import { createDraft, createSegment, publishVersion } from '../operations/registry';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');
const WHY = 'Strategic logo: their CEO asked for a pilot through our board member, and the CRM revenue is stale.';

const smallAccountId = graphql(`
  query SmallAccountId { account(externalId: "small") { id } }
`);

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.data(createSegment, { input: { key: 'core', name: 'Core' } });
  await t.data(upsertAccounts, {
    accounts: [
      {
        externalId: 'big',
        name: 'Big Co',
        attributes: { annualRevenue: 50_000_000, industry: 'saas', employees: 524, techStack: ['aws'] },
      },
      { externalId: 'small', name: 'Small Co', attributes: { industry: 'retail', employees: 12 } },
    ],
  });
  const draft = (await t.data(createDraft, { segmentKey: 'core', definition: seedDefinition() })).createDraft;
  await t.data(publishVersion, { id: draft.id });
});
afterAll(() => t.close());

describe('the typed example client (GraphQL Code Generator, client preset, urql)', () => {
  it('has generated code that matches the schema and its operations (run `npm run codegen:example`)', async () => {
    // In a child process: the generator loads ES modules that Jest's module system cannot.
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'fitgraph-codegen-'));
    try {
      await run(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(ROOT, 'scripts', 'codegen-example.ts'), out], {
        cwd: ROOT,
      });
      const generated = path.join(out, 'examples', 'client', 'gql');
      const files = fs.readdirSync(generated).sort();
      expect(files).toEqual(fs.readdirSync(path.join(ROOT, 'examples', 'client', 'gql')).sort());
      for (const file of files) {
        const content = fs.readFileSync(path.join(generated, file), 'utf8');
        expect({ file, content: fs.readFileSync(path.join(ROOT, 'examples', 'client', 'gql', file), 'utf8') }).toEqual({ file, content });
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);

  it('compiles under tsc --strict', async () => {
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    await run(
      process.execPath,
      [
        tsc,
        '--ignoreConfig',
        '--noEmit',
        '--strict',
        '--noUnusedLocals',
        '--skipLibCheck',
        '--target',
        'es2022',
        '--module',
        'node16',
        '--moduleResolution',
        'node16',
        '--types',
        'node',
        path.join(ROOT, 'examples', 'client', 'client.ts'),
      ],
      { cwd: ROOT },
    );
  }, 120_000);

  it('runs against a server: queries over GET, a mutation over POST, results typed and correct', async () => {
    const methods: string[] = [];
    const recording: typeof fetch = (input, init) => {
      methods.push(init?.method ?? 'GET');
      return fetch(input, init);
    };
    const manager = await t.keyFor('SALES_MANAGER');
    const client = fitgraphClient(t.url, manager, recording);
    expect(await whoAmI(client)).toMatchObject({ role: 'SALES_MANAGER', permissions: expect.arrayContaining(['Mutation.overrideFit']) });
    const top = await topFits(client, 'core');
    expect(top.map((f) => f.account)).toEqual(['Big Co', 'Small Co']);
    expect(top[0].why).toContain('employees 524: at least 50, met');
    const small = top[1];
    const account = (await t.data(smallAccountId)).account!.id;
    const made = await overrideFit(client, {
      accountId: account,
      segmentKey: 'core',
      tier: 'STRONG',
      justification: WHY,
      category: 'STRATEGIC_ACCOUNT',
    });
    expect(made.fit).toMatchObject({ id: small.id, tier: 'STRONG', overridden: true });
    expect(await fitById(client, small.id)).toMatchObject({ id: small.id, tier: 'STRONG', overridden: true });
    expect(methods).toEqual(['GET', 'GET', 'POST', 'GET']);
  });
});

describe('relay-compiler', () => {
  it('accepts @connection on fits and @refetchable on Account against the checked-in schema', async () => {
    const dir = path.join(ROOT, 'examples', 'relay');
    fs.rmSync(path.join(dir, '__generated__'), { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, '__generated__'));
    await run(process.execPath, [path.join(ROOT, 'node_modules', 'relay-compiler', 'cli.js')], { cwd: dir });
    const refetch = fs.readFileSync(path.join(dir, '__generated__', 'AccountCardRefetchQuery.graphql.ts'), 'utf8');
    expect(refetch).toMatch(/node\(id: \$id\)/);
    const pagination = fs.readFileSync(path.join(dir, '__generated__', 'RankingPaginationQuery.graphql.ts'), 'utf8');
    expect(pagination).toContain('"handle": "connection"');
    const fragment = fs.readFileSync(path.join(dir, '__generated__', 'Ranking_query.graphql.ts'), 'utf8');
    expect(fragment).toMatch(/"backward": \{\s*"count": "last",\s*"cursor": "before"/);
  }, 120_000);
});
