import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { expect, it } from 'vitest';
import config from '../../examples/client/codegen';

const ROOT = path.resolve(__dirname, '..', '..');
const GENERATED = 'examples/client/src/gql';

it('the committed examples/client/src/gql/ is what `npm run client:codegen` makes from the schema and the documents now', async () => {
  const outputs: { filename: string; content: string }[] = await generate({ ...config, cwd: ROOT, silent: true }, false);
  const made = new Map(outputs.map((output) => [path.relative(ROOT, path.resolve(ROOT, output.filename)), output.content]));
  // Nothing stale beside them, and nothing missing.
  expect(
    readdirSync(path.join(ROOT, GENERATED))
      .map((file) => `${GENERATED}/${file}`)
      .sort(),
  ).toEqual([...made.keys()].sort());
  for (const [file, content] of made) expect(readFileSync(path.join(ROOT, file), 'utf8'), `${file} is out of date: run npm run client:codegen`).toBe(content);
});
