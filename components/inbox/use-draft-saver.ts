"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { draftLength, draftTooLongMessage, MAX_DRAFT_LENGTH, type DraftSave, type TicketDrafts } from "@/lib/drafts/validation";
import { inboxApi } from "./api";
import { inboxKeys } from "./query-keys";

type Kind = DraftSave["kind"];

const SAVE_AFTER_MS = 600;

/** This browser's copy of a draft the server has not confirmed yet. */
interface LocalCopy {
  body: string;
  basisMessageId: string | null;
  at: number;
}

const localKey = (ticketId: string, kind: Kind) => `inbox.draft.${ticketId}.${kind}`;

function readLocal(ticketId: string, kind: Kind): LocalCopy | null {
  try {
    const stored = window.localStorage.getItem(localKey(ticketId, kind));
    if (!stored) return null;
    const copy = JSON.parse(stored) as Partial<LocalCopy>;
    return typeof copy.body === "string" && typeof copy.at === "number" ? { body: copy.body, basisMessageId: copy.basisMessageId ?? null, at: copy.at } : null;
  } catch {
    return null;
  }
}

function writeLocal(ticketId: string, kind: Kind, copy: LocalCopy | null) {
  try {
    if (copy) window.localStorage.setItem(localKey(ticketId, kind), JSON.stringify(copy));
    else window.localStorage.removeItem(localKey(ticketId, kind));
  } catch {
    // No storage (private mode, full): the server's copy is the only one.
  }
}

/**
 * Keeps what the agent writes on the server as they type: a save 600 ms after the last
 * keystroke, one request at a time and in order, and whatever is unsaved when the page is
 * hidden, left or closed is sent with keepalive so it arrives anyway. The drafts query is
 * kept equal to the text, so switching back to the ticket shows it at once.
 *
 * Until the server confirms a save, the browser keeps its own copy: coming back before a
 * save that was under way has landed (or after one that failed: offline, server down), the
 * newer local text is put back in the composer (`onRestore`) and saved again.
 */
export function useDraftSaver(ticketId: string, initial: TicketDrafts, onRestore?: (kind: Kind, body: string, basisMessageId: string | null) => void) {
  const queryClient = useQueryClient();
  // Two kinds of message: a save that failed, and text too long to save. A save confirmed
  // late clears the first only, so it cannot hide the refusal of what was typed since.
  const [errors, setErrors] = useState<Partial<Record<Kind, string>>>({});
  const [tooLong, setTooLong] = useState<Partial<Record<Kind, string>>>({});
  const state = useRef({
    pending: new Map<Kind, DraftSave>(),
    saved: { reply: !!initial.reply, note: !!initial.note } as Record<Kind, boolean>,
    chain: Promise.resolve(),
    timer: undefined as ReturnType<typeof setTimeout> | undefined,
  });

  function send(draft: DraftSave, keepalive: boolean) {
    const current = state.current;
    current.chain = current.chain.then(async () => {
      try {
        const { draft: saved } = await inboxApi.saveDraft(ticketId, draft, keepalive);
        // Confirmed: the local copy goes, unless the agent has typed on since.
        if (readLocal(ticketId, draft.kind)?.body === draft.body) writeLocal(ticketId, draft.kind, null);
        setErrors((previous) => ({ ...previous, [draft.kind]: undefined }));
        // The list marks tickets with a draft: it changes when the first one appears or the last goes.
        if (current.saved[draft.kind] !== !!saved) {
          current.saved[draft.kind] = !!saved;
          void queryClient.invalidateQueries({ queryKey: inboxKeys.lists() });
        }
      } catch (error) {
        setErrors((previous) => ({ ...previous, [draft.kind]: error instanceof Error ? error.message : "The draft could not be saved." }));
      }
    });
    return current.chain;
  }

  function flush(keepalive = false) {
    const current = state.current;
    clearTimeout(current.timer);
    current.timer = undefined;
    const drafts = [...current.pending.values()];
    current.pending.clear();
    for (const draft of drafts) void send(draft, keepalive);
    return current.chain;
  }

  function write(draft: DraftSave) {
    // A read of the drafts still under way would bring back the text as it was before this keystroke.
    void queryClient.cancelQueries({ queryKey: inboxKeys.drafts(ticketId) });
    queryClient.setQueryData<TicketDrafts>(inboxKeys.drafts(ticketId), (previous) => ({
      reply: previous?.reply ?? null,
      note: previous?.note ?? null,
      [draft.kind]: draft.body.trim() === "" ? null : { body: draft.body, basisMessageId: draft.basisMessageId ?? null, updatedAt: new Date().toISOString() },
    }));
    const length = draftLength(draft.body);
    // Too long: the local copy, like the server's, stays the last version that fitted.
    if (draft.body.trim() === "") writeLocal(ticketId, draft.kind, null);
    else if (length <= MAX_DRAFT_LENGTH) writeLocal(ticketId, draft.kind, { body: draft.body, basisMessageId: draft.basisMessageId ?? null, at: Date.now() });
    if (length > MAX_DRAFT_LENGTH) {
      // The server would refuse it too: the last version that fitted is saved, and stays.
      void flush();
      setTooLong((previous) => ({ ...previous, [draft.kind]: draftTooLongMessage(length) }));
      return;
    }
    setTooLong((previous) => (previous[draft.kind] ? { ...previous, [draft.kind]: undefined } : previous));
    state.current.pending.set(draft.kind, draft);
    clearTimeout(state.current.timer);
    state.current.timer = setTimeout(() => void flush(), SAVE_AFTER_MS);
  }

  /** After sending: the server removed the draft; nothing typed before may bring it back. */
  function discard(kind: Kind) {
    state.current.pending.delete(kind);
    writeLocal(ticketId, kind, null);
    setErrors((previous) => ({ ...previous, [kind]: undefined }));
    setTooLong((previous) => ({ ...previous, [kind]: undefined }));
    return send({ kind, body: "" }, false);
  }

  useEffect(() => {
    for (const kind of ["reply", "note"] as const) {
      const local = readLocal(ticketId, kind);
      if (!local) continue;
      const server = initial[kind];
      const newer = !server || local.at > Date.parse(server.updatedAt);
      if (newer && local.body !== (server?.body ?? "")) {
        onRestore?.(kind, local.body, local.basisMessageId);
        write({ kind, body: local.body, basisMessageId: kind === "reply" ? local.basisMessageId : null });
      } else if (!newer) {
        writeLocal(ticketId, kind, null);
      }
    }
    // Once, for the drafts the ticket opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const away = () => {
      if (document.visibilityState === "hidden") void flush(true);
    };
    const leaving = () => void flush(true);
    document.addEventListener("visibilitychange", away);
    window.addEventListener("pagehide", leaving);
    return () => {
      document.removeEventListener("visibilitychange", away);
      window.removeEventListener("pagehide", leaving);
      // Another ticket opened: what was typed here goes now, not lost with the composer.
      void flush(true);
    };
    // flush reads everything through the ref.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const shown = { reply: tooLong.reply ?? errors.reply, note: tooLong.note ?? errors.note };
  return { write, discard, flush, errors: shown };
}
