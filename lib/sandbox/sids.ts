import { randomBytes } from "node:crypto";

export type SidPrefix = "PN" | "SM" | "MM" | "ME" | "MG" | "QE" | "HH" | "BN";

/** A Twilio-shaped SID: two letters and 32 lowercase hex digits. */
export function newSid(prefix: SidPrefix): string {
  return `${prefix}${randomBytes(16).toString("hex")}`;
}

export function isSid(value: string, prefixes: readonly SidPrefix[]): boolean {
  return prefixes.some((prefix) => new RegExp(`^${prefix}[0-9a-fA-F]{32}$`).test(value));
}
