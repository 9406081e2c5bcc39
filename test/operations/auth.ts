/** API keys, as the e2e tests drive them: one definition of each operation. */
import { graphql } from '../gql';

/** The key a request is sent with, as the server sees it. */
export const me = graphql(`
  query Me { me { keyId name role } }
`);

/** A new key; its secret is shown only here. */
export const createApiKey = graphql(`
  mutation CreateApiKey($name: String!, $role: Role!) {
    createApiKey(name: $name, role: $role) { secret apiKey { id name role createdBy revokedAt } }
  }
`);

export const revokeApiKey = graphql(`
  mutation RevokeApiKey($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }
`);
