import { describe, expect, it } from "vitest";
import { nextMessageStatus } from "./status";

describe("nextMessageStatus", () => {
  it("moves forward through Twilio's lifecycle", () => {
    expect(nextMessageStatus("pending", "queued")).toBe("queued");
    expect(nextMessageStatus("queued", "sent")).toBe("sent");
    expect(nextMessageStatus("sent", "delivered")).toBe("delivered");
    expect(nextMessageStatus("sent", "undelivered")).toBe("undelivered");
    expect(nextMessageStatus("queued", "failed")).toBe("failed");
  });

  it("never moves backwards: a late 'sent' after 'delivered' changes nothing", () => {
    expect(nextMessageStatus("delivered", "sent")).toBeNull();
    expect(nextMessageStatus("sent", "queued")).toBeNull();
    expect(nextMessageStatus("delivered", "failed")).toBeNull();
    expect(nextMessageStatus("failed", "delivered")).toBeNull();
    expect(nextMessageStatus("sent", "sent")).toBeNull();
  });

  it("ignores read receipts and statuses that are not delivery states", () => {
    expect(nextMessageStatus("delivered", "read")).toBeNull();
    expect(nextMessageStatus("sent", "read")).toBeNull();
    expect(nextMessageStatus("queued", "accepted")).toBeNull();
    expect(nextMessageStatus("received", "delivered")).toBeNull();
  });

  it("lets a callback settle a message whose send timed out", () => {
    expect(nextMessageStatus("unknown", "delivered")).toBe("delivered");
  });
});
