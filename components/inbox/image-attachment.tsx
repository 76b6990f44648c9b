"use client";

import { useRef } from "react";
import type { AttachmentMeta } from "@/lib/tickets/types";

/** A picture in the conversation: a thumbnail that opens full size in a dialog. */
export function ImageAttachment({ file }: { file: AttachmentMeta }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const src = `/api/attachments/${file.id}`;
  return (
    <>
      <button type="button" onClick={() => dialog.current?.showModal()} aria-label={`Enlarge picture ${file.fileName}`} className="block overflow-hidden rounded-lg bg-slate-100">
        {/* Served by our own route with a session; next/image would proxy and cache it without one. */}
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={src} alt={`Picture ${file.fileName}`} loading="lazy" className="max-h-56 max-w-[16rem] object-contain" />
      </button>
      <dialog
        ref={dialog}
        aria-label={`Picture ${file.fileName}`}
        onClick={(event) => {
          if (event.target === event.currentTarget) event.currentTarget.close();
        }}
        className="m-auto max-h-[90vh] max-w-[90vw] rounded-lg bg-white p-2 shadow-xl backdrop:bg-slate-900/70"
      >
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={src} alt={`Picture ${file.fileName}, full size`} className="max-h-[80vh] max-w-[85vw] object-contain" />
        <div className="mt-2 flex justify-between gap-4 text-sm">
          <a href={src} target="_blank" rel="noreferrer" className="text-brand-700 underline">
            Open in a new tab
          </a>
          <button type="button" onClick={() => dialog.current?.close()} className="font-medium text-slate-700" autoFocus>
            Close
          </button>
        </div>
      </dialog>
    </>
  );
}
