import { createHash } from 'node:crypto';

// Quiet logs in tests unless asked for (LOG_LEVEL=debug npm test).
process.env.LOG_LEVEL ??= 'silent';
// Test receivers listen on 127.0.0.1: webhooks may reach it (the refusal is tested on its own).
process.env.FITGRAPH_WEBHOOK_ALLOW_PRIVATE ??= 'true';
// Failed deliveries are retried after 200 ms, 400 ms, … rather than 30 s, 60 s, …
process.env.FITGRAPH_WEBHOOK_RETRY_BASE_MS ??= '200';
// Webhook signing secrets are sealed with this key (README, Configuration): a fixed one derived
// from a phrase, so that child processes (npm start, workers) inherit the same key.
process.env.FITGRAPH_SECRET_KEY ??= createHash('sha256').update('fitgraph tests: webhook secret key').digest('hex');
