import type { SandboxMediaInfo } from "@/db/queries/sandbox-media";
import type { SandboxMessage } from "@/db/queries/sandbox-messages";
import { internalBaseUrl } from "@/lib/config/env";
import { countryOfNumber } from "@/lib/phone/normalize";
import { placeOfNumber } from "./geography";
import { optOutTypeFor } from "./keywords";
import { SANDBOX_PREFIX } from "./paths";
import { API_VERSION, mediaContentUri } from "./serializers";

function where(prefix: "From" | "To", e164: string): Record<string, string> {
  const place = placeOfNumber(e164);
  return {
    [`${prefix}City`]: place?.locality.toUpperCase() ?? "",
    [`${prefix}Country`]: countryOfNumber(e164) ?? "",
    [`${prefix}State`]: place?.region ?? "",
    [`${prefix}Zip`]: place?.postalCode ?? "",
  };
}

/**
 * A short code or sender ID has no place of its own: it is national, so Twilio reports
 * the country of the network it came through (the business number's), and nothing finer.
 */
function whereFrom(from: string, to: string): Record<string, string> {
  if (countryOfNumber(from)) return where("From", from);
  return { FromCity: "", FromCountry: countryOfNumber(to) ?? "", FromState: "", FromZip: "" };
}

/** The form Twilio posts to a number's SmsUrl for an inbound message. */
export function inboundWebhookParams(message: SandboxMessage, media: SandboxMediaInfo[]): Record<string, string> {
  const params: Record<string, string> = {
    ...where("To", message.to),
    ...whereFrom(message.from, message.to),
    SmsMessageSid: message.sid,
    NumMedia: String(media.length),
    SmsSid: message.sid,
    SmsStatus: "received",
    Body: message.body,
    To: message.to,
    NumSegments: String(message.numSegments),
    MessageSid: message.sid,
    AccountSid: message.accountSid,
    From: message.from,
    ApiVersion: API_VERSION,
  };
  if (message.messagingServiceSid) params.MessagingServiceSid = message.messagingServiceSid;
  media.forEach((item, index) => {
    params[`MediaContentType${index}`] = item.contentType;
    params[`MediaUrl${index}`] = `${internalBaseUrl()}${SANDBOX_PREFIX}${mediaContentUri(item)}`;
  });
  const optOutType = optOutTypeFor(message.body);
  if (optOutType) params.OptOutType = optOutType;
  return params;
}
