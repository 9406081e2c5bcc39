/**
 * No module does work at import: loading every module of src/ (but the entry points main.ts and
 * worker.ts) reads no environment, opens nothing and prints nothing, even with an environment
 * that the configuration would refuse.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const ENTRY_POINTS = new Set(['src/main.ts', 'src/worker.ts']);

function modulesOf(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return modulesOf(file);
    return file.endsWith('.ts') && !file.endsWith('.d.ts') && !ENTRY_POINTS.has(file) ? [file] : [];
  });
}

describe('importing src/', () => {
  it('does no work: with PORT=x and LOG_LEVEL=nope every module loads, silently', () => {
    const modules = modulesOf('src');
    expect(modules.length).toBeGreaterThan(100);
    const script = `require('reflect-metadata');\nfor (const m of ${JSON.stringify(modules)}) require('./' + m);\n`;
    const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, PORT: 'x', LOG_LEVEL: 'nope' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ status: 0, stdout: '', stderr: '' });
  });
});
