import type { Metadata } from "next";
import { BusinessHoursForm } from "@/components/rules/business-hours-form";
import { ResponseTargetForm } from "@/components/rules/response-target-form";
import { PageHeader } from "@/components/ui/page";
import { getDb } from "@/db";
import { requireAdmin } from "@/lib/auth/session";
import { businessHoursStatus, describeLocalTime, listTimeZones, type BusinessHours } from "@/lib/rules/business-hours";
import { getBusinessHours } from "@/lib/rules/store";
import { getResponseTarget } from "@/lib/tickets/response-target";
import { todayIn } from "@/lib/rules/validation";

export const metadata: Metadata = { title: "Business hours" };

const SUGGESTED: BusinessHours = {
  timeZone: "UTC",
  periods: (["mon", "tue", "wed", "thu", "fri"] as const).map((day) => ({ day, start: "09:00", end: "17:00" })),
  closedDates: [],
};

function nowStatus(hours: BusinessHours): string {
  const status = businessHoursStatus(hours, new Date());
  const when = `${describeLocalTime(status.local)} in ${hours.timeZone}`;
  if (status.open) return `It is ${when}: open now.`;
  return `It is ${when}: closed now${status.closedDate ? ` (${status.closedDate.label || "closed date"})` : ""}.`;
}

export default async function BusinessHoursPage() {
  await requireAdmin();
  const db = await getDb();
  const [hours, targetMinutes] = await Promise.all([getBusinessHours({ db }), getResponseTarget({ db })]);
  const today = hours ? todayIn(hours.timeZone) : "";
  const past = hours ? hours.closedDates.filter((closed) => closed.date < today) : [];
  const initial = hours ? { ...hours, closedDates: hours.closedDates.filter((closed) => closed.date >= today) } : SUGGESTED;
  const zones = listTimeZones();
  // A zone saved under an alias this runtime does not list must still show as chosen.
  if (!zones.includes(initial.timeZone)) zones.unshift(initial.timeZone);
  return (
    <>
      <PageHeader
        title="Business hours"
        description="When your team is open. Rules can use them, for example to send an auto-reply to customers who text outside these hours; waiting times and the first-response target count them."
      />
      {hours ? (
        <p role="status" className="mb-4 rounded-md bg-white px-4 py-3 text-sm text-slate-700 ring-1 ring-slate-200">
          {nowStatus(hours)}
        </p>
      ) : (
        <p className="mb-4 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900">
          Business hours are not set yet. Choose your time zone, check the hours below and save; until then, rules about business hours never match.
        </p>
      )}
      {past.length > 0 ? (
        <p className="mb-4 rounded-md bg-slate-50 px-4 py-3 text-sm text-slate-700 ring-1 ring-slate-200">
          {past.length === 1 ? `The closed date ${past[0]?.date} is in the past and` : `${past.length} closed dates are in the past and`} will be removed when you save.
        </p>
      ) : null}
      <BusinessHoursForm initial={initial} timeZones={zones} saved={hours !== null} />
      <ResponseTargetForm minutes={targetMinutes} businessHoursSet={hours !== null} />
    </>
  );
}
