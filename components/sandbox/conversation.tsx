"use client";

import type { SimulatorMedia, SimulatorMessage } from "@/lib/sandbox/simulator";

const INLINE_IMAGE = /^image\/(png|jpeg|gif|webp|bmp)$/;

/** How the phone describes a message's journey, in words. */
export function deliveryLabel(message: SimulatorMessage): { text: string; failed: boolean } {
  if (message.side === "sent") {
    if (message.webhookError) return { text: message.webhookError, failed: message.status === "received" };
    return message.status === "receiving" ? { text: "Sending…", failed: false } : { text: "Delivered", failed: false };
  }
  switch (message.status) {
    case "delivered":
      return { text: "Delivered", failed: false };
    case "sent":
      return { text: "Sent", failed: false };
    case "failed":
    case "undelivered":
      return { text: `Not delivered: ${message.errorMessage ?? "carrier error"} (error ${message.errorCode ?? "unknown"})`, failed: true };
    default:
      return { text: "Sending…", failed: false };
  }
}

function Attachment({ media, onLoad }: { media: SimulatorMedia; onLoad?: () => void }) {
  if (INLINE_IMAGE.test(media.contentType)) {
    return (
      // A signed, short-lived link served by the sandbox itself; next/image would only proxy it.
      // eslint-disable-next-line @next/next/no-img-element
      <img src={media.url} alt={media.fileName} onLoad={onLoad} className="max-h-56 max-w-full rounded-lg" />
    );
  }
  return (
    <a href={media.url} download={media.fileName} className="block rounded-md bg-white/70 px-3 py-2 text-sm text-slate-800 underline">
      <span aria-hidden="true">📎 </span>
      {media.fileName} <span className="text-xs text-slate-500">({media.contentType})</span>
    </a>
  );
}

function Bubble({ message, businessName, onMediaLoad }: { message: SimulatorMessage; businessName: string; onMediaLoad?: () => void }) {
  const mine = message.side === "sent";
  const label = deliveryLabel(message);
  const time = new Date(message.date).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  return (
    <li className={`flex flex-col ${mine ? "items-end" : "items-start"}`}>
      <div
        className={`max-w-[80%] space-y-2 rounded-2xl px-4 py-2 text-sm ${
          mine ? "bg-brand-600 text-white" : label.failed ? "border border-dashed border-red-400 bg-red-50 text-slate-900" : "bg-slate-200 text-slate-900"
        }`}
      >
        <span className="sr-only">{mine ? "This phone:" : `${businessName}:`}</span>
        {message.body ? <p className="whitespace-pre-wrap break-words">{message.body}</p> : null}
        {message.media.map((media) => (
          <Attachment key={media.sid} media={media} onLoad={onMediaLoad} />
        ))}
      </div>
      <p className={`mt-1 px-1 text-xs ${label.failed ? "text-red-700" : "text-slate-500"}`}>
        <time dateTime={message.date} suppressHydrationWarning>
          {time}
        </time>
        {" · "}
        {label.text}
      </p>
    </li>
  );
}

export function Conversation({
  messages,
  handsetName,
  businessName,
  onMediaLoad,
}: {
  messages: SimulatorMessage[];
  handsetName: string;
  businessName: string;
  /** A picture finished loading and made the conversation taller. */
  onMediaLoad?: () => void;
}) {
  if (messages.length === 0) {
    return <p className="py-12 text-center text-sm text-slate-500">No messages yet. Write one below to text {businessName}.</p>;
  }
  return (
    <ol aria-label={`Messages between ${handsetName} and ${businessName}`} className="space-y-3">
      {messages.map((message) => (
        <Bubble key={message.sid} message={message} businessName={businessName} onMediaLoad={onMediaLoad} />
      ))}
    </ol>
  );
}
