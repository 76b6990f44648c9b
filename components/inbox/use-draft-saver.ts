"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { draftLength, draftTooLongMessage, MAX_DRAFT_LENGTH, type DraftSave, type TicketDrafts } from "@/lib/drafts/validation";
import { inboxApi } from "./api";
import { inboxKeys } from "./query-keys";

type Kind = DraftSave["kind"];

const SAVE_AFTER_MS = 600;

/**
 * Keeps what the agent writes on the server as they type: a save 600 ms after the last
 * keystroke, one request at a time and in order, and whatever is unsaved when the page is
 * hidden, left or closed is sent with keepalive so it arrives anyway. The drafts query is
 * kept equal to the text, so switching back to the ticket shows it at once.
 */
export function useDraftSaver(ticketId: string, initial: TicketDrafts) {
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<Partial<Record<Kind, string>>>({});
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
    if (length > MAX_DRAFT_LENGTH) {
      // The server would refuse it too: the last version that fitted is saved, and stays.
      void flush();
      setErrors((previous) => ({ ...previous, [draft.kind]: draftTooLongMessage(length) }));
      return;
    }
    setErrors((previous) => (previous[draft.kind] ? { ...previous, [draft.kind]: undefined } : previous));
    state.current.pending.set(draft.kind, draft);
    clearTimeout(state.current.timer);
    state.current.timer = setTimeout(() => void flush(), SAVE_AFTER_MS);
  }

  /** After sending: the server removed the draft; nothing typed before may bring it back. */
  function discard(kind: Kind) {
    state.current.pending.delete(kind);
    setErrors((previous) => ({ ...previous, [kind]: undefined }));
    return send({ kind, body: "" }, false);
  }

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

  return { write, discard, flush, errors };
}
