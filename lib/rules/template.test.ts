import { describe, expect, it } from "vitest";
import { checkLength } from "@/lib/sms/segments";
import { fallbackRendering, renderForCustomer, renderTemplate, unknownPlaceholders, worstCaseRendering } from "./template";

describe("renderTemplate", () => {
  it("fills the customer's and the integration's names", () => {
    expect(renderTemplate("Hi {{customer.name}}, thanks for texting {{integration.name}}!", { customerName: "Ana", integrationName: "Shop SMS" })).toBe(
      "Hi Ana, thanks for texting Shop SMS!",
    );
  });

  it("falls back when a name is unknown or blank", () => {
    expect(renderTemplate("Hi {{customer.name}}, this is {{integration.name}}.", {})).toBe("Hi there, this is our shop.");
    expect(renderTemplate("Hi {{customer.name}}", { customerName: "   " })).toBe("Hi there");
  });

  it("uses the fallback written after a bar", () => {
    expect(renderTemplate("Hi {{customer.name|friend}}!", { customerName: null })).toBe("Hi friend!");
    expect(renderTemplate("Hi {{ customer.name | dear customer }}!", {})).toBe("Hi dear customer!");
    expect(renderTemplate("Hi {{customer.name|friend}}!", { customerName: "Bo" })).toBe("Hi Bo!");
  });

  it("tolerates spaces inside the braces and collapses spaces in names", () => {
    expect(renderTemplate("{{ customer.name }}", { customerName: " Ana   Lima " })).toBe("Ana Lima");
  });

  it("leaves unknown placeholders as typed", () => {
    expect(renderTemplate("Order {{order.id}}", { customerName: "Ana" })).toBe("Order {{order.id}}");
  });
});

describe("unknownPlaceholders", () => {
  it("names placeholders the app does not know, and broken braces", () => {
    expect(unknownPlaceholders("Hi {{customer.name}} from {{integration.name|us}}")).toEqual([]);
    expect(unknownPlaceholders("Order {{order.id}} for {{customer.first_name}}")).toEqual(["{{order.id}}", "{{customer.first_name}}"]);
    expect(unknownPlaceholders("Hi {{customer.name}")).toEqual(["{{customer.name}"]);
    expect(unknownPlaceholders("Hi {name}}")).toEqual(["{name}}"]);
    expect(unknownPlaceholders("Prices {in braces} are fine")).toEqual([]);
  });
});

describe("worstCaseRendering", () => {
  it("counts 20 characters for the customer's name and the longest integration name", () => {
    const text = worstCaseRendering("Hi {{customer.name}} — {{integration.name}}", ["Shop", "The Big Shop"]);
    expect(text).toBe(`Hi ${"n".repeat(20)} — The Big Shop`);
  });

  it("uses the fallback when no integration is known", () => {
    expect(worstCaseRendering("{{integration.name}}", [])).toBe("our shop");
  });
});

describe("renderForCustomer", () => {
  const fits = (limit: number) => (text: string) => checkLength(text, limit).ok;

  it("uses the name when the reply fits", () => {
    expect(renderForCustomer("Hi {{customer.name}}", { customerName: "Ana Lima" }, fits(160))).toBe("Hi Ana Lima");
  });

  it("uses the first name, then the fallback, when the full name would not fit", () => {
    const long = "Maximiliana Alexandrina von Habsburg-Lothringen";
    expect(renderForCustomer("Hi {{customer.name}}!", { customerName: long }, fits(20))).toBe("Hi Maximiliana!");
    expect(renderForCustomer("Hi {{customer.name}}! Closed now.", { customerName: long }, fits(25))).toBe("Hi there! Closed now.");
  });

  it("uses the fallback when the name itself would trip the policy checker", () => {
    const clean = (text: string) => !/\bgin\b/i.test(text);
    expect(renderForCustomer("Hi {{customer.name}}", { customerName: "Gin" }, clean)).toBe("Hi there");
  });

  it("renders the fallbacks for the policy check", () => {
    expect(fallbackRendering("Hi {{customer.name}} at {{integration.name|the shop}}")).toBe("Hi there at the shop");
  });
});
