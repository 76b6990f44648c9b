/**
 * Who may reach what. Every page, route handler and server action in app/ must be listed
 * here: the authorization test fails for anything new until it is.
 *
 * access:
 * - public: anyone (sign-in, first run, health, next-auth's own routes, the bare redirect at /)
 * - user: signed-in agents and admins
 * - admin: signed-in admins only
 * - twilio: Twilio's webhooks, which need a valid X-Twilio-Signature whoever calls
 * - sandbox-api: the sandbox's REST API, which needs the sandbox account's Basic auth
 */
export type Access = "public" | "user" | "admin" | "twilio" | "sandbox-api";

export interface RouteEntry {
  /** The file under app/, as the filesystem has it. */
  file: string;
  /** A concrete URL to call (dynamic segments filled with ids that do not exist). */
  url: string;
  access: Access;
  /** Route handlers: the methods to try. */
  methods?: ("GET" | "POST" | "PATCH" | "DELETE")[];
}

export const MISSING_ID = "00000000-0000-4000-8000-000000000000";

export const routes: RouteEntry[] = [
  { file: "app/page.tsx", url: "/", access: "public" },
  { file: "app/(auth)/login/page.tsx", url: "/login", access: "public" },
  { file: "app/(auth)/setup/page.tsx", url: "/setup", access: "public" },
  { file: "app/(app)/tickets/page.tsx", url: "/tickets", access: "user" },
  { file: "app/(app)/settings/page.tsx", url: "/settings", access: "admin" },
  { file: "app/(app)/settings/audit/page.tsx", url: "/settings/audit", access: "admin" },
  { file: "app/(app)/settings/users/page.tsx", url: "/settings/users", access: "admin" },
  { file: "app/(app)/settings/rules/page.tsx", url: "/settings/rules", access: "admin" },
  { file: "app/(app)/settings/phone-numbers/page.tsx", url: "/settings/phone-numbers", access: "admin" },
  { file: "app/(app)/settings/phone-numbers/new/page.tsx", url: "/settings/phone-numbers/new", access: "admin" },
  { file: "app/(app)/settings/phone-numbers/import/page.tsx", url: "/settings/phone-numbers/import", access: "admin" },
  { file: "app/(app)/settings/phone-numbers/port/page.tsx", url: "/settings/phone-numbers/port", access: "admin" },
  { file: "app/(app)/settings/integrations/sms/page.tsx", url: "/settings/integrations/sms", access: "admin" },
  { file: "app/(app)/settings/integrations/sms/new/page.tsx", url: "/settings/integrations/sms/new", access: "admin" },
  { file: "app/(app)/settings/integrations/sms/countries/page.tsx", url: "/settings/integrations/sms/countries", access: "admin" },
  { file: "app/(app)/settings/integrations/sms/[id]/page.tsx", url: `/settings/integrations/sms/${MISSING_ID}`, access: "admin" },
  { file: "app/api/health/route.ts", url: "/api/health", access: "public", methods: ["GET"] },
  { file: "app/api/auth/[...nextauth]/route.ts", url: "/api/auth/providers", access: "public", methods: ["GET"] },
  { file: "app/api/twilio/sms/route.ts", url: "/api/twilio/sms", access: "twilio", methods: ["POST"] },
  { file: "app/api/twilio/status/route.ts", url: "/api/twilio/status", access: "twilio", methods: ["POST"] },
  { file: "app/sandbox/twilio/[...path]/route.ts", url: "/sandbox/twilio/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages.json", access: "sandbox-api", methods: ["GET", "POST"] },
];

/** Server actions by file and exported name; all but the first-run one need a signed-in caller. */
export const actions: Record<string, { access: Access; args: unknown[] }> = {
  "app/(auth)/setup/actions.ts#createFirstAdminAction": { access: "public", args: [] },
  "app/(app)/settings/users/actions.ts#addUserAction": { access: "admin", args: [null, {}] },
  "app/(app)/settings/users/actions.ts#changeRoleAction": { access: "admin", args: [{ userId: MISSING_ID, role: "agent" }] },
  "app/(app)/settings/users/actions.ts#setActiveAction": { access: "admin", args: [{ userId: MISSING_ID, active: false }] },
};
