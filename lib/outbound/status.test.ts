import { describe, expect, it } from "vitest";
import type { MessageStatus } from "@/db/schema";
import { canRetry, deliveryState, fromTwilioStatus, nextMessageStatus } from "./status";

describe("nextMessageStatus", () => {
  it("moves forward along queued < sending < sent < delivered", () => {
    expect(nextMessageStatus("pending", "queued")).toBe("queued");
    expect(nextMessageStatus("queued", "sending")).toBe("sending");
    expect(nextMessageStatus("sending", "sent")).toBe("sent");
    expect(nextMessageStatus("sent", "delivered")).toBe("delivered");
    expect(nextMessageStatus("queued", "delivered")).toBe("delivered");
  });

  it("never moves backwards: a late sent after delivered changes nothing", () => {
    expect(nextMessageStatus("delivered", "sent")).toBeNull();
    expect(nextMessageStatus("sent", "queued")).toBeNull();
    expect(nextMessageStatus("sent", "sending")).toBeNull();
    expect(nextMessageStatus("sent", "sent")).toBeNull();
  });

  it("treats undelivered and failed as final, and reachable from any step", () => {
    expect(nextMessageStatus("queued", "failed")).toBe("failed");
    expect(nextMessageStatus("sent", "undelivered")).toBe("undelivered");
    expect(nextMessageStatus("undelivered", "delivered")).toBeNull();
    expect(nextMessageStatus("failed", "sent")).toBeNull();
    expect(nextMessageStatus("delivered", "failed")).toBeNull();
    expect(nextMessageStatus("delivered", "undelivered")).toBeNull();
  });

  it("ignores read receipts and statuses that are not about sending", () => {
    expect(nextMessageStatus("delivered", "read")).toBeNull();
    expect(nextMessageStatus("sent", "read")).toBeNull();
    expect(nextMessageStatus("sent", "receiving")).toBeNull();
    expect(nextMessageStatus("sent", "")).toBeNull();
    expect(nextMessageStatus("received", "delivered")).toBeNull();
  });

  it("lets Twilio settle a message the app could not confirm", () => {
    expect(nextMessageStatus("unknown", "sent")).toBe("sent");
    expect(nextMessageStatus("unknown", "delivered")).toBe("delivered");
  });

  it("reads Twilio's spellings", () => {
    expect(fromTwilioStatus("Delivered")).toBe("delivered");
    expect(fromTwilioStatus("accepted")).toBe("queued");
    expect(fromTwilioStatus("canceled")).toBe("failed");
    expect(fromTwilioStatus("read")).toBeNull();
  });

  it("holds for every pair: never leaves a final status, never goes down the ladder", () => {
    const all: MessageStatus[] = ["received", "pending", "queued", "sending", "sent", "delivered", "undelivered", "failed", "unknown"];
    const twilio = ["accepted", "queued", "sending", "sent", "delivered", "undelivered", "failed", "read", "receiving", "received"];
    const order = ["pending", "queued", "sending", "sent"];
    for (const current of all) {
      for (const incoming of twilio) {
        const next = nextMessageStatus(current, incoming);
        if (["delivered", "undelivered", "failed", "received"].includes(current)) expect(next, `${current}→${incoming}`).toBeNull();
        if (next && order.includes(current) && order.includes(next)) {
          expect(order.indexOf(next), `${current}→${incoming}`).toBeGreaterThan(order.indexOf(current));
        }
      }
    }
  });
});

describe("delivery state in words", () => {
  it("shows pending and queued as sending, and allows retry only where it helps", () => {
    expect(deliveryState("pending")).toBe("sending");
    expect(deliveryState("queued")).toBe("sending");
    expect(deliveryState("delivered")).toBe("delivered");
    expect(canRetry("failed")).toBe(true);
    expect(canRetry("unknown")).toBe(true);
    expect(canRetry("undelivered")).toBe(true);
    expect(canRetry("sent")).toBe(false);
    expect(canRetry("pending")).toBe(false);
  });
});

describe("nextMessageStatus, as the status callback uses it", () => {
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
