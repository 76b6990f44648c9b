"use client";

import type { AttachmentMeta, ThreadMessage } from "@/lib/tickets/types";
import { MEDIA_HOST_REFUSED } from "@/lib/inbound/media-host-words";
import { canRetry, deliveryState, DELIVERY_LABEL } from "@/lib/outbound/status";
import { POLICY_CATEGORIES } from "@/lib/policy/check";
import { describeTwilioError } from "@/lib/twilio/error-codes";
import { clockTime, fullTime } from "./format";
import { ImageAttachment } from "./image-attachment";

const STATE_STYLE: Record<string, string> = {
  sending: "text-slate-500",
  sent: "text-slate-500",
  delivered: "text-green-700",
  undelivered: "text-red-700",
  failed: "text-red-700",
  unknown: "text-amber-700",
};

function sender(message: ThreadMessage, customerLabel: string): string {
  if (message.direction === "inbound") return customerLabel;
  if (message.ruleName) return `Rule “${message.ruleName}”`;
  if (message.direction === "note") return `Note by ${message.author?.name ?? "a former user"}`;
  return message.author?.name ?? "The app";
}

function Attachment({ file, onRetry }: { file: AttachmentMeta; onRetry: (id: string) => void }) {
  if (file.status === "stored") return <ImageAttachment file={file} />;
  // Until its bytes are read, a file is only what the carrier declared it to be.
  const kind = file.contentType.startsWith("image/") ? "picture" : "attachment";
  if (file.status === "unsupported") {
    return <p className="rounded bg-slate-100 px-2 py-1 text-xs text-slate-700">Attachment not supported ({file.contentType})</p>;
  }
  if (file.status === "failed") {
    // Fetching again cannot help a file whose address is not Twilio's: it would be refused again.
    const retryable = file.error !== MEDIA_HOST_REFUSED;
    return (
      <p className="flex flex-wrap items-center gap-x-2 rounded bg-red-50 px-2 py-1 text-xs text-red-800">
        <span>
          {kind === "picture" ? "Picture" : "Attachment"} could not be fetched.{file.error ? ` ${file.error}` : ""}
        </span>
        {retryable ? (
          <button type="button" className="font-medium underline" onClick={() => onRetry(file.id)}>
            Retry download
          </button>
        ) : null}
      </p>
    );
  }
  return (
    <p className="rounded bg-slate-100 px-2 py-1 text-xs text-slate-600">
      Downloading {kind}…
    </p>
  );
}

interface Props {
  message: ThreadMessage;
  customerLabel: string;
  onRetry: (messageId: string) => void;
  onRetryAttachment: (attachmentId: string) => void;
}

export function MessageBubble({ message, customerLabel, onRetry, onRetryAttachment }: Props) {
  const inbound = message.direction === "inbound";
  const note = message.direction === "note";
  const state = message.direction === "outbound" ? deliveryState(message.status) : null;
  const reason = state && ["failed", "undelivered", "unknown"].includes(state) ? (message.errorMessage ?? describeTwilioError(message.errorCode)) : null;
  const policy = message.policyOverride ? (POLICY_CATEGORIES.find((category) => category.id === message.policyOverride)?.label ?? message.policyOverride) : null;
  const bubble = note
    ? "border border-dashed border-amber-300 bg-amber-50 text-amber-950"
    : inbound
      ? "bg-white text-slate-900 ring-1 ring-slate-200"
      : "bg-brand-600 text-white";
  return (
    <li className={`flex ${inbound ? "justify-start" : "justify-end"}`} data-direction={message.direction}>
      <article className={`flex max-w-[75%] flex-col ${inbound ? "items-start" : "items-end"}`} aria-label={`${note ? "Internal note" : "Message"} from ${sender(message, customerLabel)}`}>
        <div className={`rounded-2xl px-3.5 py-2 text-sm shadow-sm ${bubble} ${inbound ? "rounded-bl-sm" : "rounded-br-sm"}`}>
          {note ? <p className="mb-0.5 text-xs font-semibold uppercase tracking-wide text-amber-700">Internal note · not sent</p> : null}
          {message.body ? (
            <p className="whitespace-pre-wrap break-words">{message.body}</p>
          ) : message.attachments.length === 0 ? (
            <p className="italic opacity-70">(empty message)</p>
          ) : null}
          {message.attachments.length ? (
            <div className="mt-1.5 flex flex-wrap gap-1.5">
              {message.attachments.map((file) => (
                <Attachment key={file.id} file={file} onRetry={onRetryAttachment} />
              ))}
            </div>
          ) : null}
        </div>
        <p className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
          <span>{sender(message, customerLabel)}</span>
          <span aria-hidden>·</span>
          <time dateTime={message.createdAt} title={fullTime(message.createdAt)} suppressHydrationWarning>
            {clockTime(message.createdAt)}
          </time>
          {state ? (
            <>
              <span aria-hidden>·</span>
              <span className={`font-medium ${STATE_STYLE[state]}`} data-testid="delivery-state">
                {DELIVERY_LABEL[state]}
              </span>
            </>
          ) : null}
        </p>
        {policy ? <p className="mt-0.5 text-xs text-amber-700">Sent despite a messaging policy warning ({policy})</p> : null}
        {reason || (state && canRetry(message.status)) ? (
          <div className="mt-1 flex max-w-md items-start gap-2 text-right text-xs text-red-800">
            <p>{reason}</p>
            {canRetry(message.status) ? (
              <button type="button" className="shrink-0 rounded bg-white px-2 py-0.5 font-medium text-red-800 ring-1 ring-red-300 hover:bg-red-50" onClick={() => onRetry(message.id)}>
                Retry
              </button>
            ) : null}
          </div>
        ) : null}
      </article>
    </li>
  );
}
