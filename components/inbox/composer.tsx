"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useId, useImperativeHandle, useRef, useState, type Ref } from "react";
import type { ArrivedMessage } from "@/lib/tickets/types";
import type { TicketDrafts } from "@/lib/drafts/validation";
import type { PolicyMatch } from "@/lib/outbound/policy-warning";
import { checkMessagingPolicy } from "@/lib/policy/check";
import { fillSavedReply } from "@/lib/saved-replies/template";
import { composerCounter } from "@/lib/sms/counter";
import type { TicketView } from "@/lib/tickets/view";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { ApiError, inboxApi, type SavedReply } from "./api";
import { ClosedTicketNotice } from "./closed-ticket-notice";
import { CollisionPanel } from "./collision-panel";
import { MacroSummary, newMacroRun, type AppliedMacro } from "./macro-summary";
import { PolicyWarningPanel } from "./policy-warning";
import { SavedReplyMenu } from "./saved-reply-menu";
import { useDraftSaver } from "./use-draft-saver";
import { ACCEPTED_IMAGES, fileSize, usePickedFiles } from "./use-picked-files";

export interface ComposerHandle {
  focus: (mode: "reply" | "note") => void;
}

type Mode = "reply" | "note";

interface Props {
  ref: Ref<ComposerHandle>;
  view: TicketView;
  /** The agent's own drafts as the server had them when the ticket opened. */
  drafts: TicketDrafts;
  /** The newest message shown: a reply begun now has seen everything up to it. */
  latestMessageId: string | null;
  onSent: () => void;
  /** Whether the agent is typing a reply, for the others' ticket header; never what. */
  onTyping: (active: boolean) => void;
  hrefFor: (ticketId: string | null) => string;
  openTicket: (ticketId: string | null) => void;
  /** Asked for (r, n) before the composer was there. */
  focusOnMount?: Mode | null;
}

interface SendOptions {
  override?: string | null;
  close?: boolean;
}

function timeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

export function Composer({ ref, view, drafts, latestMessageId, onSent, onTyping, hrefFor, openTicket, focusOnMount }: Props) {
  const [mode, setMode] = useState<Mode>(focusOnMount ?? (!drafts.reply && drafts.note ? "note" : "reply"));
  const [bodies, setBodies] = useState({ reply: drafts.reply?.body ?? "", note: drafts.note?.body ?? "" });
  const [basis, setBasis] = useState<string | null>(drafts.reply?.basisMessageId ?? null);
  const [warning, setWarning] = useState<PolicyMatch | null>(null);
  const [arrived, setArrived] = useState<{ messages: ArrivedMessage[]; options: SendOptions } | null>(null);
  // A macro's actions wait here for Send; a failed send keeps them (and their runId, so a retry runs them once).
  const [macro, setMacro] = useState<AppliedMacro | null>(null);
  const saver = useDraftSaver(view.ticket.id, drafts, (kind, text, restoredBasis) => {
    setBodies((previous) => ({ ...previous, [kind]: text }));
    if (kind === "reply") setBasis(restoredBasis);
  });
  const body = bodies[mode];
  // What the boxes hold now, for a send that returns after the agent typed on.
  const typed = useRef(bodies);
  useEffect(() => {
    typed.current = bodies;
  }, [bodies]);
  const textarea = useRef<HTMLTextAreaElement>(null);
  // "Send & close" chosen before a policy warning interrupted it.
  const closeAfter = useRef(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const picked = usePickedFiles();
  const ids = { counter: useId(), lock: useId(), attach: useId(), hint: useId(), closed: useId(), macro: useId() };
  const locked = mode === "reply" ? view.composer.block : null;
  const closed = view.ticket.status === "closed";
  const openSibling =
    view.otherTickets.find((other) => other.status === "open" && other.integrationId === view.integration.id) ??
    view.otherTickets.find((other) => other.status === "open") ??
    null;
  const sameNumber = !!openSibling && openSibling.integrationId === view.integration.id;
  // Reopening would make a second open ticket on one number: the answer goes on the open one.
  const replyOff = mode === "reply" && closed && sameNumber;
  const counter = composerCounter(body, view.integration.maxMessageLength);

  const [focusWanted] = useState(!!focusOnMount);
  useEffect(() => {
    if (focusWanted) textarea.current?.focus();
  }, [focusWanted]);

  useImperativeHandle(ref, () => ({
    focus: (next) => {
      setMode(next);
      requestAnimationFrame(() => textarea.current?.focus());
    },
  }));

  function setBody(text: string) {
    setBodies((previous) => ({ ...previous, [mode]: text }));
    let nextBasis = basis;
    if (mode === "reply") {
      // The reply begins now: whatever arrives after the newest message shown is news at Send.
      if (text.trim() === "") nextBasis = null;
      else if (body.trim() === "" || !basis) nextBasis = latestMessageId;
      setBasis(nextBasis);
      onTyping(text.trim() !== "");
    }
    saver.write({ kind: mode, body: text, basisMessageId: mode === "reply" ? nextBasis : null });
  }

  const send = useMutation({
    mutationFn: async ({ kind, text, override, close, since }: SendOptions & { kind: Mode; text: string; since: string | null }) => {
      if (kind === "note") return inboxApi.note(view.ticket.id, text);
      const form = new FormData();
      form.set("body", text);
      if (override) form.set("policyOverride", override);
      if (since) form.set("basisMessageId", since);
      if (close) form.set("close", "1");
      if (macro) {
        form.set("macroId", macro.id);
        form.set("macroRunId", macro.runId);
        form.set("timeZone", timeZone());
      }
      for (const file of picked.files) form.append("files", file);
      return inboxApi.reply(view.ticket.id, form);
    },
    onSuccess: (_answer, { kind, text }) => {
      // The box empties only if it still holds what went out: what the agent began meanwhile
      // stays, with its draft and the point it was begun from.
      if (typed.current[kind] === text) {
        setBodies((previous) => ({ ...previous, [kind]: "" }));
        if (kind === "reply") {
          setBasis(null);
          onTyping(false);
        }
        void saver.discard(kind);
      }
      setWarning(null);
      setArrived(null);
      if (kind === "reply") setMacro(null);
      picked.clear();
      onSent();
      textarea.current?.focus();
    },
    onError: (error, options) => {
      if (error instanceof ApiError && error.policy) setWarning(error.policy);
      if (error instanceof ApiError && error.arrived?.length) setArrived({ messages: error.arrived, options });
    },
  });

  const apply = useMutation({
    mutationFn: (applied: AppliedMacro) => inboxApi.applyMacro(view.ticket.id, { savedReplyId: applied.id, runId: applied.runId, timeZone: timeZone() }),
    onSuccess: () => {
      setMacro(null);
      onSent();
      textarea.current?.focus();
    },
  });

  /** A saved reply's text goes where the cursor is; a macro's actions wait for Send, in words above the buttons. */
  function insertSaved(reply: SavedReply) {
    apply.reset();
    // A plain saved reply adds text and leaves a macro already applied as it is.
    if (reply.summary) setMacro(newMacroRun(reply));
    if (reply.body) insertText(reply.body);
    else requestAnimationFrame(() => textarea.current?.focus());
  }

  /** The saved reply with this ticket's names filled in (the agent's came filled from the server), put where the cursor is. */
  function insertText(template: string) {
    const text = fillSavedReply(template, { customerName: view.customer.name, integrationName: view.integration.name });
    const element = textarea.current;
    const start = element?.selectionStart ?? body.length;
    const end = element?.selectionEnd ?? body.length;
    setBody(body.slice(0, start) + text + body.slice(end));
    setWarning(null);
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + text.length, start + text.length);
    });
  }

  const empty = body.trim() === "" && (mode === "note" || picked.files.length === 0);
  const blocked = !!locked || empty || send.isPending || (mode === "reply" && counter.over) || replyOff;

  function submit({ override = null, close = false }: SendOptions = {}, since = basis) {
    if (blocked) return;
    send.reset();
    setArrived(null);
    closeAfter.current = close;
    if (mode === "reply" && !override) {
      const policy = checkMessagingPolicy(body);
      if (!policy.ok) {
        setWarning({ category: policy.category, label: policy.label, matched: policy.matched });
        return;
      }
    }
    send.mutate({ kind: mode, text: body, override, close: mode === "reply" && close, since: mode === "reply" ? since : null });
  }

  /** What arrived has now been shown: the reply counts as written after it. */
  function acknowledge(): string | null {
    const newest = arrived?.messages.at(-1)?.id ?? basis;
    setBasis(newest);
    saver.write({ kind: "reply", body: bodies.reply, basisMessageId: newest });
    return newest;
  }

  const note = mode === "note";
  const error = send.error && !(send.error instanceof ApiError && (send.error.policy || send.error.arrived?.length)) ? send.error.message : null;
  const draftError = saver.errors[mode] ?? null;
  return (
    <form
      className={`border-t border-slate-200 p-3 ${note ? "bg-amber-50" : "bg-white"}`}
      aria-label={note ? "Internal note" : "Reply"}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <div className="mb-2 flex items-center gap-1" role="group" aria-label="Write">
        {(["reply", "note"] as const).map((option) => (
          <button
            key={option}
            type="button"
            aria-pressed={mode === option}
            onClick={() => {
              setMode(option);
              setWarning(null);
              setArrived(null);
              if (option === "note") onTyping(false);
            }}
            className={`rounded-md px-2.5 py-1 text-sm ${mode === option ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-100"}`}
          >
            {option === "reply" ? "Reply" : "Internal note"}
          </button>
        ))}
        <span className="ml-auto text-xs text-slate-500">
          {note ? "Only agents see notes." : `To ${view.customer.label} from ${view.integration.name}`}
        </span>
      </div>
      {closed && mode === "reply" && !locked ? (
        <ClosedTicketNotice
          id={ids.closed}
          customerLabel={view.customer.label}
          openTicket={openSibling}
          sameNumber={sameNumber}
          href={openSibling ? hrefFor(openSibling.id) : null}
          onOpen={() => openSibling && openTicket(openSibling.id)}
        />
      ) : null}
      {locked ? (
        <p id={ids.lock} role="status" className="mb-2 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800">
          <span aria-hidden>🔒 </span>
          {locked}
        </p>
      ) : null}
      <label htmlFor={`${ids.counter}-text`} className="sr-only">
        {note ? "Internal note" : "Message"}
      </label>
      <textarea
        id={`${ids.counter}-text`}
        ref={textarea}
        value={body}
        disabled={!!locked}
        onChange={(event) => {
          setBody(event.target.value);
          setWarning(null);
        }}
        onKeyDown={(event) => {
          if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            submit({ close: event.shiftKey });
          }
        }}
        rows={3}
        placeholder={locked ? "" : note ? "Write a note for your team (r to reply, n for a note)" : "Write a reply (Ctrl+Enter to send)"}
        aria-describedby={[locked ? ids.lock : null, closed && !note ? ids.closed : null, note ? null : ids.counter, counter.unicodeHint && !note ? ids.hint : null].filter(Boolean).join(" ") || undefined}
        aria-invalid={!note && counter.over ? true : undefined}
        className={`block w-full resize-y rounded-md border-0 px-3 py-2 text-sm ring-1 focus:ring-2 focus:ring-brand-500 disabled:bg-slate-100 ${note ? "bg-white ring-amber-300" : "ring-slate-300"} ${!note && counter.over ? "ring-red-500" : ""}`}
      />
      {!note && !locked ? (
        <div className="mt-1 space-y-0.5 text-xs">
          <p id={ids.counter} className={counter.over ? "font-medium text-red-700" : "text-slate-500"} aria-live="polite">
            {counter.summary}
            {counter.over ? ` — ${counter.characters - counter.limit} over the limit; shorten the message to send it.` : ""}
          </p>
          {counter.unicodeHint ? (
            <p id={ids.hint} className="text-amber-800">
              {counter.unicodeHint}
            </p>
          ) : null}
        </div>
      ) : null}
      {!note && picked.files.length ? (
        <ul className="mt-2 flex flex-wrap gap-2" aria-label="Pictures to send">
          {picked.files.map((file, index) => (
            <li key={`${file.name}-${index}`} className="flex items-center gap-1 rounded-full bg-slate-100 px-2.5 py-1 text-xs">
              {file.name} ({fileSize(file.size)})
              <button type="button" aria-label={`Remove ${file.name}`} className="ml-1 text-slate-500 hover:text-slate-900" onClick={() => picked.remove(index)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {warning && !note ? (
        <div className="mt-2">
          <PolicyWarningPanel policy={warning} pending={send.isPending} onSendAnyway={() => submit({ override: warning.category, close: closeAfter.current })} onEdit={() => {
            setWarning(null);
            textarea.current?.focus();
          }} />
        </div>
      ) : null}
      {arrived && !note ? (
        <div className="mt-2">
          <CollisionPanel
            arrived={arrived.messages}
            customerLabel={view.customer.label}
            pending={send.isPending}
            onSendAnyway={() => submit(arrived.options, acknowledge())}
            onReview={() => {
              acknowledge();
              setArrived(null);
              textarea.current?.focus();
            }}
          />
        </div>
      ) : null}
      {macro && !note && !locked ? (
        <MacroSummary
          id={ids.macro}
          macro={macro}
          canApply={body.trim() === "" && picked.files.length === 0}
          pending={apply.isPending || send.isPending}
          onApply={() => apply.mutate(macro)}
          onRemove={() => {
            setMacro(null);
            apply.reset();
            textarea.current?.focus();
          }}
        />
      ) : null}
      <div className="mt-2 space-y-2">
        <FormMessage message={note ? null : (apply.error?.message ?? null)} />
        <FormMessage message={draftError} />
        <FormMessage message={picked.error ?? error} />
      </div>
      <div className="mt-2 flex items-center gap-2">
        {!note ? (
          <>
            <SavedReplyMenu disabled={!!locked} onInsert={insertSaved} />
            <input
              ref={fileInput}
              type="file"
              accept={ACCEPTED_IMAGES}
              multiple
              hidden
              aria-label="Pictures to attach"
              disabled={!view.composer.attach.ok || !!locked}
              onChange={(event) => {
                void picked.add([...(event.target.files ?? [])]);
                event.target.value = "";
              }}
            />
            <Button
              variant="secondary"
              disabled={!view.composer.attach.ok || !!locked}
              aria-describedby={!view.composer.attach.ok ? ids.attach : undefined}
              onClick={() => fileInput.current?.click()}
            >
              Attach pictures
            </Button>
            {!view.composer.attach.ok && !locked ? (
              <span id={ids.attach} className="text-xs text-slate-500">
                {view.composer.attach.reason}
              </span>
            ) : null}
          </>
        ) : null}
        {!note ? (
          <Button variant="secondary" className="ml-auto" disabled={blocked} title="Ctrl+Shift+Enter" aria-describedby={macro ? ids.macro : undefined} onClick={() => submit({ close: true })}>
            Send &amp; close
          </Button>
        ) : null}
        <Button type="submit" className={note ? "ml-auto" : ""} disabled={blocked} title="Ctrl+Enter" aria-describedby={macro && !note ? ids.macro : undefined}>
          {send.isPending ? "Sending…" : note ? "Add note" : "Send"}
        </Button>
      </div>
    </form>
  );
}
