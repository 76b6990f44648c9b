import { z } from "zod";
import { getSetting, putSetting } from "@/db/queries/settings";
import type { DbOrTx } from "@/db/client";

export const SMS_PRICES_KEY = "sms_prices";

/** US dollars per SMS segment for one country, sent and received, and the day the price was current. */
export interface SmsPrice {
  country: string;
  sent: number;
  received: number;
  asOf: string;
}

/**
 * Twilio's published prices per segment for long-code SMS, and when they were current.
 * Carrier fees come on top, so the cost shown is an estimate; admins change these under
 * Reports → SMS usage.
 */
export const DEFAULT_SMS_PRICES: readonly SmsPrice[] = [
  { country: "US", sent: 0.0083, received: 0.0083, asOf: "2026-07-01" },
  { country: "CA", sent: 0.0083, received: 0.0083, asOf: "2026-07-01" },
  { country: "GB", sent: 0.0524, received: 0.0075, asOf: "2026-07-01" },
];

const price = z.coerce.number({ message: "Give the price as a number of dollars, e.g. 0.0083." }).min(0, "A price cannot be negative.").max(10, "A price per segment is at most $10.");

export const smsPriceSchema = z.object({
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, "Choose a country by its two-letter code, e.g. US."),
  sent: price,
  received: price,
  asOf: z.iso.date({ message: "Give the date the price was current as YYYY-MM-DD." }),
});

const storedPricesSchema = z.array(smsPriceSchema).max(300);

/** The prices admins set, or the defaults until they set any. */
export async function getSmsPrices({ db }: { db: DbOrTx }): Promise<SmsPrice[]> {
  const stored = storedPricesSchema.safeParse(await getSetting<unknown>({ db, key: SMS_PRICES_KEY }));
  return stored.success ? stored.data : [...DEFAULT_SMS_PRICES];
}

/** Sets (or replaces) one country's price. */
export async function saveSmsPrice({ db, price: next }: { db: DbOrTx; price: SmsPrice }): Promise<SmsPrice[]> {
  const prices = (await getSmsPrices({ db })).filter((existing) => existing.country !== next.country);
  const sorted = [...prices, next].sort((a, b) => a.country.localeCompare(b.country));
  await putSetting({ db, key: SMS_PRICES_KEY, value: sorted });
  return sorted;
}
