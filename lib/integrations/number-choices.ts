import type { DbOrTx } from "@/db/client";
import { listPhoneNumbers } from "@/db/queries/phone-numbers";
import { formatPhoneNumber } from "@/lib/phone/normalize";
import { supportOfOwnedNumber } from "@/lib/phone-numbers/manage";

export type NumberChoice = {
  id: string;
  display: string;
  friendlyName: string;
  /** Null when the number can be chosen; otherwise why not. */
  unavailableReason: string | null;
  /** Said of a number that can be chosen but cannot do everything (no MMS). */
  note: string | null;
};

/** Every owned number, and whether an SMS integration can go on it (and why not). */
export async function listNumberChoices({ db }: { db: DbOrTx }): Promise<NumberChoice[]> {
  const numbers = await listPhoneNumbers({ db });
  return numbers.map((number) => {
    const support = supportOfOwnedNumber(number);
    const unavailableReason = number.integration
      ? `Already used by the SMS integration “${number.integration.name}”.`
      : support.sms
        ? null
        : support.reason;
    return {
      id: number.id,
      display: formatPhoneNumber(number.e164),
      friendlyName: number.friendlyName,
      unavailableReason,
      note: unavailableReason ? null : support.reason,
    };
  });
}
