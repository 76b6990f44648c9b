import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { allowCountry, disallowCountry, getAllowedCountries, isCountryAllowedForMessaging } from "@/lib/integrations/countries";
import { testDatabases } from "../support/database";
import { createUser } from "../support/records";

describe.each(testDatabases())("allowed countries on $name", (database) => {
  let handle: DatabaseHandle;
  let adminId: string;
  beforeAll(async () => {
    handle = await database.open();
    adminId = (await createUser(handle.db, "admin")).id;
  });
  afterAll(async () => {
    await handle.close();
  });

  it("allows the built-in countries and refuses the rest", async () => {
    const db = handle.db;
    for (const country of ["US", "CA", "GU", "GB", "IL", "jp"]) expect(await isCountryAllowedForMessaging({ db, country })).toBe(true);
    for (const country of ["MX", "ES", "", null, undefined]) expect(await isCountryAllowedForMessaging({ db, country })).toBe(false);
    const list = await getAllowedCountries({ db });
    expect(list.every((country) => country.isDefault)).toBe(true);
    expect(list.find((country) => country.code === "DO")).toMatchObject({ name: "Dominican Republic", isDefault: true });
  });

  it("allows the Crown Dependencies with the United Kingdom and lists them beside it", async () => {
    const db = handle.db;
    for (const country of ["GG", "JE", "IM"]) expect(await isCountryAllowedForMessaging({ db, country })).toBe(true);
    const codes = (await getAllowedCountries({ db })).map((country) => country.code);
    expect(codes.slice(codes.indexOf("GB"), codes.indexOf("GB") + 4)).toEqual(["GB", "GG", "IM", "JE"]);
    expect((await getAllowedCountries({ db })).find((country) => country.code === "JE")).toMatchObject({ name: "Jersey", isDefault: true, alongside: "GB" });
    await expect(allowCountry({ db, country: "GG", actorId: adminId })).rejects.toThrow("Guernsey is always allowed.");
    await expect(disallowCountry({ db, country: "IM" })).rejects.toThrow("Isle of Man is allowed by default and cannot be removed.");
  });

  it("lets an admin add a country and remove it again, but not a default one", async () => {
    const db = handle.db;
    await allowCountry({ db, country: "MX", actorId: adminId });
    expect(await isCountryAllowedForMessaging({ db, country: "MX" })).toBe(true);
    expect((await getAllowedCountries({ db })).find((country) => country.code === "MX")).toMatchObject({ name: "Mexico", isDefault: false });

    await expect(allowCountry({ db, country: "MX", actorId: adminId })).rejects.toThrow("Mexico is already allowed.");
    await expect(allowCountry({ db, country: "US", actorId: adminId })).rejects.toThrow("United States is always allowed.");
    await expect(allowCountry({ db, country: "XX", actorId: adminId })).rejects.toThrow("Choose a country from the list.");
    await expect(disallowCountry({ db, country: "GB" })).rejects.toThrow("United Kingdom is allowed by default and cannot be removed.");

    await disallowCountry({ db, country: "MX" });
    expect(await isCountryAllowedForMessaging({ db, country: "MX" })).toBe(false);
    await expect(disallowCountry({ db, country: "MX" })).rejects.toThrow("Mexico was not on the list.");
  });
});
