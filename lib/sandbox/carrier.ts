import { getSetting, putSetting } from "@/db/queries/settings";
import type { DbOrTx } from "@/db/client";

export type FinalStatus = "delivered" | "undelivered" | "failed";
export interface Fate {
  status: FinalStatus;
  errorCode: number | null;
  errorMessage: string | null;
}

/**
 * Customer numbers a test can pick to make the carrier fail, by their last four digits.
 * `failed` happens before the message leaves Twilio; `undelivered` after it was sent.
 */
export const FAILING_NUMBERS: Readonly<Record<string, Fate>> = {
  "0003": { status: "undelivered", errorCode: 30003, errorMessage: "Unreachable destination handset" },
  "0005": { status: "failed", errorCode: 30005, errorMessage: "Unknown destination handset" },
  "0006": { status: "undelivered", errorCode: 30006, errorMessage: "Landline or unreachable carrier" },
  "0007": { status: "undelivered", errorCode: 30007, errorMessage: "Message filtered" },
};

const DELIVERED: Fate = { status: "delivered", errorCode: null, errorMessage: null };

/** The failure a number is set up to simulate, whether or not it is switched off. */
export function simulatedFailure(handset: string): Fate | null {
  return FAILING_NUMBERS[handset.slice(-4)] ?? null;
}

/** What happens to a message sent to `handset`; a failing number made reachable gets it. */
export function carrierFate(handset: string, reachable: boolean): Fate {
  if (reachable) return DELIVERED;
  return simulatedFailure(handset) ?? DELIVERED;
}

function handsetKey(handset: string): string {
  return `sandbox.handset:${handset}`;
}

/** Whether the simulator switched a failing number to reachable (so Retry can be shown working). */
export async function isHandsetReachable({ db, handset }: { db: DbOrTx; handset: string }): Promise<boolean> {
  const setting = await getSetting<{ reachable: boolean }>({ db, key: handsetKey(handset) });
  return setting?.reachable ?? false;
}

export async function setHandsetReachable({ db, handset, reachable }: { db: DbOrTx; handset: string; reachable: boolean }): Promise<void> {
  await putSetting({ db, key: handsetKey(handset), value: { reachable } });
}
