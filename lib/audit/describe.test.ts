import { describe, expect, it } from "vitest";
import { describeAdminAction } from "./describe";

const say = (type: string, data: Record<string, unknown>, actorName: string | null = "Ada Admin") => describeAdminAction({ type, data, actorName });

describe("describeAdminAction", () => {
  it("says who did what to which user", () => {
    expect(say("user.added", { name: "Sam Lee", email: "sam@example.com", role: "agent" })).toBe("Ada Admin added agent Sam Lee (sam@example.com)");
    expect(say("user.added", { name: "Bo", email: "bo@example.com", role: "admin" })).toBe("Ada Admin added admin Bo (bo@example.com)");
    expect(say("user.role_changed", { name: "Sam Lee", email: "sam@example.com", role: "admin" })).toBe("Ada Admin made Sam Lee (sam@example.com) an admin");
    expect(say("user.deactivated", { name: "Sam Lee", email: "sam@example.com" })).toBe("Ada Admin deactivated Sam Lee (sam@example.com)");
    expect(say("user.reactivated", { name: "Sam Lee" })).toBe("Ada Admin reactivated Sam Lee");
    expect(say("user.password_reset_link_made", { name: "Sam Lee", email: "sam@example.com" })).toBe("Ada Admin made a password reset link for Sam Lee (sam@example.com)");
    expect(say("user.password_reset_link_made", { name: "Ada", via: "command line" }, null)).toBe("The server's command line made a password reset link for Ada");
  });

  it("writes phone numbers the way people read them", () => {
    expect(say("phone_number.released", { e164: "+14155550100" })).toBe("Ada Admin released +1 415 555 0100");
    expect(say("phone_number.bought", { e164: "+14155550100" })).toBe("Ada Admin bought +1 415 555 0100");
    expect(say("phone_number.imported", { e164s: ["+14155550100", "+14155550101"] })).toBe("Ada Admin imported +1 415 555 0100, +1 415 555 0101 from Twilio");
    expect(say("port_request.rejected", { e164: "+14155550100", reason: "Wrong PIN" })).toBe("Ada Admin marked the port of +1 415 555 0100 as rejected: Wrong PIN");
    expect(say("port_request.submitted", { e164: "+14155550100" })).toBe("Ada Admin asked to port +1 415 555 0100 in");
  });

  it("names rules, saved replies, countries and SMS integrations", () => {
    expect(say("rule.deleted", { name: "After hours" })).toBe("Ada Admin deleted rule “After hours”");
    expect(say("rule.moved", { name: "After hours", direction: "up" })).toBe("Ada Admin moved rule “After hours” up");
    expect(say("saved_reply.created", { title: "Thanks" })).toBe("Ada Admin created saved reply “Thanks”");
    expect(say("business_hours.updated", { timeZone: "Europe/London" })).toBe("Ada Admin changed the business hours (Europe/London)");
    expect(say("country.allowed", { country: "MX" })).toBe("Ada Admin allowed messages from Mexico");
    expect(say("country.removed", { country: "MX" })).toBe("Ada Admin removed Mexico from the allowed countries");
    expect(say("integration.deactivated", { integrationName: "US Support", reason: "Policy review" })).toBe("Ada Admin deactivated SMS integration “US Support”: Policy review");
    expect(say("integration.created", { name: "US Support", phoneE164: "+14155550100" })).toBe("Ada Admin added SMS integration “US Support” on +1 415 555 0100");
  });

  it("says only what it knows", () => {
    expect(say("rule.deleted", {}, null)).toBe("Someone no longer here deleted rule");
    expect(say("phone_number.released", {})).toBe("Ada Admin released a number");
    expect(say("webhook.rotated", {})).toBe("Ada Admin webhook rotated");
  });
});
