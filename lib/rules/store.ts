import type { DbOrTx } from "@/db/client";
import { getSetting, putSetting } from "@/db/queries/settings";
import { log } from "@/lib/log";
import type { BusinessHours } from "./business-hours";
import { storedBusinessHoursSchema } from "./validation";

export const BUSINESS_HOURS_KEY = "business_hours";

/** The business hours admins set; null until they do (or if what is stored no longer parses). */
export async function getBusinessHours({ db }: { db: DbOrTx }): Promise<BusinessHours | null> {
  const stored = await getSetting<unknown>({ db, key: BUSINESS_HOURS_KEY });
  if (stored === null) return null;
  const parsed = storedBusinessHoursSchema.safeParse(stored);
  if (!parsed.success) {
    log.error({ issues: parsed.error.issues.length }, "stored business hours do not parse");
    return null;
  }
  return parsed.data;
}

export async function saveBusinessHours({ db, hours }: { db: DbOrTx; hours: BusinessHours }): Promise<void> {
  const sorted: BusinessHours = {
    timeZone: hours.timeZone,
    periods: [...hours.periods],
    closedDates: [...hours.closedDates].sort((a, b) => a.date.localeCompare(b.date)),
  };
  await putSetting({ db, key: BUSINESS_HOURS_KEY, value: sorted });
}
