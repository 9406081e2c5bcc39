/**
 * The machine's ceiling for a request that needs the database: a plain `node:http` server
 * answering each request with one primary-key SELECT through `pg` (a pool as large as the
 * app's), loaded exactly as the GraphQL figures are (same worker, connections and duration).
 * It runs on this process's event loop, as the app under test does.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { runLoad, type LoadResult } from './http-load';

export async function measurePgHttpCeiling(opts: {
  databaseUrl: string;
  poolSize: number;
  accountIds: string[];
  connections: number;
  durationSeconds: number;
}): Promise<LoadResult> {
  const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize });
  let next = 0;
  const server = http.createServer((req, res) => {
    req.resume(); // the body is not read, only drained
    req.on('end', () => {
      const id = opts.accountIds[next++ % opts.accountIds.length];
      pool.query('SELECT id, name FROM account WHERE id = $1', [id]).then(
        (r) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ data: { account: r.rows[0] ?? null } }));
        },
        (err: Error) => {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ errors: [{ message: err.message }] }));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  try {
    const base = { url, apiKey: 'unused', bodies: ['{}'], connections: opts.connections };
    await runLoad({ ...base, durationSeconds: Math.min(3, opts.durationSeconds) }); // warm-up, as the others
    return await runLoad({ ...base, durationSeconds: opts.durationSeconds });
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await pool.end();
  }
}
