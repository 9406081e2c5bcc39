import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { printSchema } from 'graphql';
import { appSchema } from '../src/app/resolvers';
import { createServices } from '../src/app/services';
import { readConfig } from '../src/config';
import { CacheBus } from '../src/db/process-cache';

/** Writes schema/schema.graphql from the code; a test fails when the file is stale. */
export const SCHEMA_FILE = path.join(__dirname, '..', 'schema', 'schema.graphql');

export async function renderSchema(): Promise<string> {
  return `${printSchema(await appSchema(createServices(readConfig({}), new CacheBus())))}\n`;
}

if (require.main === module) {
  renderSchema().then((sdl) => {
    fs.writeFileSync(SCHEMA_FILE, sdl);
    process.stdout.write(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}\n`);
  });
}
