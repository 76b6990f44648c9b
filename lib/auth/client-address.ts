import { isIP } from "node:net";

/**
 * The address a request came from, for sign-in throttling. Next's server writes the peer's
 * address into X-Forwarded-For when the request has none, and each reverse proxy appends the
 * address it saw, so the trustworthy entry is `proxyHops` from the right (the last one with
 * no proxy or one). Entries to its left were written by the client and are ignored. IPv6
 * addresses count per /64, the block one customer line usually gets.
 */
export function clientAddress(forwardedFor: string | null | undefined, proxyHops: number): string {
  const entries = (forwardedFor ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  const entry = entries[Math.max(0, entries.length - Math.max(1, proxyHops))];
  return normalize(entry ?? "") ?? "unknown";
}

function normalize(raw: string): string | null {
  let address = raw;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  address = address.replace(/^::ffff:(?=[\d.]+$)/i, "");
  const version = isIP(address);
  if (version === 4) return address;
  if (version === 6) return `${expandIpv6(address).slice(0, 4).join(":")}::/64`;
  return null;
}

function expandIpv6(address: string): string[] {
  const [head = "", tail] = address.toLowerCase().split("%")[0]!.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const middle = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill("0");
  return [...left, ...middle, ...right].map((group) => group.replace(/^0+(?=.)/, ""));
}
