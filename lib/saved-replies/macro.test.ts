import { describe, expect, it } from "vitest";
import { describeMacroActions, macroActionsSchema, retargetMacroActions, type MacroAction } from "./macro";

describe("macro actions", () => {
  const names = { viewerId: "me", agentNames: new Map([["bob", "Bob Agent"]]) };

  it("puts the actions in words as the sender reads them", () => {
    const actions: MacroAction[] = [{ type: "add_tag", tag: "vip" }, { type: "assign", to: "sender" }, { type: "close" }];
    expect(describeMacroActions(actions, names)).toBe("add tag vip · assign to you · close");
    expect(describeMacroActions([{ type: "assign", to: "agent", userId: "bob" }, { type: "snooze", preset: "tomorrow" }], names)).toBe(
      "assign to Bob Agent · snooze until tomorrow morning",
    );
    expect(describeMacroActions([{ type: "remove_tag", tag: "new" }, { type: "assign", to: "nobody" }], names)).toBe("remove tag new · unassign");
  });

  it("normalises tag names and drops an assignee a non-agent assign does not need", () => {
    expect(macroActionsSchema.parse([{ type: "add_tag", tag: " VIP " }, { type: "assign", to: "sender", userId: "7f7e1c1e-2f6a-4c1b-9d8a-0a0b0c0d0e0f" }])).toEqual([
      { type: "add_tag", tag: "vip" },
      { type: "assign", to: "sender" },
    ]);
  });

  it("renames a tag in place, and a merge that names one tag twice keeps the first", () => {
    const actions: MacroAction[] = [{ type: "add_tag", tag: "billing" }, { type: "close" }, { type: "remove_tag", tag: "payments" }];
    expect(retargetMacroActions(actions, "billing", "invoices")).toEqual([{ type: "add_tag", tag: "invoices" }, { type: "close" }, { type: "remove_tag", tag: "payments" }]);
    expect(retargetMacroActions(actions, "payments", "billing")).toEqual([{ type: "add_tag", tag: "billing" }, { type: "close" }]);
  });
});
