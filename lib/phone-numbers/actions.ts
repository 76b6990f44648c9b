"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getPhoneNumber } from "@/db/queries/phone-numbers";
import { getPortRequest } from "@/db/queries/port-requests";
import { twilioMode } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { action, formAction } from "@/lib/http/action";
import { buyPhoneNumber, importPhoneNumbers, releasePhoneNumber } from "@/lib/phone-numbers/manage";
import { checkPortRequest, completePortInSandbox, markPortInProgress, rejectPortRequest, submitPortRequest } from "@/lib/phone-numbers/porting";
import { searchAvailableNumbers } from "@/lib/phone-numbers/search";
import { buyNumberSchema, idSchema, importNumbersSchema, numberSearchSchema, portRejectionSchema, portRequestSchema } from "@/lib/phone-numbers/validation";
import { getTwilioClient } from "@/lib/twilio/client";

const LIST = "/settings/phone-numbers";
const NO_PORT = "That port request does not exist.";
const PORT_FIELDS = ["phoneNumber", "currentCarrier", "carrierAccountNumber", "carrierPin", "authorizedName", "serviceAddress"];

export const searchNumbersAction = formAction(
  {
    role: "admin",
    schema: numberSearchSchema,
    fields: (form) => ({ country: form.get("country"), type: form.get("type"), areaCode: form.get("areaCode") ?? undefined, contains: form.get("contains") ?? undefined }),
  },
  async ({ input }) => ({ results: await searchAvailableNumbers({ twilio: await getTwilioClient(), search: input }) }),
);

export const buyNumberAction = action(
  { role: "admin", schema: buyNumberSchema, invalid: (fieldErrors) => ({ message: Object.values(fieldErrors)[0] ?? "That number cannot be bought." }) },
  async ({ db, audit, input }) => {
    // Buying calls Twilio, so its entry is written after the change (no network inside a transaction).
    const bought = await buyPhoneNumber({ db, twilio: await getTwilioClient(), e164: input.phoneNumber, type: input.type });
    await audit({ action: "phone_number.bought", target: { phoneNumberId: bought.id, e164: bought.e164 } });
    revalidatePath(LIST);
    redirect(`${LIST}?added=${encodeURIComponent(bought.e164)}`);
  },
);

export const importNumbersAction = formAction(
  { role: "admin", schema: importNumbersSchema, fields: (form) => ({ sids: form.getAll("sid") }), invalid: "Choose at least one number to import." },
  async ({ db, audit, input }) => {
    const imported = await importPhoneNumbers({ db, twilio: await getTwilioClient(), sids: input.sids });
    if (imported.length > 0) await audit({ action: "phone_number.imported", target: { e164s: imported.map((number) => number.e164) } });
    revalidatePath(LIST);
    redirect(`${LIST}?imported=${imported.length}`);
  },
);

export const submitPortRequestAction = formAction(
  { role: "admin", schema: portRequestSchema, fields: (form) => Object.fromEntries(PORT_FIELDS.map((key) => [key, form.get(key) ?? ""])) },
  async ({ audited, user, input }) => {
    await audited(
      (tx) => submitPortRequest({ db: tx, input, actorId: user.id }),
      // The number only: the carrier account number, PIN and address stay out of the log.
      (request) => ({ action: "port_request.submitted", target: { portRequestId: request.id, e164: request.e164 } }),
    );
    revalidatePath(`${LIST}/port`);
  },
);

/** The sandbox plays the carrier; with a real Twilio account only the carrier moves the number. */
export const completePortAction = action({ role: "admin", schema: idSchema, invalid: NO_PORT }, async ({ db, audit, input: { id } }) => {
  if (twilioMode() !== "sandbox") throw new AppError("forbidden", "Only the carrier completes a real port; use “Check status” once it says it is done.");
  await completePortInSandbox({ db, twilio: await getTwilioClient(), id });
  // Completing a port calls Twilio, so its entry is written after the change.
  const request = await getPortRequest({ db, id });
  await audit({ action: "port_request.completed", target: { portRequestId: id, e164: request?.e164 } });
  revalidatePath(LIST, "layout");
});

/** The carrier accepted the port and is working on it. */
export const markPortInProgressAction = action({ role: "admin", schema: idSchema, invalid: NO_PORT }, async ({ audited, input: { id } }) => {
  await audited(
    (tx) => markPortInProgress({ db: tx, id }),
    (request) => ({ action: "port_request.in_progress", target: { portRequestId: request.id, e164: request.e164 } }),
  );
  revalidatePath(`${LIST}/port`);
});

/** Looks for the number among the Twilio account's numbers; completes the port when it is there. */
export const checkPortAction = action({ role: "admin", schema: idSchema, invalid: NO_PORT }, async ({ db, input: { id } }) => {
  const check = await checkPortRequest({ db, twilio: await getTwilioClient(), id });
  revalidatePath(LIST, "layout");
  return check;
});

/** The carrier refused the port, for the reason the admin records. */
export const rejectPortAction = action(
  { role: "admin", schema: portRejectionSchema, invalid: (fieldErrors) => ({ message: fieldErrors.reason ?? NO_PORT, fieldErrors }) },
  async ({ audited, input: { id, reason } }) => {
    await audited(
      async (tx) => {
        await rejectPortRequest({ db: tx, id, reason });
        return getPortRequest({ db: tx, id });
      },
      (request) => ({ action: "port_request.rejected", target: { portRequestId: id, e164: request?.e164 }, details: { reason } }),
    );
    revalidatePath(`${LIST}/port`);
  },
);

export const releaseNumberAction = action({ role: "admin", schema: idSchema, invalid: "That number is not one of yours." }, async ({ db, audit, input: { id } }) => {
  const number = await getPhoneNumber({ db, id });
  await releasePhoneNumber({ db, twilio: await getTwilioClient(), id });
  await audit({ action: "phone_number.released", target: { phoneNumberId: id, e164: number?.e164 } });
  revalidatePath(LIST);
});
