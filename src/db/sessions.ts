import { Client } from 'pg';

/**
 * Ends what this process still runs in PostgreSQL when it must stop: first the statements are
 * cancelled (their transactions roll back when the request gives up); then, if `stillBusy`
 * (which waits a grace period) says work remains, every session of ours is terminated. Sessions are ours by application_name (see
 * data-source.ts). Returns how many sessions had to be terminated.
 */
export async function endSessionsOf(url: string, applicationName: string, stillBusy: () => Promise<boolean>): Promise<number> {
  const admin = new Client({ connectionString: url, application_name: `${applicationName} (shutdown)`.slice(0, 63) });
  await admin.connect();
  try {
    await admin.query(
      `SELECT pg_cancel_backend(pid) FROM pg_stat_activity
       WHERE application_name = $1 AND pid <> pg_backend_pid() AND state = 'active'`,
      [applicationName],
    );
    if (!(await stillBusy())) return 0;
    const { rowCount } = await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()`,
      [applicationName],
    );
    return rowCount ?? 0;
  } finally {
    await admin.end();
  }
}
