import type { SandboxMediaInfo } from "@/db/queries/sandbox-media";
import type { SandboxMessage } from "@/db/queries/sandbox-messages";
import type { SandboxPhoneNumber } from "@/db/queries/sandbox-numbers";
import { placeOfNumber } from "./geography";
import { rfc2822 } from "./http";
import { friendlyNameFor, type PoolNumber } from "./number-pool";

export const API_VERSION = "2010-04-01";

export function accountUri(accountSid: string): string {
  return `/${API_VERSION}/Accounts/${accountSid}`;
}

export function serializeAccount(account: { accountSid: string; authToken: string }, created: Date) {
  const uri = accountUri(account.accountSid);
  return {
    auth_token: account.authToken,
    date_created: rfc2822(created),
    date_updated: rfc2822(created),
    friendly_name: "Sandbox account",
    owner_account_sid: account.accountSid,
    sid: account.accountSid,
    status: "active",
    subresource_uris: {
      available_phone_numbers: `${uri}/AvailablePhoneNumbers.json`,
      incoming_phone_numbers: `${uri}/IncomingPhoneNumbers.json`,
      messages: `${uri}/Messages.json`,
    },
    type: "Full",
    uri: `${uri}.json`,
  };
}

/** An IncomingPhoneNumber with every field Twilio sends, voice fields included. */
export function serializeIncomingNumber(number: SandboxPhoneNumber) {
  return {
    account_sid: number.accountSid,
    address_requirements: "none",
    address_sid: null,
    api_version: API_VERSION,
    beta: false,
    bundle_sid: null,
    capabilities: { fax: false, mms: number.mms, sms: number.sms, voice: number.voice },
    date_created: rfc2822(number.dateCreated),
    date_updated: rfc2822(number.dateUpdated),
    emergency_address_sid: null,
    emergency_address_status: "unregistered",
    emergency_status: "Inactive",
    friendly_name: number.friendlyName,
    identity_sid: null,
    origin: "twilio",
    phone_number: number.phoneNumber,
    sid: number.sid,
    sms_application_sid: null,
    sms_fallback_method: number.smsFallbackMethod,
    sms_fallback_url: number.smsFallbackUrl,
    sms_method: number.smsMethod,
    sms_url: number.smsUrl,
    status: "in-use",
    status_callback: number.statusCallback,
    status_callback_method: number.statusCallbackMethod,
    subresource_uris: {
      assigned_add_ons: `${accountUri(number.accountSid)}/IncomingPhoneNumbers/${number.sid}/AssignedAddOns.json`,
    },
    trunk_sid: null,
    type: number.numberType,
    uri: `${accountUri(number.accountSid)}/IncomingPhoneNumbers/${number.sid}.json`,
    voice_application_sid: null,
    voice_caller_id_lookup: false,
    voice_fallback_method: "POST",
    voice_fallback_url: "",
    voice_method: "POST",
    voice_receive_mode: "voice",
    voice_url: "",
  };
}

export function serializeAvailableNumber(number: PoolNumber) {
  const place = number.type === "local" ? placeOfNumber(number.e164) : null;
  return {
    address_requirements: "none",
    beta: false,
    capabilities: { fax: false, mms: number.capabilities.mms, sms: number.capabilities.sms, voice: number.capabilities.voice },
    friendly_name: friendlyNameFor(number.e164),
    iso_country: number.country,
    lata: place?.lata ?? null,
    latitude: place?.latitude ?? null,
    locality: place?.locality ?? null,
    longitude: place?.longitude ?? null,
    phone_number: number.e164,
    postal_code: place?.postalCode || null,
    rate_center: place?.rateCenter ?? null,
    region: place?.region || null,
  };
}

export function serializeMessage(message: SandboxMessage) {
  const uri = `${accountUri(message.accountSid)}/Messages/${message.sid}`;
  return {
    account_sid: message.accountSid,
    api_version: API_VERSION,
    body: message.body,
    date_created: rfc2822(message.dateCreated),
    date_sent: rfc2822(message.dateSent),
    date_updated: rfc2822(message.dateUpdated),
    direction: message.direction,
    error_code: message.errorCode,
    error_message: message.errorMessage,
    from: message.from,
    messaging_service_sid: message.messagingServiceSid,
    num_media: String(message.numMedia),
    num_segments: String(message.numSegments),
    price: null,
    price_unit: "USD",
    sid: message.sid,
    status: message.status,
    subresource_uris: { feedback: `${uri}/Feedback.json`, media: `${uri}/Media.json` },
    to: message.to,
    uri: `${uri}.json`,
  };
}

/** Where a media item's bytes are: the URL without `.json`, which redirects to the content. */
export function mediaContentUri(media: Pick<SandboxMediaInfo, "accountSid" | "messageSid" | "sid">): string {
  return `${accountUri(media.accountSid)}/Messages/${media.messageSid}/Media/${media.sid}`;
}

export function serializeMedia(media: SandboxMediaInfo) {
  return {
    account_sid: media.accountSid,
    content_type: media.contentType,
    date_created: rfc2822(media.dateCreated),
    date_updated: rfc2822(media.dateUpdated),
    parent_sid: media.messageSid,
    sid: media.sid,
    uri: `${mediaContentUri(media)}.json`,
  };
}
