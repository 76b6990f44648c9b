import { countryName, formatPhoneNumber } from "@/lib/phone/normalize";

type Data = Record<string, unknown>;

function text(data: Data, key: string): string | null {
  const value = data[key];
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

function quoted(data: Data, key: string): string {
  const value = text(data, key);
  return value ? ` “${value}”` : "";
}

function number(data: Data, key = "e164"): string {
  const value = text(data, key);
  return value ? formatPhoneNumber(value) : "a number";
}

function person(data: Data): string {
  const name = text(data, "name") ?? "a user";
  const email = text(data, "email");
  return email ? `${name} (${email})` : name;
}

function numbers(data: Data): string {
  const list = Array.isArray(data.e164s) ? data.e164s.filter((value): value is string => typeof value === "string") : [];
  if (list.length === 0) return "numbers";
  const shown = list.slice(0, 5).map(formatPhoneNumber).join(", ");
  return list.length > 5 ? `${shown} and ${list.length - 5} more` : shown;
}

function reason(data: Data): string {
  const value = text(data, "reason");
  return value ? `: ${value}` : "";
}

/** How many tickets a tag change touched: " (on 3 tickets)". */
function ticketCount(data: Data): string {
  const n = typeof data.tickets === "number" ? data.tickets : null;
  return n === null ? "" : ` (on ${n.toLocaleString("en-US")} ${n === 1 ? "ticket" : "tickets"})`;
}

const ROLE_WORD: Record<string, string> = { admin: "an admin", agent: "an agent" };

/** What the admin did, from the verb on; the actor's name goes in front. */
function deed(type: string, data: Data): string {
  switch (type) {
    case "user.added":
      return `added ${text(data, "role") === "admin" ? "admin" : "agent"} ${person(data)}`;
    case "user.role_changed":
      return `made ${person(data)} ${ROLE_WORD[text(data, "role") ?? ""] ?? "a user"}`;
    case "user.deactivated":
      return `deactivated ${person(data)}`;
    case "user.reactivated":
      return `reactivated ${person(data)}`;
    case "user.password_reset_link_made":
      return `made a password reset link for ${person(data)}`;
    case "phone_number.bought":
      return `bought ${number(data)}`;
    case "phone_number.imported":
      return `imported ${numbers(data)} from Twilio`;
    case "phone_number.released":
      return `released ${number(data)}`;
    case "port_request.submitted":
      return `asked to port ${number(data)} in`;
    case "port_request.in_progress":
      return `marked the port of ${number(data)} as in progress`;
    case "port_request.rejected":
      return `marked the port of ${number(data)} as rejected${reason(data)}`;
    case "port_request.completed":
      return `completed the port of ${number(data)}`;
    case "rule.created":
      return `created rule${quoted(data, "name")}`;
    case "rule.updated":
      return `edited rule${quoted(data, "name")}`;
    case "rule.enabled":
      return `turned on rule${quoted(data, "name")}`;
    case "rule.disabled":
      return `turned off rule${quoted(data, "name")}`;
    case "rule.duplicated":
      return `duplicated rule${quoted(data, "name")}`;
    case "rule.moved":
      return `moved rule${quoted(data, "name")} ${text(data, "direction") === "up" ? "up" : "down"}`;
    case "rule.deleted":
      return `deleted rule${quoted(data, "name")}`;
    case "business_hours.updated": {
      const zone = text(data, "timeZone");
      return `changed the business hours${zone ? ` (${zone})` : ""}`;
    }
    case "response_target.updated": {
      const minutes = data.minutes;
      return typeof minutes === "number" ? `set the first-response target to ${minutes} minutes` : "removed the first-response target";
    }
    case "country.allowed":
      return `allowed messages from ${countryName(text(data, "country") ?? "?")}`;
    case "sms_price.updated":
      return `set the SMS price for ${countryName(text(data, "country") ?? "?")}: $${text(data, "sent") ?? "?"} a segment sent, $${text(data, "received") ?? "?"} received`;
    case "country.removed":
      return `removed ${countryName(text(data, "country") ?? "?")} from the allowed countries`;
    case "saved_reply.created":
      return `created saved reply${quoted(data, "title")}`;
    case "saved_reply.updated":
      return `edited saved reply${quoted(data, "title")}`;
    case "saved_reply.deleted":
      return `deleted saved reply${quoted(data, "title")}`;
    case "macros.settings_changed":
      return data.agentsCreateOwn === true ? "let agents create their own macros" : "stopped agents creating their own macros";
    case "integration.created":
      return `added SMS integration${quoted(data, "name")}${text(data, "phoneE164") ? ` on ${number(data, "phoneE164")}` : ""}`;
    case "integration.deleted":
      return `deleted SMS integration${quoted(data, "name")}`;
    case "integration.deactivated":
      return `deactivated SMS integration${quoted(data, "integrationName")}${reason(data)}`;
    case "integration.reactivated":
      return `reactivated SMS integration${quoted(data, "integrationName")}`;
    case "integration.renamed":
      return `renamed SMS integration${quoted(data, "previousName")} to${quoted(data, "name")}`;
    case "integration.settings_changed":
      return `set SMS integration${quoted(data, "name")} to reopen tickets within ${data.reopenWindowDays} days and allow ${data.maxMessageLength} characters a message`;
    case "integration.messaging_service_changed":
      return text(data, "serviceName")
        ? `set SMS integration${quoted(data, "name")} to send through the Messaging Service${quoted(data, "serviceName")}`
        : `set SMS integration${quoted(data, "name")} to send from its number, with no Messaging Service`;
    case "tag.renamed":
      return `renamed the tag${quoted(data, "previousName")} to${quoted(data, "name")}${ticketCount(data)}`;
    case "tag.merged":
      return `merged the tag${quoted(data, "name")} into${quoted(data, "into")}${ticketCount(data)}`;
    case "tag.deleted":
      return `deleted the tag${quoted(data, "name")}${ticketCount(data)}`;
    default:
      return type.replace(/[._]/g, " ");
  }
}

/** One line of the audit log: “Ada Admin released +1 415 555 0100”. */
export function describeAdminAction({ type, data, actorName }: { type: string; data: Data; actorName: string | null }): string {
  const actor = actorName ?? (data.via === "command line" ? "The server's command line" : "Someone no longer here");
  return `${actor} ${deed(type, data)}`;
}
