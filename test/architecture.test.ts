/**
 * The direction of dependencies (.dependency-cruiser.js, README "Layout") holds on src/, and the
 * check itself fails on what it forbids: fixtures with a cycle, an import against the layers and
 * a cycle between two feature folders made of files that do not form a module cycle.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const CONFIG = path.join(ROOT, '.dependency-cruiser.js');
const BIN = path.join(ROOT, 'node_modules', '.bin', 'depcruise');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}
interface Cruise {
  modules: { source: string; dependencies: { resolved: string }[] }[];
  summary: { violations: Violation[] };
}

function cruise(cwd: string): Cruise {
  // depcruise exits non-zero when it finds violations; the JSON is on stdout either way.
  try {
    return JSON.parse(
      execFileSync(BIN, ['src', '--config', CONFIG, '--output-type', 'json'], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 }),
    );
  } catch (err) {
    const stdout = (err as { stdout?: string }).stdout;
    if (!stdout) throw err;
    return JSON.parse(stdout);
  }
}

/** `src/use-cases/overrides/override.service.ts` -> `use-cases/overrides`; `src/config.ts` -> `config`. */
export function folderOf(file: string): string {
  const parts = file.replace(/^src\//, '').split('/');
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts[0].replace(/\.ts$/, '');
}

/** Folders that reach each other through imports (strongly connected components of more than one folder). */
export function folderCycles(result: Cruise): string[][] {
  const edges = new Map<string, Set<string>>();
  for (const m of result.modules) {
    if (!m.source.startsWith('src/')) continue;
    const from = folderOf(m.source);
    for (const d of m.dependencies) {
      if (!d.resolved.startsWith('src/')) continue;
      const to = folderOf(d.resolved);
      if (to !== from) edges.set(from, (edges.get(from) ?? new Set()).add(to));
    }
  }
  // Tarjan's algorithm.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

function fixture(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fitgraph-architecture-'));
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'node16', moduleResolution: 'node16' } }));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const rulesBroken = (r: Cruise) => r.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();

describe('architecture', () => {
  jest.setTimeout(120_000);

  it('src/ has no cycle, no import against the layers and no cycle between folders', () => {
    const result = cruise(ROOT);
    expect(rulesBroken(result)).toEqual([]);
    expect(folderCycles(result)).toEqual([]);
  });

  it('the check fails on a module cycle, on an import against the layers and on an orphan', () => {
    const dir = fixture({
      'src/main.ts': "import './api/schema';\nimport './domain/a';\n",
      'src/api/schema.ts': "import '../use-cases/publish';\n",
      'src/use-cases/publish.ts': "import '../api/schema';\nimport '../stores/score-store';\n",
      'src/stores/score-store.ts': "import '../db/sql';\n",
      'src/db/sql.ts': 'export const sql = 1;\n',
      'src/domain/a.ts': "import './b';\n",
      'src/domain/b.ts': "import './a';\nimport '../db/sql';\n",
      'src/domain/unused.ts': 'export const unused = 1;\n',
    });
    try {
      expect(rulesBroken(cruise(dir))).toEqual([
        'domain-is-pure: src/domain/b.ts -> src/db/sql.ts',
        'no-cycles: src/api/schema.ts -> src/use-cases/publish.ts',
        'no-cycles: src/domain/a.ts -> src/domain/b.ts',
        'no-orphans: src/domain/unused.ts -> src/domain/unused.ts',
        'use-cases-below-entry-points: src/use-cases/publish.ts -> src/api/schema.ts',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('each layer rule fires on an import against it', () => {
    const dir = fixture({
      'src/main.ts': "import './app/root';\n",
      'src/app/root.ts': "import '../api/resolver';\nimport '../jobs/job';\nimport '../demo/seed';\n",
      'src/api/resolver.ts': "import '../stores/segment-store';\nimport '../use-cases/service';\n",
      'src/jobs/job.ts': "import '../stores/segment-store';\nimport '../demo/seed';\n",
      'src/demo/seed.ts': "import '../use-cases/service';\n",
      'src/use-cases/service.ts': "import '../stores/segment-store';\nimport '../domain/rule';\n",
      'src/stores/segment-store.ts': "import '../use-cases/helper';\nimport '../model/shape';\n",
      'src/use-cases/helper.ts': 'export const helper = 1;\n',
      'src/domain/rule.ts': "import '../model/shape';\n",
      'src/model/shape.ts': "import '../domain/constant';\nimport '../common/dates';\n",
      'src/domain/constant.ts': 'export const constant = 1;\n',
      'src/common/dates.ts': "import '../model/other';\n",
      'src/errors/boot.ts': "import '../app/root';\n",
      'src/model/other.ts': 'export const other = 1;\n',
    });
    try {
      expect(rulesBroken(cruise(dir))).toEqual([
        'entry-points-go-through-use-cases: src/api/resolver.ts -> src/stores/segment-store.ts',
        'entry-points-go-through-use-cases: src/jobs/job.ts -> src/stores/segment-store.ts',
        'entry-points-stay-apart: src/jobs/job.ts -> src/demo/seed.ts',
        'infra-at-the-bottom: src/common/dates.ts -> src/model/other.ts',
        'infra-at-the-bottom: src/errors/boot.ts -> src/app/root.ts',
        'model-is-shapes: src/model/shape.ts -> src/domain/constant.ts',
        'nothing-imports-the-root: src/errors/boot.ts -> src/app/root.ts',
        'stores-below-use-cases: src/stores/segment-store.ts -> src/use-cases/helper.ts',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds two feature folders that import each other through different files', () => {
    const dir = fixture({
      'src/main.ts': "import './use-cases/overrides/override.service';\n",
      'src/use-cases/overrides/override.service.ts': "import '../scoring/fit.service';\n",
      'src/use-cases/scoring/fit.service.ts': "import '../overrides/effective-fit';\n",
      'src/use-cases/overrides/effective-fit.ts': 'export const effective = 1;\n',
    });
    try {
      const result = cruise(dir);
      expect(rulesBroken(result)).toEqual([]);
      expect(folderCycles(result)).toEqual([['use-cases/overrides', 'use-cases/scoring']]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
