import { deleteSandboxMessage, getSandboxMessage, listSandboxMessages, updateSandboxMessage, type MessageFilters, type SandboxMessage } from "@/db/queries/sandbox-messages";
import { normalizePhoneNumber } from "@/lib/phone/normalize";
import type { SandboxContext } from "./context";
import { notFound, SandboxError } from "./errors";
import { noContent, twilioJson } from "./http";
import { queueOutboundMessage } from "./outbound";
import { pageEnvelope, readPage } from "./pagination";
import { accountUri, serializeMessage } from "./serializers";
import { messageCreateSchema, messageUpdateSchema, parseTwilioParams } from "./validation";

export async function createMessage(context: SandboxContext): Promise<Response> {
  const input = parseTwilioParams(messageCreateSchema, context.form);
  const message = await queueOutboundMessage({
    db: context.db,
    request: {
      accountSid: context.account.accountSid,
      to: input.To,
      from: input.From || undefined,
      messagingServiceSid: input.MessagingServiceSid || undefined,
      body: input.Body ?? "",
      mediaUrls: context.form.getAll("MediaUrl").map((url) => url.trim()).filter(Boolean),
      statusCallback: input.StatusCallback,
      direction: "outbound-api",
    },
  });
  return twilioJson(serializeMessage(message), 201);
}

async function requireMessage(context: SandboxContext, sid = context.path.Sid): Promise<SandboxMessage> {
  const message = await getSandboxMessage({ db: context.db, accountSid: context.account.accountSid, sid: sid ?? "" });
  if (!message) throw notFound(context.resourcePath);
  return message;
}

export async function fetchMessage(context: SandboxContext): Promise<Response> {
  return twilioJson(serializeMessage(await requireMessage(context)));
}

function dateParam(search: URLSearchParams, name: string): Date | undefined {
  const value = search.get(name)?.trim();
  if (!value) return undefined;
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) throw new SandboxError(400, 20001, `Invalid ${name}: use YYYY-MM-DD or an ISO 8601 date and time`);
  return date;
}

function phoneParam(search: URLSearchParams, name: string): string | undefined {
  const value = search.get(name)?.trim();
  if (!value) return undefined;
  const normalized = normalizePhoneNumber(value);
  return normalized.ok ? normalized.e164 : value;
}

export async function listMessages(context: SandboxContext): Promise<Response> {
  const { search } = context;
  const request = readPage(search);
  const sentOn = dateParam(search, "DateSent");
  const filters: MessageFilters = {
    to: phoneParam(search, "To"),
    from: phoneParam(search, "From"),
    sentOn: sentOn && new Date(Date.UTC(sentOn.getUTCFullYear(), sentOn.getUTCMonth(), sentOn.getUTCDate())),
    sentBefore: dateParam(search, "DateSent<"),
    sentAfter: dateParam(search, "DateSent>"),
  };
  const { messages, hasMore } = await listSandboxMessages({
    db: context.db,
    accountSid: context.account.accountSid,
    filters,
    limit: request.pageSize,
    offset: request.offset,
  });
  const listUri = `${accountUri(context.account.accountSid)}/Messages.json`;
  return twilioJson(pageEnvelope({ key: "messages", listUri, search, request, items: messages.map(serializeMessage), hasMore }));
}

/** Twilio lets a message's body be redacted (set to ""), nothing else. */
export async function updateMessage(context: SandboxContext): Promise<Response> {
  const input = parseTwilioParams(messageUpdateSchema, context.form);
  const message = await requireMessage(context);
  if (input.Status !== undefined) throw new SandboxError(400, 20001, "Only scheduled messages can be canceled, and the sandbox schedules none.");
  if (input.Body === undefined) return twilioJson(serializeMessage(message));
  if (input.Body !== "") throw new SandboxError(400, 20001, "A message body can only be redacted (set to an empty string).");
  const updated = await updateSandboxMessage({ db: context.db, sid: message.sid, changes: { body: "" } });
  return twilioJson(serializeMessage(updated ?? message));
}

const IN_FLIGHT = new Set(["queued", "sending", "accepted", "receiving", "scheduled"]);

export async function deleteMessage(context: SandboxContext): Promise<Response> {
  const message = await requireMessage(context);
  if (IN_FLIGHT.has(message.status)) {
    throw new SandboxError(409, 20009, "Cannot delete message because delivery has not been completed.");
  }
  await deleteSandboxMessage({ db: context.db, accountSid: context.account.accountSid, sid: message.sid });
  return noContent();
}
