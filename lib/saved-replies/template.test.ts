import { describe, expect, it } from "vitest";
import { fillSavedReply, unknownPlaceholderMessage, unknownSavedReplyPlaceholders } from "./template";

const known = { customerName: " Ana   Lima ", agentName: "Sam Agent", integrationName: "Shop SMS" };

describe("fillSavedReply", () => {
  it("fills each placeholder from the ticket and the agent", () => {
    expect(fillSavedReply("Hi {{customer.first_name}} ({{customer.name}}), {{agent.first_name}} from {{integration.name}} here.", known)).toBe(
      "Hi Ana (Ana Lima), Sam from Shop SMS here.",
    );
    expect(fillSavedReply("Hi {{ customer.first_name | there }}!", known)).toBe("Hi Ana!");
  });

  it("uses the fallback when the name is unknown", () => {
    expect(fillSavedReply("Hi {{customer.first_name|there}}!", {})).toBe("Hi there!");
    expect(fillSavedReply("Hi {{customer.name| dear customer }}!", { customerName: "   " })).toBe("Hi dear customer!");
    expect(fillSavedReply("{{agent.first_name|The team}} here.", { agentName: null })).toBe("The team here.");
  });

  it("takes an unknown name without fallback out with its separator, leaving no gap", () => {
    expect(fillSavedReply("Thanks for reaching out, {{customer.first_name}}.", {})).toBe("Thanks for reaching out.");
    expect(fillSavedReply("Hi {{customer.first_name}}, your order shipped.", {})).toBe("Hi, your order shipped.");
    expect(fillSavedReply("Hi {{customer.name}}!", {})).toBe("Hi!");
    expect(fillSavedReply("{{customer.first_name}}, your order shipped.", {})).toBe("Your order shipped.");
    expect(fillSavedReply("Done. {{customer.first_name}}, anything else?", {})).toBe("Done. Anything else?");
    expect(fillSavedReply("The {{integration.name}} team thanks you", {})).toBe("The team thanks you");
    expect(fillSavedReply("Thanks, {{customer.first_name}}\nBye {{agent.first_name}}", {})).toBe("Thanks\nBye");
  });

  it("fills only the placeholders asked for, and leaves unknown ones as typed", () => {
    expect(fillSavedReply("Hi {{customer.first_name}}, {{agent.first_name}} here", { agentName: "Sam" }, ["agent.first_name"])).toBe(
      "Hi {{customer.first_name}}, Sam here",
    );
    expect(fillSavedReply("Order {{order.id}}", known)).toBe("Order {{order.id}}");
  });
});

describe("unknownSavedReplyPlaceholders", () => {
  it("finds unknown placeholders and stray braces, and names the valid ones", () => {
    expect(unknownSavedReplyPlaceholders("Hi {{customer.first_name|there}} from {{agent.first_name}}")).toEqual([]);
    expect(unknownSavedReplyPlaceholders("Order {{order.id}} for {{customer.firstname}}")).toEqual(["{{order.id}}", "{{customer.firstname}}"]);
    expect(unknownSavedReplyPlaceholders("Hi {{customer.name}")).toEqual(["{{customer.name}"]);
    expect(unknownPlaceholderMessage(["{{order.id}}"])).toBe(
      "{{order.id}} is not a placeholder the app knows. Use {{customer.first_name}}, {{customer.name}}, {{agent.first_name}}, {{integration.name}}, each with an optional fallback: {{customer.first_name|there}}.",
    );
  });
});
