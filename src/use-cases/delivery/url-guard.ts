/**
 * Webhook URLs must not reach the machines behind fitgraph (server-side request forgery): a host
 * resolving to a loopback, private, link-local, unique-local or otherwise special address is
 * refused, unless FITGRAPH_WEBHOOK_ALLOW_PRIVATE=true (tests, receivers on the same network).
 * Checked when a webhook is saved and again at every connection (DNS can change in between).
 */
import { lookup } from 'node:dns/promises';
import net from 'node:net';

const blocked = new net.BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(prefix, bits, 'ipv4');
for (const [prefix, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const) {
  blocked.addSubnet(prefix, bits, 'ipv6');
}

/** True for an address a webhook may not reach without the setting. */
export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    return mapped ? blocked.check(mapped[1], 'ipv4') : blocked.check(address, 'ipv6');
  }
  return true;
}

/** Why this URL may not be a webhook, or null. Resolves the host unless private addresses are allowed. */
export async function webhookUrlProblem(raw: string, allowPrivate: boolean): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be http or https';
  if (url.username || url.password) return 'must not carry credentials (sign with the webhook secret instead)';
  if (raw.length > 2000) return 'must be at most 2,000 characters';
  if (allowPrivate) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = net.isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    return `host "${host}" does not resolve`;
  }
  const bad = addresses.find(isPrivateAddress);
  return bad
    ? `host "${host}" resolves to ${bad}, a private, loopback or link-local address (set FITGRAPH_WEBHOOK_ALLOW_PRIVATE=true to allow)`
    : null;
}

/** A `lookup` for http.request that refuses private addresses at connection time. */
export function guardedLookup(allowPrivate: boolean): net.LookupFunction {
  return (hostname, options, callback) => {
    import('node:dns').then(({ lookup: dnsLookup }) =>
      dnsLookup(hostname, { ...options, all: false }, (err, address, family) => {
        if (err) return callback(err, '', 0);
        if (!allowPrivate && isPrivateAddress(address as string)) {
          return callback(
            Object.assign(new Error(`refused: ${hostname} resolves to the private address ${address}`), { code: 'EPRIVATE' }),
            '',
            0,
          );
        }
        callback(null, address as string, family);
      }),
    );
  };
}
