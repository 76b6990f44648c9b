import type { ArrivedMessage } from "@/lib/tickets/types";
import type { TicketViewer } from "@/lib/presence/types";
import type { NotificationChoices } from "@/lib/notifications/validation";
import type { InboxCounts } from "@/lib/tickets/types";
import type { DraftSave, DraftView, TicketDrafts } from "@/lib/drafts/validation";
import type { PresenceReport } from "@/lib/presence/validation";
import type { PolicyMatch } from "@/lib/outbound/policy-warning";
import type { InboxListPage } from "@/lib/tickets/inbox";
import type { InboxFilters } from "@/lib/tickets/validation";
import type { BulkStepRequest, BulkStepView } from "@/lib/bulk/validation";
import type { ThreadSlice, TicketView } from "@/lib/tickets/view";

/** A saved answer as the composer's menu gets it, placeholders not yet filled; a macro's actions in words. */
export interface SavedReply {
  id: string;
  title: string;
  body: string;
  /** "add tag vip · assign to you · close"; empty for a plain saved reply. */
  summary: string;
  /** The agent's own macro, seen by them only. */
  own: boolean;
}

/** A refused request, with the server's message written for people. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly fieldErrors?: Record<string, string>,
    readonly policy?: PolicyMatch,
    /** A reply stopped because the customer or another agent wrote meanwhile: what arrived. */
    readonly arrived?: ArrivedMessage[],
  ) {
    super(message);
  }
}

async function request<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { Accept: "application/json", ...init?.headers } });
  } catch {
    throw new ApiError("The app could not be reached. Check your connection and try again.", 0, "network");
  }
  const data = (await response.json().catch(() => null)) as
    | (T & { error?: undefined })
    | { error?: { code: string; message: string; fieldErrors?: Record<string, string>; policy?: PolicyMatch; arrived?: ArrivedMessage[] } }
    | null;
  if (!response.ok) {
    const error = data && "error" in data ? data.error : undefined;
    // Signed out meanwhile (expired, deactivated): reloading lets the page send them to sign in.
    if (response.status === 401 && typeof window !== "undefined") window.location.reload();
    throw new ApiError(error?.message ?? "Something went wrong. Try again.", response.status, error?.code ?? "unknown", error?.fieldErrors, error?.policy, error?.arrived);
  }
  return data as T;
}

function json(method: string, body: unknown, init: RequestInit = {}): RequestInit {
  return { ...init, method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
}

export function filtersQuery(filters: InboxFilters, extra: Record<string, string | null | undefined> = {}): string {
  const params = new URLSearchParams();
  if (filters.view !== (filters.q ? "all" : "open")) params.set("view", filters.view);
  if (filters.integration) params.set("integration", filters.integration);
  if (filters.tag) params.set("tag", filters.tag);
  if (filters.q) params.set("q", filters.q);
  if (filters.sort !== "recent") params.set("sort", filters.sort);
  for (const [key, value] of Object.entries(extra)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export const inboxApi = {
  listTickets: (filters: InboxFilters, cursor: string | null) => request<InboxListPage>(`/api/tickets${filtersQuery(filters, { cursor })}`),
  counts: (integration: string | undefined, q?: string, tag?: string) =>
    request<InboxCounts>(`/api/tickets/counts${filtersQuery({ view: q ? "all" : "open", integration, tag, q, sort: "recent" })}`),
  /** Tag names holding `query` (all of them, by name, without one). */
  tags: (query = "") => request<{ tags: string[] }>(`/api/tags${query ? `?q=${encodeURIComponent(query)}` : ""}`),
  tag: (ticketId: string, name: string) => request<{ name: string }>(`/api/tickets/${ticketId}/tags`, json("POST", { name })),
  untag: (ticketId: string, name: string) => request<{ ok: true }>(`/api/tickets/${ticketId}/tags`, json("DELETE", { name })),
  ticket: (ticketId: string) => request<TicketView>(`/api/tickets/${ticketId}`),
  thread: (ticketId: string, before: string | null) => request<ThreadSlice>(`/api/tickets/${ticketId}/thread${before ? `?before=${encodeURIComponent(before)}` : ""}`),
  act: (
    ticketId: string,
    action: { action: "assign" | "restore"; assigneeId: string | null } | { action: "close" | "reopen" | "read" | "unsnooze" } | { action: "snooze"; until: string },
  ) =>
    request<{ ok: true }>(`/api/tickets/${ticketId}`, json("PATCH", action)),
  reply: (ticketId: string, form: FormData) => request<{ messageId: string }>(`/api/tickets/${ticketId}/messages`, { method: "POST", body: form }),
  applyMacro: (ticketId: string, macro: { savedReplyId: string; runId: string; timeZone: string }) =>
    request<{ applied: boolean }>(`/api/tickets/${ticketId}/macro`, json("POST", macro)),
  note: (ticketId: string, body: string) => request<{ messageId: string }>(`/api/tickets/${ticketId}/notes`, json("POST", { body })),
  retryMessage: (messageId: string) => request<{ ok: true }>(`/api/messages/${messageId}/retry`, { method: "POST" }),
  retryAttachment: (attachmentId: string) => request<{ ok: true }>(`/api/attachments/${attachmentId}/retry`, { method: "POST" }),
  renameCustomer: (customerId: string, name: string, ticketId: string) =>
    request<{ name: string | null }>(`/api/customers/${customerId}`, json("PATCH", { name, ticketId })),
  drafts: (ticketId: string) => request<TicketDrafts>(`/api/tickets/${ticketId}/draft`),
  /** keepalive: the page may be going away (tab closed, another page opened); the save still arrives. */
  saveDraft: (ticketId: string, draft: DraftSave, keepalive = false) =>
    request<{ draft: DraftView | null }>(`/api/tickets/${ticketId}/draft`, json("PUT", draft, { keepalive })),
  presence: (ticketId: string, report: PresenceReport, keepalive = false) =>
    request<{ viewers: TicketViewer[] }>(`/api/tickets/${ticketId}/presence`, json("POST", report, { keepalive })),
  notificationSettings: () => request<NotificationChoices>("/api/me/notifications"),
  saveNotificationSettings: (settings: NotificationChoices) => request<NotificationChoices>("/api/me/notifications", json("PATCH", settings)),
  savedReplies: () => request<{ replies: SavedReply[] }>("/api/saved-replies"),
  startBulkStep: (step: BulkStepRequest) => request<BulkStepView>("/api/bulk-steps", json("POST", step)),
  bulkStep: (stepId: string) => request<BulkStepView>(`/api/bulk-steps/${stepId}`),
  undoBulkStep: (stepId: string) => request<BulkStepView>(`/api/bulk-steps/${stepId}/undo`, { method: "POST" }),
  startConversation: (form: FormData) => request<{ ticketId: string; existing: boolean }>(`/api/tickets`, { method: "POST", body: form }),
};
