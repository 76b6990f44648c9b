import { describe, expect, it } from "vitest";
import { describeTicketEvent, isQuietEvent, TICKET_EVENTS } from "./events";

describe("describeTicketEvent", () => {
  it("puts each timeline event into words", () => {
    expect(describeTicketEvent({ type: TICKET_EVENTS.optedOut, data: { keyword: "stop" }, actorName: null })).toBe("Customer unsubscribed by replying STOP");
    expect(describeTicketEvent({ type: TICKET_EVENTS.ruleRun, data: { ruleName: "After hours", summary: "sent an auto-reply." }, actorName: null })).toBe("Rule “After hours”: sent an auto-reply.");
    expect(describeTicketEvent({ type: TICKET_EVENTS.assigned, data: { assigneeId: "u2", assigneeName: "Sam" }, actorName: "Ada" })).toBe("Ada assigned to Sam");
    expect(describeTicketEvent({ type: TICKET_EVENTS.assigned, data: { assigneeId: "u1", assigneeName: "Ada" }, actorName: "Ada" })).toBe("Ada took this ticket");
    expect(describeTicketEvent({ type: TICKET_EVENTS.reopened, data: { by: "customer" }, actorName: null })).toBe("Reopened by a new message from the customer");
    expect(describeTicketEvent({ type: TICKET_EVENTS.policyOverride, data: { label: "Gambling" }, actorName: "Sam" })).toBe(
      "Sam sent a message despite a messaging policy warning (Gambling)",
    );
  });

  it("names the SMS integration that was deactivated or reactivated, and says only what it knows", () => {
    const named = { integrationName: "Support", reason: "Messaging policy violation" };
    expect(describeTicketEvent({ type: TICKET_EVENTS.integrationDeactivated, data: named, actorName: "Ada" })).toBe("SMS integration “Support” deactivated: Messaging policy violation");
    expect(describeTicketEvent({ type: TICKET_EVENTS.integrationReactivated, data: { integrationName: "Support" }, actorName: "Ada" })).toBe(
      "SMS integration “Support” reactivated; replies go out again",
    );
    expect(describeTicketEvent({ type: TICKET_EVENTS.integrationDeactivated, data: { reason: "Paused" }, actorName: null })).toBe("SMS integration deactivated: Paused");
    expect(describeTicketEvent({ type: TICKET_EVENTS.integrationReactivated, data: {}, actorName: null })).toBe("SMS integration reactivated; replies go out again");
  });

  it("falls back to a summary, or the type, for events it does not know", () => {
    expect(describeTicketEvent({ type: "tag.added", data: { summary: "Tagged VIP" }, actorName: null })).toBe("Tagged VIP");
    expect(describeTicketEvent({ type: "tag.added", data: {}, actorName: null })).toBe("tag added");
  });

  it("marks rule runs that did nothing, matched or not, as quiet, and nothing else", () => {
    expect(isQuietEvent({ type: TICKET_EVENTS.ruleRun, data: { matched: false, summary: "did nothing: the text did not match." } })).toBe(true);
    expect(isQuietEvent({ type: TICKET_EVENTS.ruleRun, data: { matched: true, summary: "sent an auto-reply." } })).toBe(false);
    expect(isQuietEvent({ type: TICKET_EVENTS.ruleRun, data: { matched: true, done: ["sent an auto-reply"], skipped: [] } })).toBe(false);
    expect(isQuietEvent({ type: TICKET_EVENTS.ruleRun, data: { matched: true, done: [], skipped: ["no auto-reply: sent one an hour ago"] } })).toBe(true);
    expect(isQuietEvent({ type: TICKET_EVENTS.closed, data: {} })).toBe(false);
  });
});
