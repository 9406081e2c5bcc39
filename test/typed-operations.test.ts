/**
 * The tests' typed operations are current: test/gql is what `npm run codegen:test` writes from
 * schema/schema.graphql and the `graphql()` documents in test/ (a document edited without
 * regenerating would be sent with stale types, or not found at all).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..');

it("test/gql matches the schema and the tests' operations (run `npm run codegen:test`)", async () => {
  // In a child process: the generator loads ES modules that Jest's module system cannot.
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'fitgraph-codegen-test-'));
  try {
    await run(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(ROOT, 'scripts', 'codegen-test.ts'), out], {
      cwd: ROOT,
    });
    const generated = path.join(out, 'test', 'gql');
    const files = fs.readdirSync(generated).sort();
    expect(files).toEqual(fs.readdirSync(path.join(ROOT, 'test', 'gql')).sort());
    for (const file of files) {
      const content = fs.readFileSync(path.join(generated, file), 'utf8');
      expect({ file, content: fs.readFileSync(path.join(ROOT, 'test', 'gql', file), 'utf8') }).toEqual({ file, content });
    }
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}, 120_000);
