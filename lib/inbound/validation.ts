import { z } from "zod";
import { MAX_MEDIA_COUNT } from "@/lib/media/sniff";

const sid = (prefix: string) =>
  z
    .string()
    .trim()
    .regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `must be a Twilio ${prefix} id`);

// PostgreSQL text cannot hold NUL: a field that names something is refused with it, and
// a message body keeps its place with U+FFFD, as for any other unreadable byte.
const noNul = (text: string) => !text.includes("\u0000");
const optionalText = z.string().max(200).refine(noNul, "must not contain NUL").optional();
const phoneField = (name: string) => z.string().trim().min(1, `${name} is missing`).max(64).refine(noNul, `${name} must not contain NUL`);

/** Twilio's inbound message webhook, as far as the inbox uses it. */
export const inboundMessageSchema = z
  .object({
    MessageSid: z.union([sid("SM"), sid("MM")]),
    AccountSid: sid("AC"),
    From: phoneField("From"),
    To: phoneField("To"),
    Body: z
      .string()
      .max(1600 * 4)
      .default("")
      .transform((body) => body.replaceAll("\u0000", "\ufffd")),
    NumMedia: z.coerce.number().int().min(0).max(MAX_MEDIA_COUNT).default(0),
    FromCountry: optionalText,
    OptOutType: optionalText,
    MessagingServiceSid: optionalText,
  })
  .passthrough();

export interface InboundMedia {
  url: string;
  contentType: string;
}

export type InboundMessage = z.infer<typeof inboundMessageSchema> & { media: InboundMedia[] };

export type ParsedInbound = { ok: true; message: InboundMessage } | { ok: false; message: string };

/**
 * Parses the posted parameters. NumMedia must match the MediaUrl{N} given: a message
 * that claims more media than it carries is malformed, not partly stored.
 */
export function parseInboundMessage(params: Record<string, string>): ParsedInbound {
  const parsed = inboundMessageSchema.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `Invalid inbound message: ${issue?.path.join(".") || "body"} ${issue?.message ?? ""}`.trim() };
  }
  const media: InboundMedia[] = [];
  for (let n = 0; n < parsed.data.NumMedia; n++) {
    const url = params[`MediaUrl${n}`];
    if (!url || !/^https?:\/\//i.test(url)) {
      return { ok: false, message: `Invalid inbound message: NumMedia is ${parsed.data.NumMedia} but MediaUrl${n} is missing` };
    }
    media.push({ url, contentType: (params[`MediaContentType${n}`] ?? "application/octet-stream").toLowerCase() });
  }
  return { ok: true, message: { ...parsed.data, media } };
}

export const statusCallbackSchema = z
  .object({
    MessageSid: z.union([sid("SM"), sid("MM")]),
    MessageStatus: z.string().trim().min(1).max(32),
    ErrorCode: z.string().trim().max(16).optional(),
  })
  .passthrough();
