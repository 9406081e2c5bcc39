/**
 * A typed fitgraph client on urql, set up as the README tells front-end teams: queries go over
 * GET (urql's default while the URL is short) with a header Apollo's CSRF prevention accepts,
 * mutations over POST. Every result is typed by the generated documents in ./gql.
 */
import { Client, fetchExchange } from '@urql/core';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { FitByIdDocument, OverrideFitDocument, TopFitsDocument, WhoAmIDocument, type OverrideFitInput } from './gql/graphql';

export function fitgraphClient(url: string, apiKey: string, fetchFn: typeof fetch = fetch): Client {
  return new Client({
    url,
    fetch: fetchFn,
    exchanges: [fetchExchange],
    preferGetMethod: 'within-url-limit',
    requestPolicy: 'network-only',
    fetchOptions: () => ({
      // A GET carries no content-type: this header tells Apollo's CSRF prevention it is not a simple cross-site request.
      headers: { authorization: `Bearer ${apiKey}`, 'apollo-require-preflight': 'true' },
    }),
  });
}

async function query<R, V extends object>(client: Client, doc: TypedDocumentNode<R, V>, variables: V): Promise<R> {
  const result = await client.query(doc, variables).toPromise();
  if (result.error) throw result.error;
  return result.data!;
}

export async function whoAmI(client: Client) {
  return (await query(client, WhoAmIDocument, {})).me;
}

/** The top of a segment's ranking, each fit with its criteria in words. */
export async function topFits(client: Client, segmentKey: string, first = 5) {
  const { fits } = await query(client, TopFitsDocument, { segmentKey, first });
  return fits.nodes.map((fit) => ({
    id: fit.id,
    account: fit.account.name,
    score: fit.score,
    tier: fit.tier,
    why: fit.computed.dimensions.flatMap((d) => d.criteria.map((c) => c.explanation)),
  }));
}

/** A fit refetched by its id, as a normalising cache does; null when it is gone. */
export async function fitById(client: Client, id: string) {
  const { node } = await query(client, FitByIdDocument, { id });
  return node?.__typename === 'Fit' ? node : null;
}

export async function overrideFit(client: Client, input: OverrideFitInput) {
  const result = await client.mutation(OverrideFitDocument, { input }).toPromise();
  if (result.error) throw result.error;
  return result.data!.overrideFit;
}
