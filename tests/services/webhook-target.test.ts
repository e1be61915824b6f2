import { describe, expect, it } from 'vitest';
import { guardedLookup, RefusedTargetError, refusedKindOf, staticProblemOf } from '../../src/services/webhook-target';

describe('the SSRF guard', () => {
  it.each([
    ['0.1.2.3', 'unspecified'],
    ['10.1.2.3', 'private'],
    ['100.64.0.1', 'shared (carrier-grade NAT)'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['224.0.0.251', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['::ffff:10.0.0.1', 'IPv4-mapped'],
    ['fc00::1', 'private'],
    ['fdff::1', 'private'],
    ['fe80::1', 'link-local'],
    ['ff02::1', 'multicast'],
  ])('refuses %s as %s', (address, kind) => {
    expect(refusedKindOf(address)).toBe(kind);
  });

  it.each(['8.8.8.8', '172.15.255.255', '172.32.0.1', '100.128.0.1', '192.169.0.1', '2001:4860:4860::8888', 'not an address'])('lets %s through', (address) => {
    expect(refusedKindOf(address)).toBeUndefined();
  });

  it('lets an allow-listed host be anything, over http too, as the URL spells it', () => {
    const allow = ['127.0.0.1', '::1', 'hooks.internal'];
    expect(staticProblemOf(new URL('http://127.0.0.1:9/x'), allow)).toBeUndefined();
    expect(staticProblemOf(new URL('http://[::1]:9/x'), allow)).toBeUndefined();
    expect(staticProblemOf(new URL('http://HOOKS.internal/x'), allow)).toBeUndefined();
    expect(staticProblemOf(new URL('http://127.0.0.2/x'), allow)).toBe('Must be https: plain http only to a host in WEBHOOK_ALLOW_HOSTS.');
    expect(staticProblemOf(new URL('https://user@127.0.0.1/x'), allow)).toBe('Must not hold a user name or password.');
    expect(staticProblemOf(new URL('https://api.localhost/x'), allow)).toBe(
      'Refused: api.localhost is a loopback address; only hosts in WEBHOOK_ALLOW_HOSTS may be.',
    );
  });

  it('refuses a connection to a name that resolves to a refused address, at the lookup the connection uses', async () => {
    const error = await new Promise<Error | null>((resolve) => guardedLookup('localhost', { all: true }, (failure) => resolve(failure)));
    expect(error).toBeInstanceOf(RefusedTargetError);
    expect(error?.message).toMatch(/^Refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address; only hosts in WEBHOOK_ALLOW_HOSTS may be\.$/);
  });
});
