/**
 * Webhook delivery at volume: a receiver in a child process on a local port (the README's
 * receiver: it checks every signature, answers 204, and reports each POST to the bench), and
 * fitgraph's own background workers, started as `npm start` starts them, delivering a backlog of
 * events that the bench's changes wrote while no worker ran. The figure is events delivered per
 * second, from the workers' start to the last event's arrival (putting events into deliveries
 * included); its ceiling is the same signed bodies POSTed one at a time, as one webhook's line
 * goes, by a plain loop that does no database work.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { DataSource } from 'typeorm';
import type { Fitgraph } from '../src/app/fitgraph';
import { deliveryStore } from '../src/stores/webhook-store';
import { deliveryRequest, post } from '../src/use-cases/delivery/webhook-delivery';

/** Runs in the child: plain Node, the README's signature check. */
const RECEIVER = `
const http = require('node:http');
const { createHmac, timingSafeEqual } = require('node:crypto');
let secret = '', events = 0, posts = 0, refused = 0;
process.on('message', (m) => {
  if (m.secret) secret = m.secret;
  if (m.reset) { events = 0; posts = 0; refused = 0; }
  if (m.stop) server.close(() => process.exit(0));
});
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c)).on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const { t, v1 } = Object.fromEntries(String(req.headers['fitgraph-signature']).split(',').map((p) => p.split('=')));
    const expected = createHmac('sha256', secret).update(t + '.' + body).digest('hex');
    if (!v1 || v1.length !== expected.length || !timingSafeEqual(Buffer.from(v1), Buffer.from(expected))) {
      refused++;
      process.send({ refused });
      return res.writeHead(401).end();
    }
    events += JSON.parse(body).events.length;
    posts++;
    process.send({ events, posts, at: Date.now() });
    res.writeHead(204).end();
  });
});
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
`;

interface Progress {
  events: number;
  posts: number;
  refused: number;
  lastAt: number;
}

export class BenchReceiver {
  readonly progress: Progress = { events: 0, posts: 0, refused: 0, lastAt: 0 };
  private waiters: Array<() => void> = [];

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.on('message', (m: { events?: number; posts?: number; at?: number; refused?: number }) => {
      if (m.refused !== undefined) this.progress.refused = m.refused;
      if (m.events !== undefined) Object.assign(this.progress, { events: m.events, posts: m.posts, lastAt: m.at });
      this.waiters.splice(0).forEach((w) => w());
    });
  }

  static async start(): Promise<BenchReceiver> {
    const child = spawn(process.execPath, ['-e', RECEIVER], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (m: { port: number }) => resolve(m.port));
      child.once('exit', (code) => reject(new Error(`the receiver exited (${code}) before listening`)));
    });
    return new BenchReceiver(child, `http://127.0.0.1:${port}/fitgraph`);
  }

  useSecret(secret: string): void {
    this.child.send({ secret });
  }

  reset(): void {
    this.child.send({ reset: true });
    Object.assign(this.progress, { events: 0, posts: 0, refused: 0, lastAt: 0 });
  }

  /** Resolves once `events` have arrived; fails on a refused signature or after `timeoutMs`. */
  async waitFor(events: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.progress.events < events) {
      if (this.progress.refused > 0) throw new Error(`the receiver refused ${this.progress.refused} POSTs: bad signature`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`only ${this.progress.events} of ${events} events arrived within ${timeoutMs / 1000} s`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 1000));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ stop: true });
    const timer = setTimeout(() => this.child.kill(), 2000);
    await exited;
    clearTimeout(timer);
  }
}

export interface DeliveryFigure {
  events: number;
  posts: number;
  seconds: number;
  rate: number;
  /** The same bodies POSTed one at a time without any database work. */
  ceilingSeconds: number;
  ceilingRate: number;
}

/**
 * Starts fitgraph's workers (as `npm start` does) and times the delivery of the `events` waiting
 * for `webhookId`; then stops them and POSTs the same deliveries again by a plain loop.
 */
export async function timeDelivery(
  fitgraph: Fitgraph,
  ds: DataSource,
  dbUrl: string,
  receiver: BenchReceiver,
  webhook: { id: string; secret: string },
  events: number,
): Promise<DeliveryFigure> {
  receiver.reset();
  const started = Date.now();
  const background = await fitgraph.startBackgroundWork(dbUrl, true);
  try {
    await receiver.waitFor(events, Math.max(120_000, events * 10));
  } finally {
    await background.stop(5000);
  }
  const seconds = (receiver.progress.lastAt - started) / 1000;
  const { posts } = receiver.progress;
  if (receiver.progress.events !== events) throw new Error(`the receiver got ${receiver.progress.events} events, ${events} were due`);

  // The ceiling: the deliveries' signed requests built first, then sent in order by a bare loop.
  const ids: Array<{ id: string }> = await ds.query('SELECT id FROM webhook_delivery WHERE webhook_id = $1 ORDER BY first_sequence', [
    webhook.id,
  ]);
  const requests = [];
  for (const { id } of ids)
    requests.push(await deliveryRequest(ds, (await deliveryStore.find(ds.manager, id))!, webhook.secret, new Date()));
  receiver.reset();
  const t0 = process.hrtime.bigint();
  for (const r of requests) {
    const answer = await post(receiver.url, r.body, r.headers, true);
    if (answer.statusCode !== 204) throw new Error(`ceiling POST answered ${answer.statusCode ?? answer.error}`);
  }
  const ceilingSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { events, posts, seconds, rate: events / seconds, ceilingSeconds, ceilingRate: events / ceilingSeconds };
}
