"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useImperativeHandle, useRef, useState, type Ref } from "react";
import type { PolicyMatch } from "@/lib/outbound/policy-warning";
import { checkMessagingPolicy } from "@/lib/policy/check";
import { fillSavedReply } from "@/lib/canned-replies/template";
import { composerCounter } from "@/lib/sms/counter";
import type { TicketView } from "@/lib/tickets/view";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { ApiError, inboxApi } from "./api";
import { PolicyWarningPanel } from "./policy-warning";
import { SavedReplyMenu } from "./saved-reply-menu";
import { ACCEPTED_IMAGES, fileSize, usePickedFiles } from "./use-picked-files";

export interface ComposerHandle {
  focus: (mode: "reply" | "note") => void;
}

type Mode = "reply" | "note";

export function Composer({ ref, view, onSent }: { ref: Ref<ComposerHandle>; view: TicketView; onSent: () => void }) {
  const [mode, setMode] = useState<Mode>("reply");
  const [body, setBody] = useState("");
  const [warning, setWarning] = useState<PolicyMatch | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const picked = usePickedFiles();
  const ids = { counter: useId(), lock: useId(), attach: useId(), hint: useId() };
  const locked = mode === "reply" ? view.composer.block : null;
  const counter = composerCounter(body, view.integration.maxMessageLength);

  useImperativeHandle(ref, () => ({
    focus: (next) => {
      setMode(next);
      requestAnimationFrame(() => textarea.current?.focus());
    },
  }));

  const send = useMutation({
    mutationFn: async ({ override }: { override: string | null }) => {
      if (mode === "note") return inboxApi.note(view.ticket.id, body);
      const form = new FormData();
      form.set("body", body);
      if (override) form.set("policyOverride", override);
      for (const file of picked.files) form.append("files", file);
      return inboxApi.reply(view.ticket.id, form);
    },
    onSuccess: () => {
      setBody("");
      setWarning(null);
      picked.clear();
      onSent();
      textarea.current?.focus();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.policy) setWarning(error.policy);
    },
  });

  /** The saved reply with this ticket's names filled in (the agent's came filled from the server), put where the cursor is. */
  function insertSaved(template: string) {
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
  const blocked = !!locked || empty || send.isPending || (mode === "reply" && counter.over);

  function submit(override: string | null = null) {
    if (blocked) return;
    send.reset();
    if (mode === "reply" && !override) {
      const policy = checkMessagingPolicy(body);
      if (!policy.ok) {
        setWarning({ category: policy.category, label: policy.label, matched: policy.matched });
        return;
      }
    }
    send.mutate({ override });
  }

  const note = mode === "note";
  const error = send.error && !(send.error instanceof ApiError && send.error.policy) ? send.error.message : null;
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
            submit();
          }
        }}
        rows={3}
        placeholder={locked ? "" : note ? "Write a note for your team (r to reply, n for a note)" : "Write a reply (Ctrl+Enter to send)"}
        aria-describedby={[locked ? ids.lock : null, note ? null : ids.counter, counter.unicodeHint && !note ? ids.hint : null].filter(Boolean).join(" ") || undefined}
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
          <PolicyWarningPanel policy={warning} pending={send.isPending} onSendAnyway={() => submit(warning.category)} onEdit={() => {
            setWarning(null);
            textarea.current?.focus();
          }} />
        </div>
      ) : null}
      <div className="mt-2 space-y-2">
        <FormMessage message={picked.error ?? error} />
      </div>
      <div className="mt-2 flex items-center gap-2">
        {!note ? (
          <>
            <SavedReplyMenu disabled={!!locked} onInsert={(reply) => insertSaved(reply.body)} />
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
        <Button type="submit" className="ml-auto" disabled={blocked} title="Ctrl+Enter">
          {send.isPending ? "Sending…" : note ? "Add note" : "Send"}
        </Button>
      </div>
    </form>
  );
}
