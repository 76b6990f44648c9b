import { fetchAccount } from "./account";
import { fetchAvailableCountry, listAvailableCountries, searchAvailableNumbers } from "./available";
import type { SandboxEndpoint } from "./context";
import { deleteMedia, fetchMedia, listMedia, redirectToMediaContent } from "./media";
import { fetchService, listServiceCampaigns, listServicePhoneNumbers, listServices, listTollfreeVerifications } from "./messaging";
import { createMessage, deleteMessage, fetchMessage, listMessages, updateMessage } from "./messages";
import { buyIncomingNumber, fetchIncomingNumber, listIncomingNumbers, releaseIncomingNumber, updateIncomingNumber } from "./numbers";

type Method = "GET" | "POST" | "DELETE";
export interface Route {
  pattern: RegExp;
  methods: Partial<Record<Method, SandboxEndpoint>>;
}

/** "/Accounts/{AccountSid}/Things/{Type:A|B}.json" → a RegExp with named groups. */
function compile(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const named = /^\{(\w+)(?::([^}]+))?\}$/.exec(part);
      if (!named) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      return `(?<${named[1]}>${named[2] ?? "[^/]+"})`;
    })
    .join("");
  return new RegExp(`^${source}$`);
}

const ACCOUNT = "/2010-04-01/Accounts/{AccountSid}";
// messaging.twilio.com/v1/… is served below /messaging (lib/twilio/client.ts rewrites it so).
const MESSAGING = "/messaging/v1";
const TYPES = "Local|Mobile|TollFree";

// Order matters: a fixed segment (Local.json) must be tried before a {Sid}.json.
const TABLE: ReadonlyArray<[string, Route["methods"]]> = [
  [`${ACCOUNT}.json`, { GET: fetchAccount }],
  [`${ACCOUNT}/IncomingPhoneNumbers.json`, { GET: listIncomingNumbers, POST: buyIncomingNumber }],
  [`${ACCOUNT}/IncomingPhoneNumbers/{NumberType:${TYPES}}.json`, { GET: listIncomingNumbers, POST: buyIncomingNumber }],
  [`${ACCOUNT}/IncomingPhoneNumbers/{Sid}.json`, { GET: fetchIncomingNumber, POST: updateIncomingNumber, DELETE: releaseIncomingNumber }],
  [`${ACCOUNT}/Messages.json`, { GET: listMessages, POST: createMessage }],
  [`${ACCOUNT}/Messages/{Sid}.json`, { GET: fetchMessage, POST: updateMessage, DELETE: deleteMessage }],
  [`${ACCOUNT}/Messages/{MessageSid}/Media.json`, { GET: listMedia }],
  [`${ACCOUNT}/Messages/{MessageSid}/Media/{Sid}.json`, { GET: fetchMedia, DELETE: deleteMedia }],
  [`${ACCOUNT}/Messages/{MessageSid}/Media/{Sid:ME[0-9a-fA-F]+}`, { GET: redirectToMediaContent }],
  [`${ACCOUNT}/AvailablePhoneNumbers.json`, { GET: listAvailableCountries }],
  [`${ACCOUNT}/AvailablePhoneNumbers/{CountryCode}.json`, { GET: fetchAvailableCountry }],
  [`${ACCOUNT}/AvailablePhoneNumbers/{CountryCode}/{NumberType:${TYPES}}.json`, { GET: searchAvailableNumbers }],
  [`${MESSAGING}/Services`, { GET: listServices }],
  [`${MESSAGING}/Services/{Sid:MG[0-9a-fA-F]+}`, { GET: fetchService }],
  [`${MESSAGING}/Services/{ServiceSid}/PhoneNumbers`, { GET: listServicePhoneNumbers }],
  [`${MESSAGING}/Services/{MessagingServiceSid}/Compliance/Usa2p`, { GET: listServiceCampaigns }],
  [`${MESSAGING}/Tollfree/Verifications`, { GET: listTollfreeVerifications }],
];

export const ROUTES: readonly Route[] = TABLE.map(([template, methods]) => ({ pattern: compile(template), methods }));

export function matchRoute(path: string): { route: Route; params: Record<string, string> } | null {
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (match) return { route, params: { ...match.groups } };
  }
  return null;
}
