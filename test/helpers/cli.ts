import { execFile } from 'node:child_process';
import path from 'node:path';
import { withDatabase } from '../../src/db/database';
import type { TestApp } from './test-app';

export interface ScriptResult {
  code: number | null;
  stdout: string;
  /** What the command wrote to stderr, without npx's warnings about the machine's npm configuration. */
  stderr: string[];
}

/** Runs `scripts/<name>.ts` as a user would (`npm run …`), against the test's own database. */
export function runScript(t: TestApp, script: string, args: string[]): Promise<ScriptResult> {
  const url = withDatabase(process.env.FITGRAPH_TEST_SERVER_URL!, t.databaseName);
  return new Promise((resolve) => {
    execFile(
      'npx',
      ['ts-node', '--transpile-only', `scripts/${script}.ts`, ...args],
      {
        cwd: path.resolve(__dirname, '..', '..'),
        env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' },
      },
      (err, stdout, stderr) =>
        resolve({
          code: err ? (err.code as number) : 0,
          stdout,
          stderr: stderr.split('\n').filter((l) => l && !l.startsWith('npm warn')),
        }),
    );
  });
}
