import type { Metadata } from "next";
import { Card, EmptyState, PageHeader } from "@/components/ui/page";
import { getDb } from "@/db";
import { countAuditEntries, listAuditEntries } from "@/db/queries/audit";
import { requireAdmin } from "@/lib/auth/session";
import { countryFlag, countryName } from "@/lib/phone/normalize";

export const metadata: Metadata = { title: "Audit log" };

function describe(type: string, data: Record<string, unknown>): string {
  switch (type) {
    case "audit.country_blocked": {
      const country = typeof data.country === "string" ? data.country : null;
      return country
        ? `A message from ${countryFlag(country)} ${countryName(country)} was not received: that country is not on the allowed list.`
        : "A message from an unknown country was not received.";
    }
    case "audit.otp_blocked":
      return "A one-time passcode (or a message from a short code or sender name) was not received, for security. Its text was not kept.";
    default:
      return type.replace(/^audit\./, "").replace(/_/g, " ");
  }
}

export default async function AuditPage() {
  await requireAdmin();
  const db = await getDb();
  const [entries, counts] = await Promise.all([listAuditEntries({ db }), countAuditEntries({ db, days: 30 })]);
  return (
    <>
      <PageHeader title="Audit log" description="Messages the inbox did not receive, and why. The text of those messages is never stored." />
      <dl className="mb-6 grid max-w-xl grid-cols-2 gap-4">
        <Card className="p-4">
          <dt className="text-xs uppercase text-slate-500">Passcodes refused, last 30 days</dt>
          <dd className="mt-1 text-2xl font-semibold">{counts["audit.otp_blocked"] ?? 0}</dd>
        </Card>
        <Card className="p-4">
          <dt className="text-xs uppercase text-slate-500">Messages from blocked countries, last 30 days</dt>
          <dd className="mt-1 text-2xl font-semibold">{counts["audit.country_blocked"] ?? 0}</dd>
        </Card>
      </dl>
      {entries.length === 0 ? (
        <EmptyState title="Nothing to report">Messages refused for their country or because they were one-time passcodes will be listed here.</EmptyState>
      ) : (
        <Card className="overflow-hidden">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Audit entries</caption>
            <thead className="bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">When</th>
                <th scope="col" className="px-4 py-3">What happened</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td className="whitespace-nowrap px-4 py-3 text-slate-600">
                    <time dateTime={entry.createdAt.toISOString()}>{entry.createdAt.toLocaleString("en-GB", { timeZone: "UTC" })} UTC</time>
                  </td>
                  <td className="px-4 py-3">{describe(entry.type, entry.data)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </>
  );
}
