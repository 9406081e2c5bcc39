/**
 * GraphQL Code Generator's client preset over the checked-in SDL and the example's operations,
 * run through the generator's programmatic API (its CLI pulls in loaders for URLs and GitHub that
 * need Node 22). `npm run codegen:example` writes examples/client/gql; a test fails when stale.
 * `npm run codegen:example -- <dir>` writes the same files under <dir> instead (the test compares).
 */
import fs from 'node:fs';
import path from 'node:path';
import { preset } from '@graphql-codegen/client-preset';
import { codegen } from '@graphql-codegen/core';
import { buildSchema, parse, printSchema } from 'graphql';

const ROOT = path.join(__dirname, '..');
export const EXAMPLE_OUTPUT = 'examples/client/gql/';
const OPERATIONS = 'examples/client/operations.graphql';

/** The generated files, by path relative to the repository. */
export async function generateExampleClient(): Promise<Map<string, string>> {
  const schemaAst = buildSchema(fs.readFileSync(path.join(ROOT, 'schema', 'schema.graphql'), 'utf8'));
  const schema = parse(printSchema(schemaAst));
  const rawSDL = fs.readFileSync(path.join(ROOT, OPERATIONS), 'utf8');
  const documents = [{ location: OPERATIONS, document: parse(rawSDL), rawSDL }];
  const config = { useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string', JSON: 'unknown' } };
  const sections = await preset.buildGeneratesSection({
    baseOutputDir: EXAMPLE_OUTPUT,
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
  generateExampleClient().then((files) => {
    for (const [file, content] of files) {
      fs.mkdirSync(path.dirname(path.join(outRoot, file)), { recursive: true });
      fs.writeFileSync(path.join(outRoot, file), content);
      process.stdout.write(`wrote ${path.relative(process.cwd(), path.join(outRoot, file))}\n`);
    }
  });
}
