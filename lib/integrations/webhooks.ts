/** The SMS settings of a Twilio number, in the SDK's spelling. */
export type WebhookConfig = {
  smsUrl: string;
  smsMethod: string;
  smsFallbackUrl: string;
  smsFallbackMethod: string;
  statusCallback: string;
  statusCallbackMethod: string;
};

export const SMS_WEBHOOK_PATH = "/api/twilio/sms";
export const STATUS_WEBHOOK_PATH = "/api/twilio/status";

/**
 * What an SMS integration tells Twilio. The fallback is the same route marked
 * `?fallback=1`, so a retry after a failure is visible in the logs; the route signs and
 * checks the query string with the rest of the URL.
 */
export function expectedWebhooks(baseUrl: string): WebhookConfig {
  const base = baseUrl.replace(/\/+$/, "");
  return {
    smsUrl: `${base}${SMS_WEBHOOK_PATH}`,
    smsMethod: "POST",
    smsFallbackUrl: `${base}${SMS_WEBHOOK_PATH}?fallback=1`,
    smsFallbackMethod: "POST",
    statusCallback: `${base}${STATUS_WEBHOOK_PATH}`,
    statusCallbackMethod: "POST",
  };
}

/** Removes SMS from a number: Twilio stops calling anything when a message arrives. */
export const CLEARED_WEBHOOKS = { smsUrl: "", smsFallbackUrl: "", statusCallback: "" } as const;

export type WebhookProblem = { setting: "SmsUrl" | "SmsMethod" | "SmsFallbackUrl" | "StatusCallback" | "SmsApplicationSid"; message: string };

type ActualConfig = Partial<Record<keyof WebhookConfig | "smsApplicationSid", string | null>>;

const clean = (value: string | null | undefined) => (value ?? "").trim();

function urlProblem(actual: string, expected: string, what: string, setting: WebhookProblem["setting"]): WebhookProblem | null {
  if (actual === expected) return null;
  if (actual === "") return { setting, message: `${what} are not sent anywhere (${setting} is empty).` };
  return { setting, message: `${what} go to ${actual} instead of this app (${expected}).` };
}

/** Every way the number's configuration at Twilio differs from what this app set, in words. */
export function webhookProblems(actual: ActualConfig, expected: WebhookConfig): WebhookProblem[] {
  const problems: (WebhookProblem | null)[] = [
    urlProblem(clean(actual.smsUrl), expected.smsUrl, "Customers’ messages", "SmsUrl"),
    clean(actual.smsUrl) === expected.smsUrl && clean(actual.smsMethod).toUpperCase() !== expected.smsMethod
      ? { setting: "SmsMethod", message: `Customers’ messages are sent with ${clean(actual.smsMethod) || "no method"} instead of POST.` }
      : null,
    urlProblem(clean(actual.statusCallback), expected.statusCallback, "Delivery reports", "StatusCallback"),
    urlProblem(clean(actual.smsFallbackUrl), expected.smsFallbackUrl, "Retries after a failed delivery to this app", "SmsFallbackUrl"),
    // A Twilio app attached to the number overrides all of the URLs above.
    clean(actual.smsApplicationSid)
      ? {
          setting: "SmsApplicationSid",
          message: `The Twilio app ${clean(actual.smsApplicationSid)} is attached to this number and takes its messages instead of this app.`,
        }
      : null,
  ];
  return problems.filter((problem): problem is WebhookProblem => problem !== null);
}
