import { describe, expect, it } from "vitest";
import { draftToInput, emptyAction, emptyCondition, ruleToDraft, splitWords, STARTER_DRAFTS } from "./draft";
import { ruleInputSchema } from "./validation";

describe("splitWords", () => {
  it("splits on commas, semicolons and lines, dropping blanks and repeats", () => {
    expect(splitWords("refund, Return;\nexchange,, refund ,")).toEqual(["refund", "Return", "exchange"]);
    expect(splitWords("   ")).toEqual([]);
  });
});

describe("drafts", () => {
  it("turns the form's rows into a rule the server accepts", () => {
    const input = draftToInput({
      name: "Refunds",
      trigger: "message_received",
      enabled: true,
      conditions: [{ ...emptyCondition("c0", "text_contains_any"), words: "refund, return", when: "inside" }],
      actions: [{ ...emptyAction("a0", "add_tag"), tag: "refund", text: "left over from another type" }],
    });
    expect(input).toEqual({
      name: "Refunds",
      trigger: "message_received",
      enabled: true,
      conditions: [{ type: "text_contains_any", words: ["refund", "return"] }],
      actions: [{ type: "add_tag", tag: "refund" }],
    });
    expect(ruleInputSchema.safeParse(input).success).toBe(true);
  });

  it("round-trips a stored rule through the form", () => {
    const rule = {
      name: "Night",
      trigger: "ticket_created" as const,
      enabled: false,
      conditions: [
        { type: "business_hours" as const, when: "outside" as const },
        { type: "customer_country" as const, countries: ["US", "CA"] },
        { type: "text_contains_none" as const, words: ["urgent", "asap"] },
      ],
      actions: [{ type: "auto_reply" as const, text: "Hi {{customer.name}}" }, { type: "stop_rules" as const }],
    };
    expect(draftToInput(ruleToDraft(rule))).toEqual(rule);
  });

  it("starts the after-hours rule with a business-hours condition and a reply that can be saved", () => {
    const input = draftToInput(STARTER_DRAFTS["after-hours"]);
    expect(input.conditions).toEqual([{ type: "business_hours", when: "outside" }]);
    expect(ruleInputSchema.safeParse(input).success).toBe(true);
  });
});
