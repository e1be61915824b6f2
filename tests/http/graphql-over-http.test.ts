import { auditServer } from 'graphql-http';
import { describe, expect, it } from 'vitest';
import { leaksIn } from '../support/leak-scan';
import { useTestApi } from '../support/test-api';

const t = useTestApi();

/** The warnings the README explains; a change here means the README needs one too. */
const KNOWN_WARNINGS = ['572B', 'FDE2', '7B9B'];

describe('GraphQL over HTTP', () => {
  it("passes graphql-http's audit: no error, and only the warnings the README explains", async () => {
    const bodies: string[] = [];
    const results = await auditServer({
      url: t.url,
      // Some of its requests introspect (__type), which needs a token.
      fetchFn: async (input: string | URL | Request, init?: RequestInit) => {
        const headers = new Headers(init?.headers);
        headers.set('authorization', `Bearer ${t.tokens.staff}`);
        const response = await fetch(input, { ...init, headers });
        bodies.push(await response.clone().text());
        return response;
      },
    });
    const failing = results
      .filter((result) => result.status === 'error')
      .map((result) => `${result.id} ${result.name}: ${'reason' in result ? result.reason : ''}`);
    expect(failing, failing.join('\n')).toEqual([]);
    const warnings = results.filter((result) => result.status === 'warn').map((result) => result.id);
    expect(warnings.sort()).toEqual([...KNOWN_WARNINGS].sort());
    expect(bodies.flatMap((body) => leaksIn(body))).toEqual([]);
    expect(bodies.some((body) => /\n\s+at /.test(body))).toBe(false);
  });
});
