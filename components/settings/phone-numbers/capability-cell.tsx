import type { SmsSupport } from "@/lib/phone/capabilities";

/** What a number can do in this product, and why not when it cannot do everything. */
export function CapabilityCell({ support }: { support: SmsSupport }) {
  const summary = support.sms ? (support.mms ? "SMS and MMS" : "SMS only") : "No SMS";
  return (
    <div>
      <span className={support.sms ? "font-medium text-green-700" : "font-medium text-slate-500"}>{summary}</span>
      {support.reason ? <p className="mt-0.5 max-w-xs text-xs text-slate-500">{support.reason}</p> : null}
    </div>
  );
}
