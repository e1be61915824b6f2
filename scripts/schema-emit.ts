/**
 * Writes schema/schema.graphql from the code. With --check, writes nothing and fails when
 * the committed file differs from what the code produces (CI's schema drift check).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildHotelSchema, printHotelSchema } from '../src/graphql/schema';

const SCHEMA_FILE = path.join(__dirname, '..', 'schema', 'schema.graphql');

async function main() {
  const sdl = printHotelSchema(await buildHotelSchema());
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(SCHEMA_FILE, 'utf8');
    } catch {
      // a missing file differs like any other
    }
    if (committed !== sdl) {
      console.error('schema/schema.graphql is out of date: run `npm run schema:emit` and commit the result');
      process.exit(1);
    }
    console.log('schema/schema.graphql matches the code');
    return;
  }
  writeFileSync(SCHEMA_FILE, sdl);
  console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
