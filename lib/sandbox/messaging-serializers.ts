import type { SandboxMessagingService } from "@/db/queries/sandbox-messaging";
import type { SandboxPhoneNumber } from "@/db/queries/sandbox-numbers";
import type { PageRequest } from "./pagination";

// The Messaging API (messaging.twilio.com/v1) writes dates in ISO 8601 and pages with a
// `meta` block of absolute URLs, unlike the 2010 API.
const HOST = "https://messaging.twilio.com";

function iso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function messagingMeta({ key, path, search, request, hasMore }: { key: string; path: string; search: URLSearchParams; request: PageRequest; hasMore: boolean }) {
  const pageUrl = (page: number) => {
    const query = new URLSearchParams([...search].filter(([name]) => !["Page", "PageSize", "PageToken"].includes(name)));
    query.set("PageSize", String(request.pageSize));
    query.set("Page", String(page));
    return `${HOST}${path}?${query.toString()}`;
  };
  return {
    first_page_url: pageUrl(0),
    key,
    next_page_url: hasMore ? pageUrl(request.page + 1) : null,
    page: request.page,
    page_size: request.pageSize,
    previous_page_url: request.page > 0 ? pageUrl(request.page - 1) : null,
    url: pageUrl(request.page),
  };
}

export function serializeService(service: SandboxMessagingService) {
  const url = `${HOST}/v1/Services/${service.sid}`;
  return {
    account_sid: service.accountSid,
    area_code_geomatch: true,
    date_created: iso(service.dateCreated),
    date_updated: iso(service.dateUpdated),
    fallback_method: "POST",
    fallback_to_long_code: true,
    fallback_url: null,
    friendly_name: service.friendlyName,
    inbound_method: "POST",
    inbound_request_url: null,
    links: {
      phone_numbers: `${url}/PhoneNumbers`,
      short_codes: `${url}/ShortCodes`,
      alpha_senders: `${url}/AlphaSenders`,
      us_app_to_person: `${url}/Compliance/Usa2p`,
      us_app_to_person_usecases: `${url}/Compliance/Usa2p/Usecases`,
    },
    mms_converter: true,
    scan_message_content: "inherit",
    sid: service.sid,
    smart_encoding: true,
    status_callback: null,
    sticky_sender: true,
    synchronous_validation: false,
    url,
    us_app_to_person_registered: service.campaignStatus === "VERIFIED",
    use_inbound_webhook_on_number: true,
    usecase: "customer_care",
    validity_period: 14400,
  };
}

export function serializeServiceNumber(number: SandboxPhoneNumber, serviceSid: string) {
  const capabilities = [number.sms && "SMS", number.mms && "MMS", number.voice && "Voice"].filter((item): item is string => !!item);
  return {
    account_sid: number.accountSid,
    capabilities,
    country_code: number.isoCountry,
    date_created: iso(number.dateCreated),
    date_updated: iso(number.dateUpdated),
    phone_number: number.phoneNumber,
    service_sid: serviceSid,
    sid: number.sid,
    url: `${HOST}/v1/Services/${serviceSid}/PhoneNumbers/${number.sid}`,
  };
}

export function serializeCampaign(service: SandboxMessagingService & { campaignSid: string }) {
  return {
    account_sid: service.accountSid,
    age_gated: false,
    brand_registration_sid: `BN${service.campaignSid.slice(2)}`,
    campaign_id: `C${service.campaignSid.slice(2, 8).toUpperCase()}`,
    campaign_status: service.campaignStatus,
    date_created: iso(service.dateCreated),
    date_updated: iso(service.dateUpdated),
    description: "Customer support: answers to customers who text the shop.",
    direct_lending: false,
    errors: service.campaignStatus === "FAILED" ? [{ code: 30896, description: "The campaign was rejected by the carriers' review." }] : [],
    has_embedded_links: false,
    has_embedded_phone: false,
    help_keywords: ["HELP", "INFO"],
    help_message: "Reply STOP to unsubscribe.",
    is_externally_registered: false,
    message_flow: "Customers text the shop's number first; the shop answers.",
    message_samples: ["Hi, thanks for writing. Your order shipped today.", "We have your return; the refund is on its way."],
    mock: false,
    opt_in_keywords: ["START"],
    opt_in_message: "You are subscribed again. Reply STOP to unsubscribe.",
    opt_out_keywords: ["STOP"],
    opt_out_message: "You are unsubscribed and will receive no more messages.",
    rate_limits: null,
    sid: service.campaignSid,
    subscriber_opt_in: true,
    url: `${HOST}/v1/Services/${service.sid}/Compliance/Usa2p/${service.campaignSid}`,
    us_app_to_person_usecase: "CUSTOMER_CARE",
    messaging_service_sid: service.sid,
  };
}

export function serializeTollfreeVerification(number: SandboxPhoneNumber & { tollfreeVerificationSid: string }) {
  const rejected = number.tollfreeVerificationStatus === "TWILIO_REJECTED";
  return {
    account_sid: number.accountSid,
    additional_information: null,
    age_gated_content: false,
    business_city: null,
    business_contact_email: null,
    business_contact_first_name: null,
    business_contact_last_name: null,
    business_contact_phone: null,
    business_country: "US",
    business_name: "Sandbox shop",
    business_postal_code: null,
    business_registration_authority: null,
    business_registration_country: null,
    business_registration_number: null,
    business_registration_phone_number: null,
    business_state_province_region: null,
    business_street_address: null,
    business_street_address2: null,
    business_type: null,
    business_website: "https://shop.example.com",
    customer_profile_sid: null,
    date_created: iso(number.dateCreated),
    date_updated: iso(number.dateUpdated),
    doing_business_as: null,
    edit_allowed: rejected,
    edit_expiration: null,
    error_code: rejected ? 30513 : null,
    external_reference_id: null,
    help_message_sample: null,
    message_volume: "1,000",
    notification_email: "support@shop.example.com",
    opt_in_confirmation_message: null,
    opt_in_image_urls: [],
    opt_in_keywords: null,
    opt_in_type: "VIA_TEXT",
    privacy_policy_url: null,
    production_message_sample: "Hi, thanks for writing. Your order shipped today.",
    regulated_item_sid: null,
    rejection_reason: rejected ? "The use case could not be verified." : null,
    rejection_reasons: rejected ? [{ code: 30513, reason: "The use case could not be verified." }] : null,
    resource_links: null,
    sid: number.tollfreeVerificationSid,
    status: number.tollfreeVerificationStatus,
    terms_and_conditions_url: null,
    tollfree_phone_number: number.phoneNumber,
    tollfree_phone_number_sid: number.sid,
    trust_product_sid: null,
    url: `${HOST}/v1/Tollfree/Verifications/${number.tollfreeVerificationSid}`,
    use_case_categories: ["CUSTOMER_CARE"],
    use_case_summary: "Customer support: answers to customers who text the shop.",
    vetting_id: null,
    vetting_id_expiration: null,
    vetting_provider: null,
  };
}
