import type { DbOrTx } from "@/db/client";
import { getSandboxService } from "@/db/queries/sandbox-messaging";
import { getSandboxNumberByPhone } from "@/db/queries/sandbox-numbers";
import { getSetting, putSetting } from "@/db/queries/settings";
import { countryOfNumber } from "@/lib/phone/normalize";
import type { Fate } from "./carrier";
import { registrationOf } from "./registration";
import { registrationKind, type RegistrationKind, type SandboxRegistration } from "./registration-states";

const SETTING = "sandbox.usCarrierRules";

/**
 * What US carriers do to a text from a number that is not registered with them: a 10-digit US
 * or Canadian number texting a US phone needs an approved A2P 10DLC campaign (else 30034); a
 * toll-free number texting a US or Canadian phone needs an approved verification (else 30032).
 * A campaign or verification still under review does not count. Null when the text may go.
 */
export function usCarrierBlock({ kind, registration, to }: { kind: RegistrationKind | null; registration: SandboxRegistration; to: string }): Fate | null {
  if (!kind || registration === "registered") return null;
  const country = countryOfNumber(to);
  if (kind === "10dlc" && country === "US") return { status: "undelivered", errorCode: 30034, errorMessage: "Message from an Unregistered Number" };
  if (kind === "toll-free" && (country === "US" || country === "CA")) {
    return { status: "undelivered", errorCode: 30032, errorMessage: "Toll-Free Number Has Not Been Verified" };
  }
  return null;
}

/** Whether the sandbox blocks texts from unregistered numbers, as US carriers do (switched in the account panel). */
export async function areUsCarrierRulesOn({ db }: { db: DbOrTx }): Promise<boolean> {
  const setting = await getSetting<{ on: boolean }>({ db, key: SETTING });
  return setting?.on ?? false;
}

export async function setUsCarrierRules({ db, on }: { db: DbOrTx; on: boolean }): Promise<void> {
  await putSetting({ db, key: SETTING, value: { on } });
}

/** What the carrier does to a text from `from` (a sandbox number) to `to`, by the sender's registration now. */
export async function usCarrierFate({ db, from, to }: { db: DbOrTx; from: string; to: string }): Promise<Fate | null> {
  if (!(await areUsCarrierRulesOn({ db }))) return null;
  const number = await getSandboxNumberByPhone({ db, phoneNumber: from });
  const kind = number ? registrationKind(number) : null;
  if (!number || !kind) return null;
  const service = number.messagingServiceSid ? await getSandboxService({ db, accountSid: number.accountSid, sid: number.messagingServiceSid }) : null;
  return usCarrierBlock({ kind, registration: registrationOf(number, service), to });
}
