import { describe, expect, it } from "vitest";
import {
  businessHoursStatus,
  instantFromLocalTime,
  isValidTimeZone,
  isWithinBusinessHours,
  listTimeZones,
  localInputValue,
  localTimeAt,
  parseClockTime,
  type BusinessHours,
  type OpeningPeriod,
} from "./business-hours";

const weekdays = (start: string, end: string): OpeningPeriod[] =>
  (["mon", "tue", "wed", "thu", "fri"] as const).map((day) => ({ day, start, end }));

const newYork: BusinessHours = { timeZone: "America/New_York", periods: weekdays("09:00", "17:00"), closedDates: [] };
const at = (iso: string) => new Date(iso);

describe("localTimeAt", () => {
  it("reads the wall clock of the business's time zone, not the server's", () => {
    expect(localTimeAt(at("2024-01-15T14:00:00Z"), "America/New_York")).toEqual({ date: "2024-01-15", weekday: "mon", minutes: 9 * 60, time: "09:00" });
    expect(localTimeAt(at("2024-01-15T14:00:00Z"), "Asia/Tokyo")).toMatchObject({ date: "2024-01-15", weekday: "mon", time: "23:00" });
    expect(localTimeAt(at("2024-01-15T16:00:00Z"), "Asia/Tokyo")).toMatchObject({ date: "2024-01-16", weekday: "tue", time: "01:00" });
    expect(localTimeAt(at("2024-01-15T04:00:00Z"), "America/Los_Angeles")).toMatchObject({ date: "2024-01-14", weekday: "sun", time: "20:00" });
  });

  it("shows midnight as 00:00", () => {
    expect(localTimeAt(at("2024-03-01T05:00:00Z"), "America/New_York")).toMatchObject({ time: "00:00", minutes: 0, weekday: "fri" });
  });

  it("handles half-hour and quarter-hour offsets", () => {
    expect(localTimeAt(at("2024-01-15T03:30:00Z"), "Asia/Kolkata")).toMatchObject({ time: "09:00" });
    expect(localTimeAt(at("2024-01-15T03:15:00Z"), "Asia/Kathmandu")).toMatchObject({ time: "09:00" });
  });
});

describe("isWithinBusinessHours", () => {
  it("opens at the start minute and closes at the end minute", () => {
    expect(isWithinBusinessHours(newYork, at("2024-01-15T13:59:59Z"))).toBe(false);
    expect(isWithinBusinessHours(newYork, at("2024-01-15T14:00:00Z"))).toBe(true);
    expect(isWithinBusinessHours(newYork, at("2024-01-15T21:59:59Z"))).toBe(true);
    expect(isWithinBusinessHours(newYork, at("2024-01-15T22:00:00Z"))).toBe(false);
  });

  it("is closed on days without periods", () => {
    expect(isWithinBusinessHours(newYork, at("2024-01-13T15:00:00Z"))).toBe(false);
    expect(isWithinBusinessHours(newYork, at("2024-01-14T15:00:00Z"))).toBe(false);
  });

  it("supports several periods a day, with a lunch break", () => {
    const hours: BusinessHours = { timeZone: "Europe/Paris", periods: [...weekdays("09:00", "12:00"), ...weekdays("14:00", "18:00")], closedDates: [] };
    expect(isWithinBusinessHours(hours, at("2024-01-15T10:00:00Z"))).toBe(true); // 11:00 Paris
    expect(isWithinBusinessHours(hours, at("2024-01-15T12:30:00Z"))).toBe(false); // 13:30
    expect(isWithinBusinessHours(hours, at("2024-01-15T13:00:00Z"))).toBe(true); // 14:00
    expect(isWithinBusinessHours(hours, at("2024-01-15T17:00:00Z"))).toBe(false); // 18:00
  });

  it("keeps the same wall-clock hours across the US spring-forward change", () => {
    // 2024-03-10 is the Sunday clocks went forward in New York; 9:00 was 14:00Z before, 13:00Z after.
    expect(isWithinBusinessHours(newYork, at("2024-03-08T14:00:00Z"))).toBe(true);
    expect(isWithinBusinessHours(newYork, at("2024-03-08T13:30:00Z"))).toBe(false);
    expect(isWithinBusinessHours(newYork, at("2024-03-11T13:00:00Z"))).toBe(true);
    expect(isWithinBusinessHours(newYork, at("2024-03-11T12:59:00Z"))).toBe(false);
    expect(isWithinBusinessHours(newYork, at("2024-03-11T20:59:00Z"))).toBe(true);
    expect(isWithinBusinessHours(newYork, at("2024-03-11T21:00:00Z"))).toBe(false);
  });

  it("keeps the same wall-clock hours across the US fall-back change", () => {
    // 2024-11-03: clocks went back; 9:00 is 13:00Z on Friday 1 Nov and 14:00Z on Monday 4 Nov.
    expect(isWithinBusinessHours(newYork, at("2024-11-01T13:00:00Z"))).toBe(true);
    expect(isWithinBusinessHours(newYork, at("2024-11-04T13:00:00Z"))).toBe(false);
    expect(isWithinBusinessHours(newYork, at("2024-11-04T14:00:00Z"))).toBe(true);
  });

  it("handles periods inside the hour that repeats or disappears on change night", () => {
    const night: BusinessHours = { timeZone: "America/New_York", periods: [{ day: "sun", start: "01:00", end: "03:00" }], closedDates: [] };
    // Spring forward, 10 Mar 2024: 02:00 to 03:00 never happens; 01:30 EST and 03:00 EDT do.
    expect(isWithinBusinessHours(night, at("2024-03-10T06:30:00Z"))).toBe(true); // 01:30 EST
    expect(isWithinBusinessHours(night, at("2024-03-10T07:00:00Z"))).toBe(false); // 03:00 EDT
    // Fall back, 3 Nov 2024: 01:30 happens twice, both inside.
    expect(isWithinBusinessHours(night, at("2024-11-03T05:30:00Z"))).toBe(true); // 01:30 EDT
    expect(isWithinBusinessHours(night, at("2024-11-03T06:30:00Z"))).toBe(true); // 01:30 EST
    expect(isWithinBusinessHours(night, at("2024-11-03T07:30:00Z"))).toBe(true); // 02:30 EST
    expect(isWithinBusinessHours(night, at("2024-11-03T08:00:00Z"))).toBe(false); // 03:00 EST
  });

  it("follows British Summer Time in Europe/London", () => {
    const london: BusinessHours = { timeZone: "Europe/London", periods: weekdays("09:00", "17:30"), closedDates: [] };
    // Winter: GMT = UTC.
    expect(isWithinBusinessHours(london, at("2024-03-29T09:00:00Z"))).toBe(true);
    expect(isWithinBusinessHours(london, at("2024-03-29T08:59:00Z"))).toBe(false);
    // After 31 Mar 2024: BST = UTC+1, so 09:00 local is 08:00Z.
    expect(isWithinBusinessHours(london, at("2024-04-01T08:00:00Z"))).toBe(true);
    expect(isWithinBusinessHours(london, at("2024-04-01T07:59:00Z"))).toBe(false);
    expect(isWithinBusinessHours(london, at("2024-04-01T16:29:00Z"))).toBe(true);
    expect(isWithinBusinessHours(london, at("2024-04-01T16:30:00Z"))).toBe(false);
    // Back to GMT after 27 Oct 2024.
    expect(isWithinBusinessHours(london, at("2024-10-28T08:30:00Z"))).toBe(false);
    expect(isWithinBusinessHours(london, at("2024-10-28T09:00:00Z"))).toBe(true);
  });

  it("uses the date on the business's side of the world", () => {
    const sydney: BusinessHours = { timeZone: "Australia/Sydney", periods: [{ day: "mon", start: "09:00", end: "17:00" }], closedDates: [] };
    // Sunday 22:00 UTC is Monday 09:00 in Sydney (AEDT, UTC+11 in January).
    expect(isWithinBusinessHours(sydney, at("2024-01-14T22:00:00Z"))).toBe(true);
    expect(isWithinBusinessHours(sydney, at("2024-01-15T22:00:00Z"))).toBe(false);
  });

  it("runs an overnight period into the next morning, and to midnight with 24:00", () => {
    const bar: BusinessHours = { timeZone: "UTC", periods: [{ day: "fri", start: "22:00", end: "02:00" }, { day: "sat", start: "18:00", end: "24:00" }], closedDates: [] };
    expect(isWithinBusinessHours(bar, at("2024-01-19T21:59:00Z"))).toBe(false); // Fri
    expect(isWithinBusinessHours(bar, at("2024-01-19T23:00:00Z"))).toBe(true);
    expect(isWithinBusinessHours(bar, at("2024-01-20T01:59:00Z"))).toBe(true); // Sat morning
    expect(isWithinBusinessHours(bar, at("2024-01-20T02:00:00Z"))).toBe(false);
    expect(isWithinBusinessHours(bar, at("2024-01-20T23:59:00Z"))).toBe(true);
    expect(isWithinBusinessHours(bar, at("2024-01-21T00:00:00Z"))).toBe(false); // Sun
    expect(isWithinBusinessHours(bar, at("2024-01-21T01:00:00Z"))).toBe(false);
  });

  it("wraps an overnight Sunday period into Monday", () => {
    const hours: BusinessHours = { timeZone: "UTC", periods: [{ day: "sun", start: "20:00", end: "04:00" }], closedDates: [] };
    expect(isWithinBusinessHours(hours, at("2024-01-15T03:00:00Z"))).toBe(true); // Mon 03:00
    expect(isWithinBusinessHours(hours, at("2024-01-16T03:00:00Z"))).toBe(false); // Tue 03:00
  });

  it("is closed all day on a closed date, and reports which", () => {
    const holidays: BusinessHours = { ...newYork, closedDates: [{ date: "2024-12-25", label: "Christmas" }] };
    const christmasNoon = at("2024-12-25T17:00:00Z");
    expect(isWithinBusinessHours(newYork, christmasNoon)).toBe(true);
    expect(businessHoursStatus(holidays, christmasNoon)).toMatchObject({ open: false, closedDate: { label: "Christmas" } });
    expect(isWithinBusinessHours(holidays, at("2024-12-26T17:00:00Z"))).toBe(true);
  });

  it("matches a closed date on the local date, not the UTC one", () => {
    const holidays: BusinessHours = { timeZone: "America/Los_Angeles", periods: weekdays("09:00", "23:00"), closedDates: [{ date: "2024-07-04", label: "Independence Day" }] };
    // 22:00 on 3 Jul in Los Angeles is already 4 Jul in UTC: still open.
    expect(isWithinBusinessHours(holidays, at("2024-07-04T05:00:00Z"))).toBe(true);
    expect(isWithinBusinessHours(holidays, at("2024-07-04T17:00:00Z"))).toBe(false);
  });

  it("cancels an overnight period that starts on a closed date, but not one that starts the day before", () => {
    const hours: BusinessHours = { timeZone: "UTC", periods: [{ day: "thu", start: "20:00", end: "03:00" }, { day: "fri", start: "20:00", end: "03:00" }], closedDates: [{ date: "2024-01-19", label: "Inventory" }] };
    expect(isWithinBusinessHours(hours, at("2024-01-19T02:00:00Z"))).toBe(true); // Thursday's night, early Friday
    expect(isWithinBusinessHours(hours, at("2024-01-19T21:00:00Z"))).toBe(false); // Friday evening
    expect(isWithinBusinessHours(hours, at("2024-01-20T02:00:00Z"))).toBe(false); // Friday's night, early Saturday
  });

  it("reads 18:00–00:00 as until midnight and 00:00–00:00 as all day", () => {
    const hours: BusinessHours = { timeZone: "UTC", periods: [{ day: "mon", start: "18:00", end: "00:00" }, { day: "wed", start: "00:00", end: "00:00" }], closedDates: [] };
    expect(isWithinBusinessHours(hours, at("2024-01-15T23:59:00Z"))).toBe(true);
    expect(isWithinBusinessHours(hours, at("2024-01-16T00:00:00Z"))).toBe(false);
    expect(isWithinBusinessHours(hours, at("2024-01-17T00:00:00Z"))).toBe(true);
    expect(isWithinBusinessHours(hours, at("2024-01-17T23:59:00Z"))).toBe(true);
    expect(isWithinBusinessHours(hours, at("2024-01-18T00:00:00Z"))).toBe(false);
  });

  it("is always closed with no periods, and ignores malformed periods", () => {
    const none: BusinessHours = { timeZone: "UTC", periods: [], closedDates: [] };
    expect(isWithinBusinessHours(none, at("2024-01-15T12:00:00Z"))).toBe(false);
    const broken: BusinessHours = { timeZone: "UTC", periods: [{ day: "mon", start: "25:00", end: "26:00" }], closedDates: [] };
    expect(isWithinBusinessHours(broken, at("2024-01-15T10:00:00Z"))).toBe(false);
  });
});

describe("instantFromLocalTime", () => {
  it("turns a wall-clock time in a zone into the instant", () => {
    expect(instantFromLocalTime("2024-01-15T09:00", "America/New_York")?.toISOString()).toBe("2024-01-15T14:00:00.000Z");
    expect(instantFromLocalTime("2024-07-15T09:00", "America/New_York")?.toISOString()).toBe("2024-07-15T13:00:00.000Z");
    expect(instantFromLocalTime("2024-07-15T09:00", "Europe/London")?.toISOString()).toBe("2024-07-15T08:00:00.000Z");
    expect(instantFromLocalTime("2024-01-15T09:00", "Asia/Tokyo")?.toISOString()).toBe("2024-01-15T00:00:00.000Z");
  });

  it("moves a skipped spring-forward time an hour on, as the clocks do", () => {
    expect(instantFromLocalTime("2024-03-10T02:30", "America/New_York")?.toISOString()).toBe("2024-03-10T07:30:00.000Z");
    expect(instantFromLocalTime("2024-03-31T01:30", "Europe/London")?.toISOString()).toBe("2024-03-31T01:30:00.000Z");
  });

  it("round-trips with localInputValue", () => {
    for (const iso of ["2024-03-10T06:59:00Z", "2024-03-10T07:00:00Z", "2024-11-03T04:30:00Z", "2024-06-30T23:45:00Z"]) {
      for (const zone of ["America/New_York", "Europe/London", "Australia/Lord_Howe", "UTC"]) {
        const local = localInputValue(at(iso), zone);
        const back = instantFromLocalTime(local, zone);
        expect(localInputValue(back!, zone), `${iso} in ${zone}`).toBe(local);
      }
    }
  });

  it("refuses malformed input", () => {
    expect(instantFromLocalTime("tomorrow", "UTC")).toBeNull();
  });
});

describe("helpers", () => {
  it("parses clock times", () => {
    expect(parseClockTime("00:00")).toBe(0);
    expect(parseClockTime("09:30")).toBe(570);
    expect(parseClockTime("24:00")).toBe(1440);
    expect(parseClockTime("24:30")).toBeNull();
    expect(parseClockTime("9:30")).toBeNull();
    expect(parseClockTime("12:60")).toBeNull();
  });

  it("knows real time zones", () => {
    expect(isValidTimeZone("Europe/London")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
    expect(listTimeZones()).toEqual(expect.arrayContaining(["America/New_York", "Europe/London", "UTC"]));
  });
});
