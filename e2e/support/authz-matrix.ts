/**
 * Who may reach what. Every page and route handler in app/, and every server action (an
 * export of a "use server" file under app/, lib/ or components/), must be listed here: the
 * authorization test fails for anything new until it is.
 *
 * access:
 * - public: anyone (sign-in, first run, health, next-auth's own routes, the bare redirect at /)
 * - user: signed-in agents and admins
 * - admin: signed-in admins only
 * - twilio: Twilio's webhooks, which need a valid X-Twilio-Signature whoever calls
 * - sandbox-api: the sandbox's REST API, which needs the sandbox account's Basic auth
 * - signed: a URL the app signed and handed out (outgoing MMS media for Twilio): 403 without its signature, whoever calls
 */
export type Access = "public" | "user" | "admin" | "twilio" | "sandbox-api" | "signed";

export interface RouteEntry {
  /** The file under app/, as the filesystem has it. */
  file: string;
  /** A concrete URL to call (dynamic segments filled with ids that do not exist). */
  url: string;
  access: Access;
  /** Route handlers: the methods to try. */
  methods?: ("GET" | "POST" | "PUT" | "PATCH" | "DELETE")[];
  /** A stream (server-sent events): only the refusals are checked. */
  stream?: boolean;
}

export const MISSING_ID = "00000000-0000-4000-8000-000000000000";

export const routes: RouteEntry[] = [
  { file: "app/page.tsx", url: "/", access: "public" },
  { file: "app/(auth)/login/page.tsx", url: "/login", access: "public" },
  { file: "app/(auth)/setup/page.tsx", url: "/setup", access: "public" },
  { file: "app/(auth)/reset-password/[token]/page.tsx", url: `/reset-password/${MISSING_ID}.not-a-real-secret-at-all-000000`, access: "public" },
  { file: "app/(app)/account/page.tsx", url: "/account", access: "user" },
  { file: "app/(app)/tickets/page.tsx", url: "/tickets", access: "user" },
  { file: "app/(app)/reports/page.tsx", url: "/reports?range=90", access: "user" },
  { file: "app/(app)/tickets/[ticketId]/page.tsx", url: `/tickets/${MISSING_ID}`, access: "user" },
  { file: "app/(app)/settings/page.tsx", url: "/settings", access: "admin" },
  { file: "app/(app)/settings/audit/page.tsx", url: "/settings/audit", access: "admin" },
  { file: "app/(app)/settings/audit/refused/page.tsx", url: "/settings/audit/refused?q=%2B12065550100", access: "admin" },
  { file: "app/(app)/settings/users/page.tsx", url: "/settings/users", access: "admin" },
  { file: "app/(app)/settings/rules/page.tsx", url: "/settings/rules", access: "admin" },
  { file: "app/(app)/settings/rules/new/page.tsx", url: "/settings/rules/new", access: "admin" },
  { file: "app/(app)/settings/rules/[id]/page.tsx", url: `/settings/rules/${MISSING_ID}`, access: "admin" },
  { file: "app/(app)/settings/saved-replies/page.tsx", url: "/settings/saved-replies", access: "admin" },
  { file: "app/(app)/settings/saved-replies/new/page.tsx", url: "/settings/saved-replies/new", access: "admin" },
  { file: "app/(app)/settings/saved-replies/[id]/page.tsx", url: `/settings/saved-replies/${MISSING_ID}`, access: "admin" },
  { file: "app/(app)/macros/page.tsx", url: "/macros", access: "user" },
  { file: "app/(app)/macros/new/page.tsx", url: "/macros/new", access: "user" },
  { file: "app/(app)/macros/[id]/page.tsx", url: `/macros/${MISSING_ID}`, access: "user" },
  { file: "app/(app)/settings/tags/page.tsx", url: "/settings/tags", access: "admin" },
  { file: "app/(app)/settings/business-hours/page.tsx", url: "/settings/business-hours", access: "admin" },
  { file: "app/(app)/settings/phone-numbers/page.tsx", url: "/settings/phone-numbers", access: "admin" },
  { file: "app/(app)/settings/phone-numbers/new/page.tsx", url: "/settings/phone-numbers/new", access: "admin" },
  { file: "app/(app)/settings/phone-numbers/import/page.tsx", url: "/settings/phone-numbers/import", access: "admin" },
  { file: "app/(app)/settings/phone-numbers/port/page.tsx", url: "/settings/phone-numbers/port", access: "admin" },
  { file: "app/(app)/settings/integrations/sms/page.tsx", url: "/settings/integrations/sms", access: "admin" },
  { file: "app/(app)/settings/integrations/sms/new/page.tsx", url: "/settings/integrations/sms/new", access: "admin" },
  { file: "app/(app)/settings/integrations/sms/countries/page.tsx", url: "/settings/integrations/sms/countries", access: "admin" },
  { file: "app/(app)/settings/integrations/sms/[id]/page.tsx", url: `/settings/integrations/sms/${MISSING_ID}`, access: "admin" },
  { file: "app/(app)/sandbox/phone/page.tsx", url: "/sandbox/phone", access: "user" },
  { file: "app/(app)/sandbox/phone/carrier-rules/route.ts", url: "/sandbox/phone/carrier-rules", access: "admin", methods: ["POST"] },
  { file: "app/(app)/sandbox/phone/events/route.ts", url: "/sandbox/phone/events", access: "user", methods: ["GET"], stream: true },
  { file: "app/(app)/sandbox/phone/messages/route.ts", url: "/sandbox/phone/messages", access: "user", methods: ["POST"] },
  { file: "app/(app)/sandbox/phone/reachable/route.ts", url: "/sandbox/phone/reachable", access: "user", methods: ["POST"] },
  { file: "app/(app)/sandbox/phone/registration/route.ts", url: "/sandbox/phone/registration", access: "admin", methods: ["POST"] },
  { file: "app/(app)/sandbox/phone/state/route.ts", url: "/sandbox/phone/state", access: "user", methods: ["GET"] },
  { file: "app/api/health/route.ts", url: "/api/health", access: "public", methods: ["GET"] },
  { file: "app/api/auth/[...nextauth]/route.ts", url: "/api/auth/providers", access: "public", methods: ["GET"] },
  { file: "app/api/tickets/route.ts", url: "/api/tickets", access: "user", methods: ["GET", "POST"] },
  { file: "app/api/bulk-steps/route.ts", url: "/api/bulk-steps", access: "user", methods: ["POST"] },
  { file: "app/api/bulk-steps/[stepId]/route.ts", url: `/api/bulk-steps/${MISSING_ID}`, access: "user", methods: ["GET"] },
  { file: "app/api/bulk-steps/[stepId]/undo/route.ts", url: `/api/bulk-steps/${MISSING_ID}/undo`, access: "user", methods: ["POST"] },
  { file: "app/api/tickets/counts/route.ts", url: "/api/tickets/counts", access: "user", methods: ["GET"] },
  { file: "app/api/me/notifications/route.ts", url: "/api/me/notifications", access: "user", methods: ["GET", "PATCH"] },
  { file: "app/api/tickets/[ticketId]/route.ts", url: `/api/tickets/${MISSING_ID}`, access: "user", methods: ["GET", "PATCH"] },
  { file: "app/api/tickets/[ticketId]/thread/route.ts", url: `/api/tickets/${MISSING_ID}/thread`, access: "user", methods: ["GET"] },
  { file: "app/api/tickets/[ticketId]/messages/route.ts", url: `/api/tickets/${MISSING_ID}/messages`, access: "user", methods: ["POST"] },
  { file: "app/api/tickets/[ticketId]/notes/route.ts", url: `/api/tickets/${MISSING_ID}/notes`, access: "user", methods: ["POST"] },
  { file: "app/api/tickets/[ticketId]/draft/route.ts", url: `/api/tickets/${MISSING_ID}/draft`, access: "user", methods: ["GET", "PUT"] },
  { file: "app/api/tickets/[ticketId]/macro/route.ts", url: `/api/tickets/${MISSING_ID}/macro`, access: "user", methods: ["POST"] },
  { file: "app/api/tickets/[ticketId]/tags/route.ts", url: `/api/tickets/${MISSING_ID}/tags`, access: "user", methods: ["POST", "DELETE"] },
  { file: "app/api/tags/route.ts", url: "/api/tags?q=vip", access: "user", methods: ["GET"] },
  { file: "app/api/tickets/[ticketId]/presence/route.ts", url: `/api/tickets/${MISSING_ID}/presence`, access: "user", methods: ["GET", "POST"] },
  { file: "app/api/messages/[messageId]/retry/route.ts", url: `/api/messages/${MISSING_ID}/retry`, access: "user", methods: ["POST"] },
  { file: "app/api/customers/[customerId]/route.ts", url: `/api/customers/${MISSING_ID}`, access: "user", methods: ["PATCH"] },
  { file: "app/api/attachments/[attachmentId]/route.ts", url: `/api/attachments/${MISSING_ID}`, access: "user", methods: ["GET"] },
  { file: "app/api/attachments/[attachmentId]/retry/route.ts", url: `/api/attachments/${MISSING_ID}/retry`, access: "user", methods: ["POST"] },
  { file: "app/api/saved-replies/route.ts", url: "/api/saved-replies", access: "user", methods: ["GET"] },
  { file: "app/api/reports/[chart]/route.ts", url: "/api/reports/conversations?range=30", access: "user", methods: ["GET"] },
  { file: "app/api/reports/[chart]/route.ts", url: "/api/reports/usage?range=30&format=csv", access: "admin", methods: ["GET"] },
  { file: "app/api/reports/[chart]/route.ts", url: "/api/reports/refused?range=30", access: "admin", methods: ["GET"] },
  { file: "app/api/events/route.ts", url: "/api/events", access: "user", methods: ["GET"], stream: true },
  { file: "app/api/media/[attachmentId]/route.ts", url: `/api/media/${MISSING_ID}?expires=9999999999&sig=forged`, access: "signed", methods: ["GET"] },
  { file: "app/api/twilio/sms/route.ts", url: "/api/twilio/sms", access: "twilio", methods: ["POST"] },
  { file: "app/api/twilio/status/route.ts", url: "/api/twilio/status", access: "twilio", methods: ["POST"] },
  { file: "app/sandbox/twilio/[...path]/route.ts", url: "/sandbox/twilio/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages.json", access: "sandbox-api", methods: ["GET", "POST"] },
];

/** Server actions by file and exported name; all but the first-run one need a signed-in caller. */
export const actions: Record<string, { access: Access; args: unknown[] }> = {
  "lib/setup/actions.ts#createFirstAdminAction": { access: "public", args: [] },
  "lib/users/actions.ts#addUserAction": { access: "admin", args: [null, {}] },
  "lib/users/actions.ts#changeRoleAction": { access: "admin", args: [{ userId: MISSING_ID, role: "agent" }] },
  "lib/users/actions.ts#setActiveAction": { access: "admin", args: [{ userId: MISSING_ID, active: false }] },
  "lib/users/actions.ts#makeResetLinkAction": { access: "admin", args: [{ userId: MISSING_ID }] },
  "lib/users/actions.ts#updateProfileAction": { access: "user", args: [null, {}] },
  "lib/users/actions.ts#changePasswordAction": { access: "user", args: [null, {}] },
  "lib/users/actions.ts#resetPasswordAction": { access: "public", args: [null, {}] },
  "lib/phone-numbers/actions.ts#searchNumbersAction": { access: "admin", args: [null, {}] },
  "lib/phone-numbers/actions.ts#buyNumberAction": { access: "admin", args: [{"phoneNumber":"+14155550111","type":"local"}] },
  "lib/phone-numbers/actions.ts#importNumbersAction": { access: "admin", args: [null, {}] },
  "lib/phone-numbers/actions.ts#submitPortRequestAction": { access: "admin", args: [null, {}] },
  "lib/phone-numbers/actions.ts#completePortAction": { access: "admin", args: [{ id: MISSING_ID }] },
  "lib/phone-numbers/actions.ts#markPortInProgressAction": { access: "admin", args: [{ id: MISSING_ID }] },
  "lib/phone-numbers/actions.ts#checkPortAction": { access: "admin", args: [{ id: MISSING_ID }] },
  "lib/phone-numbers/actions.ts#rejectPortAction": { access: "admin", args: [{ id: MISSING_ID, reason: "Wrong PIN" }] },
  "lib/phone-numbers/actions.ts#releaseNumberAction": { access: "admin", args: [{ id: MISSING_ID }] },
  "lib/integrations/actions.ts#createIntegrationAction": { access: "admin", args: [null, {}] },
  "lib/integrations/actions.ts#renameIntegrationAction": { access: "admin", args: [null, {}] },
  "lib/integrations/actions.ts#updateSettingsAction": { access: "admin", args: [null, {}] },
  "lib/integrations/actions.ts#deactivateIntegrationAction": { access: "admin", args: [null, {}] },
  "lib/integrations/actions.ts#reactivateIntegrationAction": { access: "admin", args: [{ id: MISSING_ID }] },
  "lib/integrations/actions.ts#repairIntegrationAction": { access: "admin", args: [{ id: MISSING_ID }] },
  "lib/integrations/actions.ts#deleteIntegrationAction": { access: "admin", args: [{ id: MISSING_ID }] },
  "lib/integrations/actions.ts#setMessagingServiceAction": { access: "admin", args: [null, {}] },
  "lib/integrations/actions.ts#recheckReadinessAction": { access: "admin", args: [{ id: MISSING_ID }] },
  "lib/rules/actions.ts#saveRuleAction": { access: "admin", args: [{ id: null, rule: {} }] },
  "lib/rules/actions.ts#setRuleEnabledAction": { access: "admin", args: [{ id: MISSING_ID, enabled: false }] },
  "lib/rules/actions.ts#moveRuleAction": { access: "admin", args: [{ id: MISSING_ID, direction: "up" }] },
  "lib/rules/actions.ts#duplicateRuleAction": { access: "admin", args: [{ id: MISSING_ID }] },
  "lib/rules/actions.ts#deleteRuleAction": { access: "admin", args: [{ id: MISSING_ID }] },
  "lib/rules/actions.ts#testRulesAction": { access: "admin", args: [{}] },
  // Agents save and delete their own macros only, and create them only while admins allow it (tests/integration/macros.test.ts).
  "lib/saved-replies/actions.ts#saveSavedReplyAction": { access: "user", args: [null, {}] },
  "lib/saved-replies/actions.ts#deleteSavedReplyAction": { access: "user", args: [{ id: MISSING_ID }] },
  "lib/saved-replies/actions.ts#saveMacroSettingsAction": { access: "admin", args: [{ agentsCreateOwn: true }] },
  "lib/rules/actions.ts#saveBusinessHoursAction": { access: "admin", args: [{}] },
  "lib/rules/actions.ts#saveResponseTargetAction": { access: "admin", args: [null, {}] },
  "lib/integrations/actions.ts#allowCountryAction": { access: "admin", args: [null, {}] },
  "lib/integrations/actions.ts#removeCountryAction": { access: "admin", args: [{"country":"US"}] },
  "lib/reports/actions.ts#saveSmsPriceAction": { access: "admin", args: [null, {}] },
  "lib/tags/actions.ts#renameTagAction": { access: "admin", args: [{ id: MISSING_ID, name: "renamed" }] },
  "lib/tags/actions.ts#mergeTagAction": { access: "admin", args: [{ id: MISSING_ID, intoId: "00000000-0000-4000-8000-000000000001" }] },
  "lib/tags/actions.ts#deleteTagAction": { access: "admin", args: [{ id: MISSING_ID }] },
};
