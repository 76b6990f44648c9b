import { describe, expect, it } from "vitest";
import { businessHoursSchema, fieldErrorsOf, ruleInputSchema } from "./validation";

const valid = {
  name: "After hours",
  trigger: "message_received",
  conditions: [{ type: "business_hours", when: "outside" }],
  actions: [{ type: "auto_reply", text: "Thanks! We are closed, we will answer at 9am." }],
};

describe("ruleInputSchema", () => {
  it("accepts a rule and normalises what it can", () => {
    const parsed = ruleInputSchema.parse({
      ...valid,
      conditions: [{ type: "customer_country", countries: ["us"] }],
      actions: [{ type: "add_tag", tag: " VIP " }],
    });
    expect(parsed).toMatchObject({ enabled: true, conditions: [{ countries: ["US"] }], actions: [{ tag: "vip" }] });
  });

  it("explains what is missing, field by field", () => {
    const result = ruleInputSchema.safeParse({ name: " ", trigger: "sometimes", conditions: [{ type: "text_contains_any", words: [] }], actions: [] });
    expect(result.success).toBe(false);
    expect(fieldErrorsOf(result.error!)).toEqual({
      name: "Give the rule a name.",
      trigger: "Choose when the rule runs.",
      "conditions.0.words": "Add at least one word.",
      actions: "Add at least one action.",
    });
  });

  it("allows one auto-reply per rule", () => {
    const result = ruleInputSchema.safeParse({ ...valid, actions: [valid.actions[0], valid.actions[0]] });
    expect(fieldErrorsOf(result.error!)).toEqual({ "actions.1.type": "A rule sends one auto-reply. Make a second rule for another." });
  });

  it("refuses unknown condition and action types", () => {
    expect(ruleInputSchema.safeParse({ ...valid, conditions: [{ type: "moon_phase" }] }).success).toBe(false);
    expect(ruleInputSchema.safeParse({ ...valid, actions: [{ type: "delete_everything" }] }).success).toBe(false);
  });
});

describe("businessHoursSchema", () => {
  it("accepts time zones, periods and closed dates", () => {
    const parsed = businessHoursSchema.parse({
      timeZone: "Europe/London",
      periods: [{ day: "mon", start: "09:00", end: "17:00" }, { day: "fri", start: "22:00", end: "02:00" }],
      closedDates: [{ date: "2025-12-25", label: "Christmas" }],
    });
    expect(parsed.periods).toHaveLength(2);
  });

  it("refuses unknown zones, bad times, bad dates and duplicates", () => {
    const result = businessHoursSchema.safeParse({
      timeZone: "Europe/Atlantis",
      periods: [{ day: "mon", start: "9am", end: "17:00" }, { day: "funday", start: "09:00", end: "10:00" }, { day: "tue", start: "24:00", end: "10:00" }],
      closedDates: [{ date: "2025-02-30", label: "" }, { date: "2025-12-25" }, { date: "2025-12-25" }],
    });
    const errors = fieldErrorsOf(result.error!);
    expect(errors).toMatchObject({
      timeZone: "Choose a time zone from the list.",
      "periods.0.start": "Use a time like 09:00.",
      "periods.2.start": "Use 00:00 for midnight.",
      "closedDates.0.date": "Use a date like 2025-12-25.",
      closedDates: "Each closed date can appear only once.",
    });
    expect(errors["periods.1.day"]).toBeDefined();
  });

  it("allows ten periods a day, every day, and refuses an eleventh", () => {
    const day = (d: string, n: number) => Array.from({ length: n }, (_, i) => ({ day: d, start: `${String(i + 8).padStart(2, "0")}:00`, end: `${String(i + 8).padStart(2, "0")}:30` }));
    const week = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].flatMap((d) => day(d, 10));
    expect(businessHoursSchema.safeParse({ timeZone: "Europe/Paris", periods: week, closedDates: [] }).success).toBe(true);
    const result = businessHoursSchema.safeParse({ timeZone: "Europe/Paris", periods: [...day("mon", 2), ...day("wed", 11)], closedDates: [] });
    expect(fieldErrorsOf(result.error!)).toMatchObject({ periods: "Use at most 10 periods a day (Wednesday has 11)." });
  });
});
