import type { UsReadiness } from "@/lib/integrations/readiness";
import { US_READINESS_LABELS, US_REGISTRATION_DOCS } from "@/lib/integrations/readiness-words";

const TONE: Record<UsReadiness["state"], string> = {
  ready: "text-green-700",
  pending: "text-amber-800",
  "not-registered": "font-medium text-red-700",
  unknown: "text-amber-800",
};

/** The state in words, and the link to Twilio's page on registering. */
export function ReadinessBadge({ readiness, withDetail = false }: { readiness: UsReadiness; withDetail?: boolean }) {
  const docs = US_REGISTRATION_DOCS[readiness.kind];
  return (
    <span className="inline-block max-w-xs whitespace-normal">
      <span className={TONE[readiness.state]} title={withDetail ? undefined : readiness.detail}>
        {US_READINESS_LABELS[readiness.state]}
      </span>
      {withDetail ? <span className="mt-1 block text-sm text-slate-700">{readiness.detail}</span> : null}
      {readiness.state === "ready" ? null : (
        <a href={docs.href} target="_blank" rel="noreferrer" className="mt-0.5 block text-xs text-brand-700 underline">
          {docs.label}
        </a>
      )}
    </span>
  );
}
