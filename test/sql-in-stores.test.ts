/**
 * SQL is written in one place per table: src/stores/ (and the infrastructure under it, db/ and
 * queue/, which own sessions, locks, notifications and the job queue's tables). A statement or a
 * `.query(` anywhere else in src/ fails this test, naming the file and line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const SQL_HOMES = /^src\/(stores|db|queue)\//;
const STATEMENT =
  /[`'"]\s*(SELECT\s[^`'"]*?(\bFROM\b|\()|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|WITH\s+\w+\s+AS|LOCK\s+TABLE|LISTEN|NOTIFY|COPY\s+\w+|TRUNCATE|DECLARE\s+\w+\s+CURSOR|FETCH\s+\d+|(CREATE|ALTER|DROP)\s+(TABLE|INDEX|DATABASE|SCHEMA|TRIGGER|FUNCTION)|SET\s+(LOCAL\s+)?\w+\s*(=|TO))\b/gi;
const QUERY_CALL = /\.(query|createQueryBuilder|getRepository)\s*[<(]/g;

function tsFiles(root: string, dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    return e.isDirectory() ? tsFiles(root, rel) : e.name.endsWith('.ts') ? [rel] : [];
  });
}

/** `file:line` of every SQL statement or query call outside the stores and the infrastructure. */
export function sqlOutsideStores(root: string): string[] {
  const found: string[] = [];
  for (const file of tsFiles(root, 'src')) {
    if (SQL_HOMES.test(file)) continue;
    // Comment lines are blanked, not removed, so that positions keep their line numbers.
    const code = fs
      .readFileSync(path.join(root, file), 'utf8')
      .split('\n')
      .map((line) => line.replace(/^\s*(\*|\/\/|\/\*).*$/, ''))
      .join('\n');
    const lineOf = (index: number) => code.slice(0, index).split('\n').length;
    const lines = new Set<number>();
    for (const pattern of [STATEMENT, QUERY_CALL]) for (const m of code.matchAll(pattern)) lines.add(lineOf(m.index!));
    for (const line of lines) found.push(`${file}:${line}`);
  }
  return found.sort();
}

describe('SQL lives in stores', () => {
  it('src/ writes no statement and runs no query outside stores/, db/ and queue/', () => {
    expect(sqlOutsideStores(ROOT)).toEqual([]);
  });

  it('the check finds a statement, a query call and a repository outside the stores, and nothing in a store or a comment', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fitgraph-sql-'));
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    };
    try {
      write('src/stores/segment-store.ts', "export const q = (db: Sql) => db.query('SELECT 1');\n");
      write('src/use-cases/a.service.ts', '// SELECT in a comment\nconst sql = `\n  SELECT id FROM segment`;\nawait ctx.em.query(sql);\n');
      write('src/api/b.ts', '/**\n * UPDATE account SET name in a comment\n */\nconst r = em.getRepository(Segment);\n');
      write(
        'src/domain/c.ts',
        "const s = `UPDATE account SET name = $1`;\nconst t = 'LOCK TABLE account';\nconst u = 'select id from segment';\nconst v = `COPY account FROM STDIN`;\nconst w = 'Select a segment first';\n",
      );
      expect(sqlOutsideStores(dir)).toEqual([
        'src/api/b.ts:4',
        'src/domain/c.ts:1',
        'src/domain/c.ts:2',
        'src/domain/c.ts:3',
        'src/domain/c.ts:4',
        'src/use-cases/a.service.ts:2',
        'src/use-cases/a.service.ts:4',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
