// Makes tests/contract/twilio_api_v2010.trimmed.json (or twilio_messaging_v1.trimmed.json)
// from Twilio's OpenAPI description (github.com/twilio/twilio-oai, spec/json/twilio_api_v2010.json
// and twilio_messaging_v1.json, MIT licence; see LICENSE-twilio-oai): only the operations the
// sandbox serves, the component schemas they reference, without examples and prose. Usage:
//   node tests/contract/trim-spec.mjs <twilio-oai checkout>/spec/json/twilio_api_v2010.json
//   node tests/contract/trim-spec.mjs <twilio-oai checkout>/spec/json/twilio_messaging_v1.json
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ACCOUNT = "/2010-04-01/Accounts/{AccountSid}";
const KEEP_2010 = [
  "/2010-04-01/Accounts/{Sid}.json",
  `${ACCOUNT}/AvailablePhoneNumbers.json`,
  `${ACCOUNT}/AvailablePhoneNumbers/{CountryCode}.json`,
  `${ACCOUNT}/AvailablePhoneNumbers/{CountryCode}/Local.json`,
  `${ACCOUNT}/AvailablePhoneNumbers/{CountryCode}/Mobile.json`,
  `${ACCOUNT}/AvailablePhoneNumbers/{CountryCode}/TollFree.json`,
  `${ACCOUNT}/IncomingPhoneNumbers.json`,
  `${ACCOUNT}/IncomingPhoneNumbers/{Sid}.json`,
  `${ACCOUNT}/IncomingPhoneNumbers/Local.json`,
  `${ACCOUNT}/IncomingPhoneNumbers/Mobile.json`,
  `${ACCOUNT}/IncomingPhoneNumbers/TollFree.json`,
  `${ACCOUNT}/Messages.json`,
  `${ACCOUNT}/Messages/{Sid}.json`,
  `${ACCOUNT}/Messages/{MessageSid}/Media.json`,
  `${ACCOUNT}/Messages/{MessageSid}/Media/{Sid}.json`,
];
// The Messaging API: what the readiness check and the Messaging Service choice read.
const KEEP_MESSAGING = [
  "/v1/Services",
  "/v1/Services/{Sid}",
  "/v1/Services/{ServiceSid}/PhoneNumbers",
  "/v1/Services/{MessagingServiceSid}/Compliance/Usa2p",
  "/v1/Tollfree/Verifications",
];

const source = process.argv[2];
if (!source) throw new Error("Give the path of twilio_api_v2010.json or twilio_messaging_v1.json");
const messaging = path.basename(source).startsWith("twilio_messaging_v1");
const KEEP = messaging ? KEEP_MESSAGING : KEEP_2010;
// The sandbox only reads the Messaging API.
const METHODS = new Set(messaging ? ["get"] : ["get", "post", "delete"]);
const spec = JSON.parse(fs.readFileSync(source, "utf8"));

function withoutExamples(value) {
  if (Array.isArray(value)) return value.map(withoutExamples);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        // A "description" with a string value is prose; one with an object value is a property.
        .filter(([key, inner]) => key !== "examples" && key !== "example" && !key.startsWith("x-") && !(key === "description" && typeof inner === "string"))
        .map(([key, inner]) => [key, withoutExamples(inner)]),
    );
  }
  return value;
}

const paths = {};
for (const name of KEEP) {
  const item = spec.paths[name];
  if (!item) throw new Error(`The spec has no path ${name}`);
  paths[name] = Object.fromEntries(Object.entries(item).filter(([key]) => METHODS.has(key) || key === "parameters"));
}

// Every component schema reachable from the kept operations, and nothing else.
const schemas = {};
const pending = [paths];
while (pending.length > 0) {
  const value = pending.pop();
  if (Array.isArray(value)) pending.push(...value);
  else if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      if (key === "$ref" && typeof inner === "string" && inner.startsWith("#/components/schemas/")) {
        const schemaName = inner.slice("#/components/schemas/".length);
        if (!schemas[schemaName]) {
          schemas[schemaName] = spec.components.schemas[schemaName];
          pending.push(schemas[schemaName]);
        }
      } else pending.push(inner);
    }
  }
}

const trimmed = withoutExamples({
  openapi: spec.openapi,
  info: { ...spec.info, description: `${spec.info.description ?? ""} Trimmed to the operations the built-in sandbox serves.`.trim() },
  servers: spec.servers,
  security: spec.security,
  components: { securitySchemes: spec.components.securitySchemes, ...(messaging ? { parameters: spec.components.parameters } : {}), schemas },
  paths,
});

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), messaging ? "twilio_messaging_v1.trimmed.json" : "twilio_api_v2010.trimmed.json");
fs.writeFileSync(out, `${JSON.stringify(trimmed, null, 1)}\n`);
console.log(`wrote ${out}: ${Object.keys(paths).length} paths, ${Object.keys(schemas).length} schemas`);
