import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';

/**
 * The README's GraphQL examples are what a newcomer pastes first: each must be valid
 * against the schema as it is now, or the quick start fails on its first step.
 */
const schema = buildSchema(readFileSync('schema/schema.graphql', 'utf8'));
const readme = readFileSync('README.md', 'utf8');

/** Each ```graphql block's operations: one per line where a block lists several one-liners. */
function examples(): string[] {
  const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]);
  return blocks.flatMap((block) => {
    const starts = block.split('\n').filter((line) => /^\s*(\{|mutation|query)/.test(line));
    const oneLiners = starts.length > 1 && starts.every((line) => parseable(line));
    return oneLiners ? starts : [block];
  });
}

function parseable(text: string): boolean {
  try {
    parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('the README’s GraphQL examples', () => {
  const documents = examples().filter((text) => !/^\s*(type|input|union|enum|scalar)\b/.test(text));

  it('are there to check', () => {
    expect(documents.length).toBeGreaterThanOrEqual(8);
  });

  it.each(documents.map((text) => [text.trim().slice(0, 60), text]))('%s… is valid against the schema', (_name, text) => {
    expect(validate(schema, parse(text)).map((error) => error.message)).toEqual([]);
  });
});
