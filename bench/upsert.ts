/**
 * upsertAccounts in batches of 1,000, half new accounts and half updates of loaded ones
 * with changed attributes (so that they are rescored under the live version), through the
 * service or through HTTP GraphQL, with 1 or more concurrent workers.
 * Batches (and HTTP bodies) are built before the clock starts: the figure is the server's.
 */
import type { Fitgraph } from '../src/app/fitgraph';
import type { AccountInput } from '../src/model/account.input';
import { generateAccountStream, type GeneratedAccount } from '../src/demo/account-generator';

export const BATCH = 1000;

export interface UpsertPlan {
  /** Accounts loaded so far (generator indexes 0..loaded-1 exist). */
  loaded: number;
  /** Accounts per run: half new, half updates. */
  count: number;
  /** Run number: picks fresh index ranges for both the new and the updated accounts. */
  run: number;
  /** Where runs' updates start among the loaded accounts (default 0), and their new accounts after them (default `loaded`). */
  updateStart?: number;
  freshStart?: number;
}

export interface UpsertFigure {
  seconds: number;
  accounts: number;
  rate: number;
  created: number;
  updated: number;
  unchanged: number;
  rescored: number;
}

/**
 * A realistic CRM sync of one account: a demo request, more website visits and a fresh
 * engagement date. Runs use disjoint accounts (see run.ts), so each change is a real one.
 */
export function changed(a: GeneratedAccount): AccountInput {
  const attributes = { ...a.attributes };
  attributes.demoRequested = !(attributes.demoRequested ?? false);
  attributes.websiteVisits30d = Number(attributes.websiteVisits30d ?? 0) + 10;
  attributes.lastEngagedAt = '2026-11-20';
  return { externalId: a.externalId, name: a.name, domain: a.domain, attributes };
}

export function planBatches(plan: UpsertPlan): AccountInput[][] {
  const half = Math.floor(plan.count / 2);
  // New accounts come after everything created so far; updates walk the loaded accounts.
  const updateStart = plan.updateStart ?? 0;
  const fresh = [...generateAccountStream(half, { startIndex: (plan.freshStart ?? plan.loaded) + plan.run * half })].map(
    (a): AccountInput => ({
      externalId: a.externalId,
      name: a.name,
      domain: a.domain,
      attributes: a.attributes,
    }),
  );
  if (updateStart + (plan.run + 1) * half > plan.loaded)
    throw new Error(`run ${plan.run} would update accounts beyond the ${plan.loaded} loaded`);
  const updates = [...generateAccountStream(half, { startIndex: updateStart + plan.run * half })].map(changed);
  const batches: AccountInput[][] = [];
  for (let i = 0; i < half; i += BATCH / 2) {
    batches.push([...updates.slice(i, i + BATCH / 2), ...fresh.slice(i, i + BATCH / 2)]);
  }
  return batches;
}

type Counts = Omit<UpsertFigure, 'seconds' | 'accounts' | 'rate'>;

async function runWorkers<T>(items: T[], workers: number, work: (item: T) => Promise<Counts>): Promise<UpsertFigure> {
  const total: Counts = { created: 0, updated: 0, unchanged: 0, rescored: 0 };
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < items.length) {
        const r = await work(items[next++]);
        total.created += r.created;
        total.updated += r.updated;
        total.unchanged += r.unchanged;
        total.rescored += r.rescored;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const accounts = total.created + total.updated + total.unchanged;
  return { seconds, accounts, rate: accounts / seconds, ...total };
}

export function upsertViaService(fitgraph: Fitgraph, batches: AccountInput[][], workers: number): Promise<UpsertFigure> {
  // One system context per batch, as one request each would have.
  return runWorkers(batches, workers, (batch) => fitgraph.services.accounts.upsert(fitgraph.system(), batch));
}

const MUTATION = 'mutation($accounts: [AccountInput!]!) { upsertAccounts(accounts: $accounts) { created updated unchanged rescored } }';

export function upsertViaHttp(url: string, apiKey: string, batches: AccountInput[][], workers: number): Promise<UpsertFigure> {
  const bodies = batches.map((accounts) => JSON.stringify({ query: MUTATION, variables: { accounts } }));
  return runWorkers(bodies, workers, async (body) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body,
    });
    const json = (await res.json()) as { data?: { upsertAccounts: Counts }; errors?: unknown[] };
    if (!res.ok || json.errors || !json.data)
      throw new Error(`upsertAccounts over HTTP failed (${res.status}): ${JSON.stringify(json.errors ?? json).slice(0, 500)}`);
    return json.data.upsertAccounts;
  });
}
