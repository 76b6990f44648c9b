import type { DbOrTx } from "@/db/client";
import { getSetting, putSetting } from "@/db/queries/settings";
import { getBusinessHours } from "@/lib/rules/store";
import { overdueSince, type WaitingClock } from "./waiting";

export const RESPONSE_TARGET_KEY = "first_response_target";

/** The first-response target in minutes, null when none is set. */
export async function getResponseTarget({ db }: { db: DbOrTx }): Promise<number | null> {
  const stored = await getSetting<{ minutes?: unknown }>({ db, key: RESPONSE_TARGET_KEY });
  const minutes = stored?.minutes;
  return typeof minutes === "number" && Number.isInteger(minutes) && minutes > 0 ? minutes : null;
}

export async function saveResponseTarget({ db, minutes }: { db: DbOrTx; minutes: number | null }): Promise<void> {
  await putSetting({ db, key: RESPONSE_TARGET_KEY, value: { minutes } });
}

export async function getWaitingClock({ db }: { db: DbOrTx }): Promise<WaitingClock> {
  const [targetMinutes, hours] = await Promise.all([getResponseTarget({ db }), getBusinessHours({ db })]);
  return { targetMinutes, hours };
}

/** The Past target view's cut-off now: tickets waited on since then or longer are past the target; null without a target. */
export async function overdueSinceNow({ db }: { db: DbOrTx }): Promise<Date | null> {
  return overdueSince(await getWaitingClock({ db }), new Date());
}
