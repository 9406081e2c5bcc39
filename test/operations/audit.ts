/** The audit trail, as the e2e tests read it: one definition of each operation. */
import { graphql } from '../gql';

/** Whether the hash chain holds, and nothing else (no event content: an auditor's use of it is not recorded). */
export const auditIntegrityOk = graphql(`
  query AuditIntegrityOk { auditIntegrity { ok } }
`);
