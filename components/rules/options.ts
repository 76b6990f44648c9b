/** What the rule form offers to choose from, read by the page on the server. */
export interface RuleFormOptions {
  integrations: { id: string; name: string; maxMessageLength: number; status: "active" | "deactivated" }[];
  users: { id: string; name: string }[];
  countries: { code: string; name: string }[];
  businessHoursSet: boolean;
}
