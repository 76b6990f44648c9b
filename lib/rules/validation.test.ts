import { describe, expect, it } from "vitest";
import { nextPeriod } from "./business-hours";
import { fieldErrorsOf } from "@/lib/validation/field-errors";
import { businessHoursSchema, ruleInputSchema, storedBusinessHoursSchema } from "./validation";

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
      closedDates: [{ date: "2099-12-25", label: "Christmas" }],
    });
    expect(parsed.periods).toHaveLength(2);
  });

  it("refuses unknown zones, bad times, bad dates and duplicates", () => {
    const result = businessHoursSchema.safeParse({
      timeZone: "Europe/Atlantis",
      periods: [{ day: "mon", start: "9am", end: "17:00" }, { day: "funday", start: "09:00", end: "10:00" }, { day: "tue", start: "24:00", end: "10:00" }],
      closedDates: [{ date: "2099-02-30", label: "" }, { date: "2099-12-25" }, { date: "2099-12-25" }],
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

  it("refuses a period that opens and closes at the same time, but keeps 00:00–00:00 as all day", () => {
    const result = businessHoursSchema.safeParse({ timeZone: "UTC", periods: [{ day: "mon", start: "13:00", end: "13:00" }, { day: "tue", start: "00:00", end: "00:00" }], closedDates: [] });
    const errors = fieldErrorsOf(result.error!);
    expect(errors["periods.0.end"]).toBe("Monday 13:00–13:00 opens and closes at the same time. Choose another closing time (00:00 to 00:00 is open all day).");
    expect(errors["periods.1.end"]).toBeUndefined();
  });

  it("refuses overlapping periods on one day and names them", () => {
    const result = businessHoursSchema.safeParse({
      timeZone: "UTC",
      periods: [{ day: "mon", start: "09:00", end: "12:00" }, { day: "tue", start: "11:00", end: "18:00" }, { day: "mon", start: "11:00", end: "18:00" }, { day: "fri", start: "22:00", end: "02:00" }, { day: "fri", start: "23:00", end: "23:30" }],
      closedDates: [],
    });
    expect(fieldErrorsOf(result.error!)).toEqual({
      "periods.2.start": "Monday 09:00–12:00 and 11:00–18:00 overlap. Join them into one period or change the times.",
      "periods.4.start": "Friday 22:00–02:00 and 23:00–23:30 overlap. Join them into one period or change the times.",
    });
    const lunch = [{ day: "mon", start: "09:00", end: "12:00" }, { day: "mon", start: "12:00", end: "17:00" }];
    expect(businessHoursSchema.safeParse({ timeZone: "UTC", periods: lunch, closedDates: [] }).success).toBe(true);
  });

  it("refuses an overnight period that runs into the next day's hours, Sunday's into Monday's too", () => {
    const result = businessHoursSchema.safeParse({
      timeZone: "UTC",
      periods: [{ day: "mon", start: "22:00", end: "03:00" }, { day: "tue", start: "01:00", end: "09:00" }, { day: "mon", start: "01:00", end: "09:00" }, { day: "sun", start: "22:00", end: "02:00" }],
      closedDates: [],
    });
    expect(fieldErrorsOf(result.error!)).toEqual({
      "periods.1.start": "Monday 22:00–03:00 runs into Tuesday 01:00–09:00. Close it earlier or open later.",
      "periods.3.start": "Sunday 22:00–02:00 runs into Monday 01:00–09:00. Close it earlier or open later.",
    });
    // Closing at 01:00 when the next day opens at 01:00 is no overlap; nor is "until midnight" before an all-day Sunday.
    const touching = [{ day: "mon", start: "22:00", end: "01:00" }, { day: "tue", start: "01:00", end: "09:00" }, { day: "sat", start: "20:00", end: "00:00" }, { day: "sun", start: "00:00", end: "00:00" }];
    expect(businessHoursSchema.safeParse({ timeZone: "UTC", periods: touching, closedDates: [] }).error?.issues).toBeUndefined();
  });

  it("refuses closed dates in the past, but still reads stored ones", () => {
    const hours = { timeZone: "UTC", periods: [], closedDates: [{ date: "2020-01-01", label: "" }] };
    expect(fieldErrorsOf(businessHoursSchema.safeParse(hours).error!)).toEqual({ "closedDates.0.date": "2020-01-01 is in the past. Remove it." });
    expect(storedBusinessHoursSchema.safeParse(hours).success).toBe(true);
  });
});

describe("nextPeriod", () => {
  it("starts a new period where the day's last one closes", () => {
    expect(nextPeriod([])).toEqual({ start: "09:00", end: "17:00" });
    expect(nextPeriod([{ start: "09:00", end: "17:00" }])).toEqual({ start: "17:00", end: "18:00" });
    expect(nextPeriod([{ start: "09:00", end: "23:30" }])).toEqual({ start: "23:30", end: "23:59" });
    expect(nextPeriod([{ start: "22:00", end: "02:00" }])).toEqual({ start: "", end: "" });
  });
});
