/**
 * Wakes the webhook dispatch when events commit: the outbox's trigger notifies at commit, in
 * whichever process the change ran; processes that run workers listen and queue a dispatch
 * (a stately queue keeps at most one waiting). The every-minute schedule covers a lost connection.
 */
import { Client } from 'pg';
import { Channel, listen } from '../db/notifications';
import type { Logger } from '../logger';
import type { JobQueue } from '../queue/job-queue';
import { QueueName } from '../queue/queue-names';

export interface OutboxListener {
  stop(): Promise<void>;
}

export async function listenToOutbox(url: string, queue: JobQueue, log: Logger): Promise<OutboxListener> {
  let client: Client | null = null;
  let stopped = false;
  const connect = async (): Promise<void> => {
    if (stopped) return;
    const c = new Client({ connectionString: url, application_name: 'fitgraph-outbox-listener', keepAlive: true });
    c.on('notification', () => {
      queue
        .nudge(QueueName.WEBHOOK_DISPATCH, {}, 'outbox')
        .catch((err: unknown) => log.warn({ err }, 'could not queue a webhook dispatch'));
    });
    c.on('error', (err) => {
      log.warn({ err }, 'outbox listener lost its connection; reconnecting');
      if (client === c) client = null;
      void c.end().catch(() => undefined);
      setTimeout(() => void connect().catch(() => undefined), 1000).unref();
    });
    try {
      await c.connect();
      await listen(c, Channel.OUTBOX);
      client = c;
      // Whatever committed while nobody listened.
      await queue.nudge(QueueName.WEBHOOK_DISPATCH, {}, 'outbox');
    } catch (err) {
      log.warn({ err }, 'outbox listener could not connect; retrying');
      void c.end().catch(() => undefined);
      setTimeout(() => void connect().catch(() => undefined), 1000).unref();
    }
  };
  await connect();
  return {
    async stop() {
      stopped = true;
      await client?.end().catch(() => undefined);
    },
  };
}
