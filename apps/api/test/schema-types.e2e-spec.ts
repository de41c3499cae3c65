import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateSchemaTypes, SCHEMA_TYPES_FILE } from '../src/database/schema-types';
import { ENV_ADMIN_URL, ENV_TEMPLATE_DB, withDatabase } from './support/test-database';

/** The row types the repositories use are the schema the migrations build, not a hand copy. */
describe('generated row types', () => {
  it('match the migrated schema (run `npm run generate:db-types` after a migration)', async () => {
    const template = withDatabase(process.env[ENV_ADMIN_URL]!, process.env[ENV_TEMPLATE_DB]!);
    const generated = await generateSchemaTypes(template);
    const committed = await readFile(join(__dirname, '../../..', SCHEMA_TYPES_FILE), 'utf8');
    expect(committed).toBe(generated);
  });
});
