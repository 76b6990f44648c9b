"use client";

import Link from "next/link";
import { useState, useTransition, type ReactNode } from "react";
import { deleteSavedReplyAction } from "@/lib/saved-replies/actions";
import { buttonClass } from "@/components/ui/button-class";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { FormMessage } from "@/components/ui/field";

export interface SavedReplyRow {
  id: string;
  title: string;
  body: string;
  /** A macro's actions in words; empty for a plain saved reply. */
  summary: string;
  /** Whose own macro it is, when it is not everyone's. */
  ownerName: string | null;
}

/** The saved replies, or `empty` when there are none; a deletion's message stays when the last one goes. */
export function SavedReplyList({ replies, empty, editBase }: { replies: SavedReplyRow[]; empty: ReactNode; editBase: string }) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ text: string; tone: "error" | "success" } | null>(null);

  function remove(reply: SavedReplyRow) {
    setMessage(null);
    startTransition(async () => {
      const result = await deleteSavedReplyAction({ id: reply.id });
      setMessage(result.ok ? { text: `Deleted “${reply.title}”.`, tone: "success" } : { text: result.message, tone: "error" });
    });
  }

  return (
    <div className="space-y-3">
      <FormMessage message={message?.text} tone={message?.tone} />
      {replies.length === 0 ? (
        empty
      ) : (
        <ul aria-label="Saved replies" className="space-y-3">
          {replies.map((reply) => (
            <li key={reply.id} aria-label={reply.title} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
              <div className="flex flex-wrap items-start gap-4">
                <div className="min-w-0 flex-1">
                  <h2 className="font-medium text-slate-900">
                    {reply.title}
                    {reply.ownerName ? <span className="ml-2 text-xs font-normal text-slate-500">{reply.ownerName}&apos;s own</span> : null}
                  </h2>
                  {reply.body ? <p className="mt-1 whitespace-pre-line text-sm text-slate-600">{reply.body}</p> : <p className="mt-1 text-sm italic text-slate-500">No text: actions only</p>}
                  {reply.summary ? <p className="mt-1 text-sm text-brand-700">Macro: will {reply.summary}</p> : null}
                </div>
                <div className="flex gap-2">
                  <Link href={`${editBase}/${reply.id}`} className={buttonClass("secondary")} aria-label={`Edit ${reply.title}`}>
                    Edit
                  </Link>
                  <ConfirmButton
                    label={`Delete ${reply.title}`}
                    buttonText="Delete"
                    confirmText="Delete saved reply"
                    description={`Agents will no longer find “${reply.title}” in the composer. Messages already sent with it stay on their tickets.`}
                    disabled={pending}
                    onConfirm={() => remove(reply)}
                  />
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
