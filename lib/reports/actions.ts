"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/http/action";
import { saveSmsPrice, smsPriceSchema } from "@/lib/reports/prices";

/** Sets the price per SMS segment for one country, for the cost estimate on the reports page. */
export const saveSmsPriceAction = formAction(
  {
    role: "admin",
    schema: smsPriceSchema,
    fields: (form) => ({ country: form.get("country") ?? "", sent: form.get("sent") ?? "", received: form.get("received") ?? "", asOf: form.get("asOf") ?? "" }),
  },
  async ({ audited, input }) => {
    await audited(
      (tx) => saveSmsPrice({ db: tx, price: input }),
      () => ({ action: "sms_price.updated", target: { country: input.country }, details: { sent: String(input.sent), received: String(input.received), asOf: input.asOf } }),
    );
    revalidatePath("/reports");
  },
);
