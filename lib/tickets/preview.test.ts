import { describe, expect, it } from "vitest";
import { previewLine } from "./preview";

describe("previewLine", () => {
  const me = "00000000-0000-4000-8000-000000000001";
  it("names who wrote the latest message, unless it is the customer", () => {
    expect(previewLine({ preview: "Where is my order?", previewBy: { kind: "customer" } }, me)).toBe("Where is my order?");
    expect(previewLine({ preview: "Thanks! We are closed", previewBy: { kind: "rule" } }, me)).toBe("Auto-reply: Thanks! We are closed");
    expect(previewLine({ preview: "It ships today", previewBy: { kind: "agent", id: me, name: "Sam Agent" } }, me)).toBe("You: It ships today");
    expect(previewLine({ preview: "It ships today", previewBy: { kind: "agent", id: "someone-else", name: "Ada Admin" } }, me)).toBe("Ada Admin: It ships today");
    // Written by a user since deleted.
    expect(previewLine({ preview: "Done", previewBy: { kind: "agent", id: null, name: null } }, me)).toBe("Agent: Done");
  });

  it("says so when there is nothing to show", () => {
    expect(previewLine({ preview: "", previewBy: null }, me)).toBe("(empty message)");
  });
});
