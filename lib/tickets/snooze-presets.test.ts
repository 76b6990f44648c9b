import { describe, expect, it } from "vitest";
import type { BusinessHours } from "@/lib/rules/business-hours";
import { snoozePresets } from "./snooze-presets";

const weekdays: BusinessHours = {
  timeZone: "America/New_York",
  periods: (["mon", "tue", "wed", "thu", "fri"] as const).map((day) => ({ day, start: "08:30", end: "17:00" })),
  closedDates: [],
};
const byId = (presets: ReturnType<typeof snoozePresets>) => Object.fromEntries(presets.map((preset) => [preset.id, preset.until.toISOString()]));

describe("snooze presets", () => {
  it("wakes in an hour, tomorrow at opening and next Monday at opening, on the business's clock", () => {
    // Wednesday 3 June 2026, 15:20 in New York (EDT, UTC-4).
    const presets = byId(snoozePresets({ now: new Date("2026-06-03T19:20:00Z"), hours: weekdays, timeZone: "Europe/Paris" }));
    expect(presets).toEqual({ hour: "2026-06-03T20:20:00.000Z", tomorrow: "2026-06-04T12:30:00.000Z", monday: "2026-06-08T12:30:00.000Z" });
  });

  it("skips to the next day the business opens: on Friday, tomorrow means Monday", () => {
    const presets = byId(snoozePresets({ now: new Date("2026-06-05T19:20:00Z"), hours: weekdays, timeZone: "UTC" }));
    expect(presets.tomorrow).toBe("2026-06-08T12:30:00.000Z");
    // On a Friday next Monday is three days on, not ten.
    expect(presets.monday).toBe("2026-06-08T12:30:00.000Z");
  });

  it("on a Monday, next Monday is a week on; a closed date moves the opening to the next day", () => {
    const hours = { ...weekdays, closedDates: [{ date: "2026-06-09", label: "Inventory" }] };
    const presets = byId(snoozePresets({ now: new Date("2026-06-08T14:00:00Z"), hours, timeZone: "UTC" }));
    expect(presets.tomorrow).toBe("2026-06-10T12:30:00.000Z");
    expect(presets.monday).toBe("2026-06-15T12:30:00.000Z");
  });

  it("without business hours, mornings are 09:00 in the agent's own time zone", () => {
    const presets = byId(snoozePresets({ now: new Date("2026-06-03T23:30:00Z"), hours: null, timeZone: "Asia/Tokyo" }));
    // Already Thursday 4 June 08:30 in Tokyo: tomorrow is Friday 5 June.
    expect(presets.tomorrow).toBe("2026-06-05T00:00:00.000Z");
    expect(presets.monday).toBe("2026-06-08T00:00:00.000Z");
    expect(presets.hour).toBe("2026-06-04T00:30:00.000Z");
  });
});
