import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateSchemaTypes, SCHEMA_TYPES_FILE } from '../src/database/schema-types';
import { cloneTemplate } from './support/test-database';

/** The row types the repositories use are the schema the migrations build, not a hand copy. */
describe('generated row types', () => {
  it('match the migrated schema (run `npm run generate:db-types` after a migration)', async () => {
    // A clone of the migrated template, not the template itself: while anything is connected
    // to the template, the other test files' CREATE DATABASE … TEMPLATE fails ("being accessed
    // by other users"), as it did in a CI run when this test and another file's start overlapped.
    const clone = await cloneTemplate();
    let generated: string;
    try {
      generated = await generateSchemaTypes(clone.url);
    } finally {
      await clone.drop();
    }
    const committed = await readFile(join(__dirname, '../../..', SCHEMA_TYPES_FILE), 'utf8');
    expect(committed).toBe(generated);
  });
});
