// A number's US registration in the sandbox, as its panel offers it; safe for the browser.

/** A number's US registration as the sandbox's account panel offers it. */
export const SANDBOX_REGISTRATIONS = ["unregistered", "pending", "registered", "rejected"] as const;
export type SandboxRegistration = (typeof SANDBOX_REGISTRATIONS)[number];

/** US carriers' rules: a 10-digit US or Canadian number needs an A2P 10DLC campaign, a toll-free one a verification. */
export type RegistrationKind = "10dlc" | "toll-free";

export function registrationKind(number: { isoCountry: string; numberType: string }): RegistrationKind | null {
  if (number.isoCountry !== "US" && number.isoCountry !== "CA") return null;
  return number.numberType === "toll-free" ? "toll-free" : "10dlc";
}

