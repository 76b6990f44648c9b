// Words and links for a number's US registration, shared by server and browser.

export type UsRegistrationKind = "10dlc" | "toll-free";
export type UsReadinessState = "ready" | "pending" | "not-registered" | "unknown";

export const US_READINESS_LABELS: Record<UsReadinessState, string> = {
  ready: "Ready",
  pending: "Registration pending",
  "not-registered": "Not registered: US carriers will block texts from this number",
  unknown: "Could not ask Twilio",
};

export const US_REGISTRATION_DOCS: Record<UsRegistrationKind, { href: string; label: string }> = {
  "10dlc": { href: "https://www.twilio.com/docs/messaging/compliance/a2p-10dlc", label: "About A2P 10DLC registration" },
  "toll-free": { href: "https://www.twilio.com/docs/messaging/compliance/toll-free/console-onboarding", label: "About toll-free verification" },
};

/** US carriers' rules: a 10-digit US or Canadian number needs an A2P 10DLC campaign, a toll-free one a verification; other numbers neither. */
export function usRegistrationKind(number: { country: string; type: string }): UsRegistrationKind | null {
  if (number.country !== "US" && number.country !== "CA") return null;
  return number.type === "toll-free" ? "toll-free" : "10dlc";
}
