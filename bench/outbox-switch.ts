/**
 * What the outbox costs: the same work timed with and without its statements. The switch lives
 * here, in the bench, and nowhere in src/: no production build contains it (tsconfig.build.json
 * leaves bench/ out) and no configuration can reach it. While it is off, this process's
 * TypeORM query runners answer the outbox's own statements (every `INSERT INTO outbox_event`,
 * and the check of which tier changes an override hides, which only the outbox needs) with no
 * rows and do not send them, so the change runs exactly as it would without an outbox: no
 * event rows, no lock of the outbox's ordering trigger, no NOTIFY. Everything else is sent as
 * usual. It also times ANALYZE statements (the upsert's statistics refresh, see outbox-cost.ts).
 * `skipped` counts what it answered, and the bench checks that the outbox did not grow
 * while it was off and did grow while it was on, so a change of the statements' text cannot
 * silently turn the comparison into on against on.
 */
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { QueryResult } from 'typeorm/query-runner/QueryResult';

/** The outbox's statements (src/stores/outbox-store.ts): its writes, and withoutOverridden's read. */
const OUTBOX_STATEMENTS = [
  /^\s*INSERT INTO outbox_event\b/,
  /^\s*SELECT c\.n FROM unnest\([^)]*\) WITH ORDINALITY AS c\(account_id, segment_id, at, n\)/,
];

let installed = false;
let writing = true;
/** Statements answered without being sent since the switch was installed, and the time spent in ANALYZE statements. */
export const outboxSwitch = {
  skipped: 0,
  analyzeMs: 0,
  get on(): boolean {
    return writing;
  },
};

function install(): void {
  if (installed) return;
  installed = true;
  const proto = PostgresQueryRunner.prototype as unknown as {
    query(query: string, parameters?: unknown[], structured?: boolean): Promise<unknown>;
  };
  const original = proto.query;
  proto.query = function (this: unknown, query: string, parameters?: unknown[], structured = false) {
    if (!writing && OUTBOX_STATEMENTS.some((re) => re.test(query))) {
      outboxSwitch.skipped++;
      return Promise.resolve(structured ? new QueryResult() : []);
    }
    if (!/^\s*ANALYZE\b/.test(query)) return original.call(this, query, parameters, structured);
    const t0 = performance.now();
    return original.call(this, query, parameters, structured).finally(() => {
      outboxSwitch.analyzeMs += performance.now() - t0;
    });
  };
}

/** Runs `work` with the outbox's statements left out (`on` false) or sent as usual. */
export async function withOutbox<T>(on: boolean, work: () => Promise<T>): Promise<T> {
  install();
  writing = on;
  try {
    return await work();
  } finally {
    writing = true;
  }
}
