import { isCountryAllowed } from "@/lib/phone/countries";
import { mmsAllowedForCustomerCountry, smsSupportForNumber } from "@/lib/phone/capabilities";
import { countryName, formatPhoneNumber, type NumberType } from "@/lib/phone/normalize";

export interface IntegrationState {
  name: string;
  status: "active" | "deactivated";
  deactivatedReason: string | null;
  deletedAt: Date | string | null;
}

export interface OptOutState {
  optedOut: boolean;
  keyword: string;
  changedAt: Date | string;
}

/** How the app names a customer to agents: their name, or their number. */
export function customerLabel(customer: { name: string | null; phoneE164: string }): string {
  return customer.name?.trim() || formatPhoneNumber(customer.phoneE164);
}

/** Why nothing can be sent on a ticket right now, and what would unlock it. */
export type SendingBlock =
  | { kind: "opted-out"; keyword: string; at: string }
  | { kind: "country"; country: string | null }
  | { kind: "integration"; integrationName: string; reason: string | null; deleted: boolean };

export function sendingBlock(input: {
  integration: IntegrationState;
  optOut: OptOutState | null;
  customerCountry: string | null;
  extraAllowedCountries: readonly string[];
}): SendingBlock | null {
  const { integration, optOut } = input;
  if (integration.deletedAt || integration.status !== "active") {
    return { kind: "integration", integrationName: integration.name, reason: integration.deactivatedReason, deleted: !!integration.deletedAt };
  }
  if (optOut?.optedOut) return { kind: "opted-out", keyword: optOut.keyword, at: new Date(optOut.changedAt).toISOString() };
  if (!isCountryAllowed(input.customerCountry, input.extraAllowedCountries)) return { kind: "country", country: input.customerCountry };
  return null;
}

/** "3 Nov", or "3 Nov 2023" when it was another year. */
export function shortDate(at: Date | string, timeZone?: string, now = new Date()): string {
  const date = new Date(at);
  const sameYear = date.getFullYear() === now.getFullYear();
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: sameYear ? undefined : "numeric", timeZone }).format(date);
}

/** The sentence shown on the locked composer and in the error when sending is refused. */
export function describeSendingBlock(block: SendingBlock, customer: string, timeZone?: string): string {
  switch (block.kind) {
    case "opted-out":
      return `${customer} replied ${block.keyword.toUpperCase()} on ${shortDate(block.at, timeZone)}. You can reply after they text START.`;
    case "country":
      return block.country
        ? `Messages to ${countryName(block.country)} are not allowed for this account. An admin can allow the country in Settings.`
        : "This customer's country is not known, so messages to them are not allowed.";
    case "integration":
      if (block.deleted) return `The SMS integration “${block.integrationName}” was deleted, so this conversation cannot continue from it.`;
      return `The SMS integration “${block.integrationName}” is deactivated${block.reason ? ` (${block.reason.replace(/\.$/, "")})` : ""}. An admin can reactivate it in Settings → Integrations → SMS.`;
  }
}

export interface BusinessNumber {
  e164: string;
  twilioSms: boolean;
  twilioMms: boolean;
  type: NumberType;
  /** As stored when the number was adopted; the number's digits decide when empty. */
  country?: string;
}

export type AttachAbility = { ok: true } | { ok: false; reason: string };

/** Pictures go out only from a number that can do MMS, to a country whose carriers take MMS. */
export function attachAbility(input: { number: BusinessNumber | null; customerCountry: string | null }): AttachAbility {
  if (!input.number) return { ok: false, reason: "This integration's phone number is no longer in the app, so it cannot send pictures." };
  const support = smsSupportForNumber({ ...input.number, country: input.number.country || undefined });
  if (!support.mms) return { ok: false, reason: support.reason ?? "This business number cannot send pictures (MMS)." };
  if (!mmsAllowedForCustomerCountry(input.customerCountry)) {
    const where = input.customerCountry ? ` This customer's number is in ${countryName(input.customerCountry)}.` : "";
    return { ok: false, reason: `Pictures (MMS) reach only customers in the US and Canada.${where}` };
  }
  return { ok: true };
}
