import { describe, expect, it } from "vitest";
import { checkSchema, findOperation, missingRequired, unknownParameters, type OpenApi } from "./openapi";
import spec from "./twilio_api_v2010.trimmed.json";

const api = spec as unknown as OpenApi;
const message = { $ref: "#/components/schemas/api.v2010.account.message" };

function validMessage(): Record<string, unknown> {
  return {
    account_sid: `AC${"a".repeat(32)}`,
    api_version: "2010-04-01",
    body: "hi",
    date_created: "Thu, 30 Jul 2015 20:12:31 +0000",
    date_sent: null,
    date_updated: "Thu, 30 Jul 2015 20:12:31 +0000",
    direction: "outbound-api",
    error_code: null,
    error_message: null,
    from: "+14155552345",
    messaging_service_sid: null,
    num_media: "0",
    num_segments: "1",
    price: null,
    price_unit: "USD",
    sid: `SM${"a".repeat(32)}`,
    status: "queued",
    subresource_uris: {},
    to: "+14155552345",
    uri: "/2010-04-01/Accounts/AC/Messages/SM.json",
  };
}

describe("the contract checker", () => {
  it("accepts a message shaped as Twilio's", () => {
    expect(checkSchema(api, validMessage(), message)).toEqual([]);
  });

  it("catches a wrong type, a bad date, an unknown status, a bad SID and a missing field", () => {
    const wrong = { ...validMessage(), num_media: 0, date_created: "2015-07-30T20:12:31Z", status: "lost", sid: "SM1" };
    delete (wrong as Record<string, unknown>).error_code;
    expect(checkSchema(api, wrong, message).sort()).toEqual([
      "$.date_created: \"2015-07-30T20:12:31Z\" is not date-time-rfc-2822",
      "$.error_code: missing",
      "$.num_media: integer, expected string",
      "$.sid: \"SM1\" does not match ^(SM|MM)[0-9a-fA-F]{32}$",
      "$.sid: shorter than 34",
      "$.status: \"lost\" is not one of queued, sending, sent, failed, delivered, undelivered, receiving, received, accepted, scheduled, read, partially_delivered, canceled",
    ]);
  });

  it("finds operations by method and path, and checks request parameter names", () => {
    const found = findOperation(api, "POST", `/2010-04-01/Accounts/AC${"a".repeat(32)}/Messages.json`);
    expect(found?.template).toBe("/2010-04-01/Accounts/{AccountSid}/Messages.json");
    expect(unknownParameters(api, found!.operation, [], ["To", "From", "Body", "MediaUrl", "Colour"])).toEqual(["form Colour"]);
    expect(missingRequired(api, found!.operation, ["From", "Body"])).toEqual(["To"]);
    expect(findOperation(api, "PATCH", "/2010-04-01/Accounts/AC/Messages.json")).toBeNull();
  });

  it("reads the Messaging API below /messaging, and checks its answers too", async () => {
    const { api: both } = await import("./exchanges");
    const found = findOperation(both, "GET", `/messaging/v1/Services/MG${"a".repeat(32)}/PhoneNumbers`);
    expect(found?.template).toBe("/messaging/v1/Services/{ServiceSid}/PhoneNumbers");
    expect(unknownParameters(both, found!.operation, ["PageSize", "Colour"], [])).toEqual(["query Colour"]);
    const service = { $ref: "#/components/schemas/messaging.v1.service" };
    expect(checkSchema(both, { sid: "MG1", sticky_sender: "yes" }, service)).toEqual(
      expect.arrayContaining(['$.sid: "MG1" does not match ^MG[0-9a-fA-F]{32}$', "$.sticky_sender: string, expected boolean", "$.us_app_to_person_registered: missing"]),
    );
  });
});
