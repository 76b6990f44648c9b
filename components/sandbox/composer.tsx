"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, inputClass } from "@/components/ui/field";
import { filesProblem } from "@/lib/sandbox/simulator-validation";
import { sendHandsetText } from "./api";
import { refreshSandbox } from "./refresh";

/** What the simulated phone types and attaches. Any file type goes, to try what the app refuses. */
export function Composer({
  handset,
  business,
  canSendFiles,
  onSent,
}: {
  handset: string | null;
  business: string;
  canSendFiles: boolean;
  /** The text left the phone: show the conversation's end, where it will appear. */
  onSent?: () => void;
}) {
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [body, setBody] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const fileCount = files.length;
  const empty = body === "" && fileCount === 0;
  // Refused on the phone, as a phone refuses an attachment too big for MMS.
  const tooMuch = canSendFiles ? filesProblem(files) : null;
  const send = useMutation({
    mutationFn: sendHandsetText,
    onSuccess: () => {
      formRef.current?.reset();
      setBody("");
      setFiles([]);
      onSent?.();
      return refreshSandbox(queryClient);
    },
  });

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!handset || tooMuch) return;
    const form = new FormData(event.currentTarget);
    form.set("from", handset);
    form.set("to", business);
    send.mutate(form);
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-2 border-t border-slate-200 pt-3" aria-label="Send a text from this phone">
      <div className="space-y-1">
        <label htmlFor="sandbox-body" className="sr-only">
          Message
        </label>
        <textarea
          id="sandbox-body"
          name="body"
          rows={2}
          className={inputClass}
          placeholder="Type as the customer would"
          disabled={!handset}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          aria-describedby={empty ? "sandbox-body-hint" : undefined}
        />
        {empty ? (
          <p id="sandbox-body-hint" className="text-xs text-slate-500">
            Nothing written: Send sends an empty text, as some phones do.
          </p>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="space-y-1">
          <label htmlFor="sandbox-files" className="block text-sm font-medium text-slate-700">
            Attach files
          </label>
          <input
            id="sandbox-files"
            name="files"
            type="file"
            multiple
            disabled={!handset || !canSendFiles}
            aria-describedby="sandbox-files-hint"
            aria-invalid={tooMuch ? true : undefined}
            onChange={(event) => setFiles(Array.from(event.currentTarget.files ?? []))}
            className="block text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 file:text-sm"
          />
          <p id="sandbox-files-hint" className="text-xs text-slate-500">
            {canSendFiles ? "Pictures or any other file, up to 10 and 5 MB in all (sent as MMS)." : "This business number takes SMS only, no files."}
          </p>
        </div>
        <Button type="submit" disabled={!handset || send.isPending}>
          {send.isPending ? "Sending…" : fileCount > 0 ? `Send with ${fileCount} file${fileCount > 1 ? "s" : ""}` : empty ? "Send empty message" : "Send"}
        </Button>
      </div>
      <FormMessage message={tooMuch ?? (send.isError ? send.error.message : null)} />
    </form>
  );
}
