/**
 * Types for the tests' GraphQL operations: GraphQL Code Generator's client preset over the
 * checked-in SDL and every `graphql(`…`)` document written in test/ (the same generator and
 * settings as the example client, scripts/codegen-example.ts). `npm run codegen:test` writes
 * test/gql; test/typed-operations.test.ts fails when it is stale.
 * `npm run codegen:test -- <dir>` writes the same files under <dir> instead (the test compares).
 *
 * The documents are found with a plain scan for `graphql(` followed by a template literal (the
 * generator's own loader for .ts files needs Babel, which this repository does not otherwise
 * install); a document must therefore be a literal without `${…}` (share selections through
 * fragments, not string interpolation), and every operation needs a name unique across test/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { preset } from '@graphql-codegen/client-preset';
import { codegen } from '@graphql-codegen/core';
import { buildSchema, parse, printSchema, type DocumentNode } from 'graphql';

const ROOT = path.join(__dirname, '..');
export const TEST_OUTPUT = 'test/gql/';
const TEST_DIR = 'test';

const DOCUMENT = /\bgraphql\(\s*`([^`]*)`\s*\)/g;

function testFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (`${rel}/` !== TEST_OUTPUT) out.push(...testFiles(rel));
    } else if (entry.name.endsWith('.ts')) out.push(rel);
  }
  return out;
}

/** Every `graphql(`…`)` document in test/, in file order. */
export function testDocuments(): Array<{ location: string; document: DocumentNode; rawSDL: string }> {
  const documents: Array<{ location: string; document: DocumentNode; rawSDL: string }> = [];
  for (const file of testFiles(TEST_DIR)) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    for (const match of text.matchAll(DOCUMENT)) {
      const rawSDL = match[1];
      const line = text.slice(0, match.index).split('\n').length;
      if (rawSDL.includes('${')) throw new Error(`${file}:${line}: a graphql() document cannot interpolate; use a fragment`);
      if (rawSDL.includes('\\')) throw new Error(`${file}:${line}: a graphql() document cannot hold escapes`);
      documents.push({ location: `${file}:${line}`, document: parse(rawSDL), rawSDL });
    }
  }
  return documents;
}

/** The generated files, by path relative to the repository. */
export async function generateTestTypes(): Promise<Map<string, string>> {
  const schemaAst = buildSchema(fs.readFileSync(path.join(ROOT, 'schema', 'schema.graphql'), 'utf8'));
  const schema = parse(printSchema(schemaAst));
  const documents = testDocuments();
  const names = new Map<string, string>();
  for (const { location, document } of documents) {
    for (const definition of document.definitions) {
      if (definition.kind !== 'OperationDefinition' && definition.kind !== 'FragmentDefinition') continue;
      if (!definition.name) throw new Error(`${location}: name the operation (its types are named after it)`);
      const name = definition.name.value;
      const seen = names.get(name);
      if (seen) throw new Error(`${location}: "${name}" is also defined at ${seen}; names are unique across test/`);
      names.set(name, location);
    }
  }
  const config = {
    useTypeImports: true,
    enumsAsTypes: true,
    // Tests send dates as ISO strings; JSON values (attributes, definitions' values) are free-form.
    scalars: { DateTime: 'string', JSON: { input: 'unknown', output: 'any' } },
  };
  const sections = await preset.buildGeneratesSection({
    baseOutputDir: TEST_OUTPUT,
    schema,
    schemaAst,
    documents,
    config,
    presetConfig: { fragmentMasking: false },
    plugins: [],
    pluginMap: {},
  });
  const files = new Map<string, string>();
  for (const section of sections) files.set(section.filename, await codegen({ ...section, schemaAst }));
  return files;
}

if (require.main === module) {
  const outRoot = process.argv[2] ? path.resolve(process.argv[2]) : ROOT;
  generateTestTypes().then(
    (files) => {
      if (!process.argv[2]) fs.rmSync(path.join(ROOT, TEST_OUTPUT), { recursive: true, force: true });
      for (const [file, content] of files) {
        fs.mkdirSync(path.dirname(path.join(outRoot, file)), { recursive: true });
        fs.writeFileSync(path.join(outRoot, file), content);
        process.stdout.write(`wrote ${path.relative(process.cwd(), path.join(outRoot, file))}\n`);
      }
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
