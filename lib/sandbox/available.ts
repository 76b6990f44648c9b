import { isSupportedCountry } from "libphonenumber-js/max";
import { listOwnedSandboxPhoneNumbers } from "@/db/queries/sandbox-numbers";
import { countryName } from "@/lib/phone/normalize";
import type { SandboxContext } from "./context";
import { notFound } from "./errors";
import { TwilioParams, twilioJson } from "./http";
import { catalogueCountries, offeredTypes, searchNumberPool, type SearchType } from "./number-pool";
import { pageEnvelope, readPage } from "./pagination";
import { accountUri, serializeAvailableNumber } from "./serializers";
import { availableSearchSchema, parseTwilioParams } from "./validation";

const MAX_RESULTS = 100;
const SUBRESOURCE_KEYS: Record<SearchType, string> = { Local: "local", Mobile: "mobile", TollFree: "toll_free" };

function countryResource(accountSid: string, country: string) {
  const base = `${accountUri(accountSid)}/AvailablePhoneNumbers/${country}`;
  return {
    beta: false,
    country: countryName(country),
    country_code: country,
    subresource_uris: Object.fromEntries(offeredTypes(country).map((type) => [SUBRESOURCE_KEYS[type], `${base}/${type}.json`])),
    uri: `${base}.json`,
  };
}

export async function listAvailableCountries(context: SandboxContext): Promise<Response> {
  const { accountSid } = context.account;
  return twilioJson({
    countries: catalogueCountries().map((country) => countryResource(accountSid, country)),
    uri: `${accountUri(accountSid)}/AvailablePhoneNumbers.json`,
  });
}

function requireCountry(context: SandboxContext): string {
  const country = (context.path.CountryCode ?? "").toUpperCase();
  if (!isSupportedCountry(country)) throw notFound(context.resourcePath);
  return country;
}

export async function fetchAvailableCountry(context: SandboxContext): Promise<Response> {
  return twilioJson(countryResource(context.account.accountSid, requireCountry(context)));
}

/** AvailablePhoneNumbers/{Country}/{Local|Mobile|TollFree}: the same query always finds the same numbers. */
export async function searchAvailableNumbers(context: SandboxContext): Promise<Response> {
  const country = requireCountry(context);
  const type = context.path.NumberType as SearchType;
  const input = parseTwilioParams(availableSearchSchema, TwilioParams.fromSearch(context.search));
  const request = readPage(context.search);
  const owned = await listOwnedSandboxPhoneNumbers({ db: context.db });
  const numbers = searchNumberPool({
    country,
    type,
    areaCode: input.AreaCode,
    contains: input.Contains,
    smsEnabled: input.SmsEnabled,
    mmsEnabled: input.MmsEnabled,
    voiceEnabled: input.VoiceEnabled,
    limit: Math.min(request.pageSize, MAX_RESULTS),
    isTaken: (e164) => owned.has(e164),
  });
  const listUri = `${accountUri(context.account.accountSid)}/AvailablePhoneNumbers/${country}/${type}.json`;
  return twilioJson(
    pageEnvelope({
      key: "available_phone_numbers",
      listUri,
      search: context.search,
      request: { ...request, page: 0, offset: 0 },
      items: numbers.map(serializeAvailableNumber),
      hasMore: false,
    }),
  );
}
