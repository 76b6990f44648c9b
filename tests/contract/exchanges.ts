// Checks HTTP exchanges with Twilio's REST API (the sandbox's, or a stand-in's) against
// Twilio's OpenAPI description, so every request the app sends is held to the spec.
import type { Exchange } from "../support/app-server";
import { checkSchema, findOperation, missingRequired, unknownParameters, type OpenApi } from "./openapi";
import spec from "./twilio_api_v2010.trimmed.json";
import messagingSpec from "./twilio_messaging_v1.trimmed.json";

const v2010 = spec as unknown as OpenApi;
const messagingV1 = messagingSpec as unknown as OpenApi;
const schemaClash = Object.keys(messagingV1.components.schemas).filter((name) => name in v2010.components.schemas);
if (schemaClash.length > 0) throw new Error(`Both descriptions name the schemas ${schemaClash.join(", ")}`);

/**
 * The 2010 API and the Messaging API as one description. The Messaging API's paths carry the
 * /messaging prefix its host (messaging.twilio.com) is rewritten to, in the sandbox and in
 * TWILIO_API_BASE_URL alike (lib/twilio/client.ts).
 */
export const api: OpenApi = {
  paths: { ...v2010.paths, ...Object.fromEntries(Object.entries(messagingV1.paths).map(([template, item]) => [`/messaging${template}`, item])) },
  components: { schemas: { ...v2010.components.schemas, ...messagingV1.components.schemas } },
};
export const SANDBOX_API = "/sandbox/twilio";
// Media content: Twilio answers its URL (no .json) with a redirect to the file, which the
// description leaves out; the file itself is not part of the REST API.
const MEDIA_CONTENT = /^\/2010-04-01\/Accounts\/[^/]+\/Messages\/[^/]+\/Media\/ME[0-9a-fA-F]+$/;
const CONTENT = "/content/";

export type Request = Pick<Exchange, "method" | "path" | "search" | "body">;

function isTwilioErrorBody(body: string, status: number): boolean {
  let error: Record<string, unknown>;
  try {
    error = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return false;
  }
  return (
    typeof error.code === "number" &&
    typeof error.message === "string" &&
    error.more_info === `https://www.twilio.com/docs/errors/${error.code}` &&
    error.status === status
  );
}

/** Parameter names and required fields of one request that the spec disagrees with. `path` starts at /2010-04-01 (or /messaging/v1). */
export function requestProblems(call: Request): string[] {
  const found = findOperation(api, call.method, call.path);
  if (!found) return [`${call.method} ${call.path}: not in Twilio's API description`];
  const label = `${call.method} ${found.template}`;
  const form = call.method === "POST" ? [...new Set(new URLSearchParams(call.body).keys())] : [];
  return [
    ...unknownParameters(api, found.operation, [...new Set(call.search.keys())], form).map((p) => `${label}: unknown ${p}`),
    ...missingRequired(api, found.operation, form).map((name) => `${label}: required ${name} missing`),
  ];
}

/** Everything about one request and its answer that the spec disagrees with. `path` starts at /2010-04-01 (or /messaging/v1). */
export function problemsWith(call: Exchange): string[] {
  if (call.method === "GET" && MEDIA_CONTENT.test(call.path)) {
    if (call.status === 302) return [];
    return call.status >= 400 && isTwilioErrorBody(call.responseBody, call.status) ? [] : [`GET ${call.path} → ${call.status}: not a redirect to the media`];
  }
  // In live mode there is no sandbox: the app's own plain 404, not an answer from the API.
  if (call.status === 404 && !call.responseType?.includes("json")) return [];
  const found = findOperation(api, call.method, call.path);
  if (!found) return [`${call.method} ${call.path}: not in Twilio's API description`];
  const label = `${call.method} ${found.template} → ${call.status}`;
  const requestIssues = requestProblems(call).map((problem) => `${problem} (answered ${call.status})`);
  if (call.status >= 400) {
    // A refused request may leave out what is required (that is what the error says), but it names only real parameters.
    const named = requestIssues.filter((problem) => !problem.includes(": required "));
    return isTwilioErrorBody(call.responseBody, call.status) ? named : [...named, `${label}: not Twilio's error body: ${call.responseBody}`];
  }
  const problems = requestIssues;
  const response = found.operation.responses[String(call.status)];
  if (!response) return [...problems, `${label}: the spec has no ${call.status} answer for this operation`];
  const schema = response.content?.["application/json"]?.schema;
  if (!schema) return call.responseBody === "" ? problems : [...problems, `${label}: expected no body`];
  if (!call.responseType?.startsWith("application/json")) problems.push(`${label}: answered ${call.responseType}`);
  return [...problems, ...checkSchema(api, JSON.parse(call.responseBody), schema).map((error) => `${label} ${error}`)];
}

/** The sandbox's REST exchanges among `exchanges`, as the API sees them (path from /2010-04-01). */
export function sandboxApiCalls(exchanges: readonly Exchange[]): Exchange[] {
  return exchanges
    .filter((exchange) => exchange.path.startsWith(`${SANDBOX_API}/`) && !exchange.path.startsWith(`${SANDBOX_API}${CONTENT}`))
    .map((exchange) => ({ ...exchange, path: exchange.path.slice(SANDBOX_API.length) }));
}

/** What the spec disagrees with in every sandbox REST exchange among `exchanges`. */
export function sandboxContractProblems(exchanges: readonly Exchange[]): string[] {
  return sandboxApiCalls(exchanges).flatMap(problemsWith);
}

/**
 * For a suite's afterAll: fails when any exchange the app (or the sandbox) had with the
 * sandbox's Twilio API breaks the spec, or when there was none to check.
 */
export function expectSandboxCallsFollowSpec(server: { twilioExchanges: readonly Exchange[] }): void {
  const calls = sandboxApiCalls(server.twilioExchanges);
  if (calls.length === 0) throw new Error("No request reached the sandbox's Twilio API, so none was checked against the spec.");
  const problems = calls.flatMap(problemsWith);
  if (problems.length > 0) throw new Error(`Exchanges with the sandbox that break Twilio's API description:\n${[...new Set(problems)].join("\n")}`);
}

/** The same for requests sent to a stand-in for api.twilio.com: only the requests are Twilio's to judge. */
export function expectRequestsFollowSpec(requests: readonly Request[]): void {
  if (requests.length === 0) throw new Error("No request reached Twilio, so none was checked against the spec.");
  const problems = requests.flatMap(requestProblems);
  if (problems.length > 0) throw new Error(`Requests to Twilio that break its API description:\n${[...new Set(problems)].join("\n")}`);
}
