import dns, { type LookupAddress, type LookupAllOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Where a webhook may be sent: the SSRF guard. A webhook is a request the API makes on a
 * client's behalf, so an endpoint must not reach what only the API's own network can:
 * loopback, private and shared ranges, link-local (the cloud metadata service at
 * 169.254.169.254), unspecified, multicast and reserved addresses. Only hosts named in
 * WEBHOOK_ALLOW_HOSTS may, and only they over plain http. A name is checked for what it
 * resolves to, at registration and again at every attempt, on the very addresses the
 * connection then uses (so a name that re-resolves elsewhere meanwhile gains nothing).
 */

const RANGES: readonly [kind: string, network: string, prefix: number, family: 'ipv4' | 'ipv6'][] = [
  ['unspecified', '0.0.0.0', 8, 'ipv4'],
  ['private', '10.0.0.0', 8, 'ipv4'],
  ['shared (carrier-grade NAT)', '100.64.0.0', 10, 'ipv4'],
  ['loopback', '127.0.0.0', 8, 'ipv4'],
  ['link-local', '169.254.0.0', 16, 'ipv4'],
  ['private', '172.16.0.0', 12, 'ipv4'],
  ['private', '192.168.0.0', 16, 'ipv4'],
  ['multicast', '224.0.0.0', 4, 'ipv4'],
  ['reserved', '240.0.0.0', 4, 'ipv4'],
  ['unspecified', '::', 128, 'ipv6'],
  ['loopback', '::1', 128, 'ipv6'],
  // An IPv4 address written as IPv6 (::ffff:127.0.0.1) reaches that IPv4 address: refused whole rather than unwrapped.
  ['IPv4-mapped', '::ffff:0:0', 96, 'ipv6'],
  ['private', 'fc00::', 7, 'ipv6'],
  ['link-local', 'fe80::', 10, 'ipv6'],
  ['multicast', 'ff00::', 8, 'ipv6'],
];

const REFUSED = RANGES.map(([kind, network, prefix, family]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return { kind, list, family };
});

/** The kind of address `address` is when no webhook may target it ("loopback", "private", …); undefined for a public one. */
export function refusedKindOf(address: string): string | undefined {
  const version = isIP(address);
  if (!version) return undefined;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  return REFUSED.find((range) => range.family === family && range.list.check(address, family))?.kind;
}

/** "a private address", "an unspecified address". */
const anAddress = (kind: string) => `${/^[aeiouAEIOU]/.test(kind) ? 'an' : 'a'} ${kind} address`;

/** A URL's host as WEBHOOK_ALLOW_HOSTS spells hosts: lower case, an IPv6 address without its brackets. */
const hostOf = (url: URL) => url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');

/** Whether WEBHOOK_ALLOW_HOSTS names the URL's host: then it may be any address, over http too. */
export function isAllowListed(url: URL, allowHosts: readonly string[]): boolean {
  return allowHosts.includes(hostOf(url));
}

const ALLOW_LIST_HINT = 'only hosts in WEBHOOK_ALLOW_HOSTS may be';

/** Names that are loopback by definition (RFC 6761), refused without asking DNS. */
const LOOPBACK_NAME = /(^|\.)localhost\.?$/;

/**
 * What makes `url` no webhook target, as far as can be told without resolving its name:
 * the scheme, credentials in it, plain http, an address or a localhost name it names
 * directly. Undefined when nothing does.
 */
export function staticProblemOf(url: URL, allowHosts: readonly string[]): string | undefined {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Must be an http or https URL.';
  if (url.username || url.password) return 'Must not hold a user name or password.';
  if (isAllowListed(url, allowHosts)) return undefined;
  if (url.protocol === 'http:') return 'Must be https: plain http only to a host in WEBHOOK_ALLOW_HOSTS.';
  const host = hostOf(url);
  const kind = isIP(host) ? refusedKindOf(host) : LOOPBACK_NAME.test(host) ? 'loopback' : undefined;
  return kind ? `Refused: ${host} is ${anAddress(kind)}; ${ALLOW_LIST_HINT}.` : undefined;
}

/** The first of `addresses` no webhook may target, with why. */
function refusalAmong(host: string, addresses: readonly LookupAddress[]): string | undefined {
  for (const { address } of addresses) {
    const kind = refusedKindOf(address);
    if (kind) return `Refused: ${host} resolves to ${address}, ${anAddress(kind)}; ${ALLOW_LIST_HINT}.`;
  }
  return undefined;
}

/** How long registration waits for a name to resolve; one that takes longer is checked at each attempt only. */
const REGISTRATION_LOOKUP_MS = 3000;

/**
 * What makes `url` no webhook target at registration: the static problems, and for a name
 * not allow-listed, that it resolves to an address refused. A name that does not resolve
 * (yet), or a lookup too slow, does not refuse: every attempt checks again.
 */
export async function targetProblemOf(url: URL, allowHosts: readonly string[]): Promise<string | undefined> {
  const problem = staticProblemOf(url, allowHosts);
  const host = hostOf(url);
  if (problem || isAllowListed(url, allowHosts) || isIP(host)) return problem;
  const resolved = await Promise.race([
    dns.promises.lookup(host, { all: true, verbatim: true }).catch(() => undefined),
    sleep(REGISTRATION_LOOKUP_MS, undefined, { ref: false }),
  ]);
  return resolved ? refusalAmong(host, resolved) : undefined;
}

/** An attempt refused by the guard: the delivery's error says why. */
export class RefusedTargetError extends Error {}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * The `lookup` of every webhook connection to a host not allow-listed: resolves the name
 * once, refuses the connection when any address it resolves to is refused, and otherwise
 * hands those same addresses to the connection.
 */
export function guardedLookup(hostname: string, options: LookupAllOptions | { all?: boolean; family?: number }, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const refusal = refusalAmong(hostname, addresses);
    if (refusal) return callback(new RefusedTargetError(refusal), []);
    if (!addresses.length) return callback(Object.assign(new Error(`${hostname} does not resolve.`), { code: 'ENOTFOUND' }), []);
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
}
