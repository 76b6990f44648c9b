import type { Metadata } from "next";
import Link from "next/link";
import { Card, EmptyState, PageHeader } from "@/components/ui/page";
import { getDb } from "@/db";
import { countAuditEntries, decodeAdminActionCursor, encodeAdminActionCursor, listAdminActions } from "@/db/queries/audit";
import { describeAdminAction } from "@/lib/audit/describe";
import { requireAdmin } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Audit log" };

const PAGE_SIZE = 50;

export default async function AuditPage({ searchParams }: PageProps<"/settings/audit">) {
  await requireAdmin();
  const { before } = await searchParams;
  const cursor = decodeAdminActionCursor(typeof before === "string" ? before : null);
  const db = await getDb();
  const [{ entries, next }, counts] = await Promise.all([listAdminActions({ db, before: cursor, limit: PAGE_SIZE }), countAuditEntries({ db, days: 30 })]);
  return (
    <>
      <PageHeader
        title="Audit log"
        description="What admins changed, and messages the inbox did not receive. Passwords, port-in details and the text of refused messages are never stored."
      />
      <dl className="mb-6 grid max-w-xl grid-cols-2 gap-4">
        <Card className="p-4">
          <dt className="text-xs uppercase text-slate-500">Passcodes and short codes refused, last 30 days</dt>
          <dd className="mt-1 text-2xl font-semibold">{counts["audit.otp_blocked"] ?? 0}</dd>
        </Card>
        <Card className="p-4">
          <dt className="text-xs uppercase text-slate-500">Messages from blocked countries, last 30 days</dt>
          <dd className="mt-1 text-2xl font-semibold">{counts["audit.country_blocked"] ?? 0}</dd>
        </Card>
      </dl>
      <p className="-mt-3 mb-6 text-sm">
        <Link className="text-blue-700 underline" href="/settings/audit/refused">
          Refused messages
        </Link>{" "}
        <span className="text-slate-600">— each one with its time, number, country, integration and reason; search by number.</span>
      </p>
      <h2 className="mb-3 text-base font-semibold">Admin actions</h2>
      {entries.length === 0 ? (
        <EmptyState title={cursor ? "No older entries" : "No admin actions yet"}>
          {cursor ? "Everything admins did is on the newer pages." : "Adding users, buying numbers, editing rules and other changes to Settings will be listed here, with who made them."}
        </EmptyState>
      ) : (
        <Card className="overflow-hidden">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Admin actions, newest first</caption>
            <thead className="bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">When</th>
                <th scope="col" className="px-4 py-3">What happened</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td className="whitespace-nowrap px-4 py-3 align-top text-slate-600">
                    <time dateTime={entry.createdAt.toISOString()}>{entry.createdAt.toLocaleString("en-GB", { timeZone: "UTC" })} UTC</time>
                  </td>
                  <td className="px-4 py-3">{describeAdminAction(entry)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
      {cursor || next ? (
        <nav aria-label="Audit log pages" className="mt-4 flex gap-4 text-sm">
          {cursor ? (
            <Link className="text-blue-700 underline" href="/settings/audit">
              Newest entries
            </Link>
          ) : null}
          {next ? (
            <Link className="text-blue-700 underline" href={`/settings/audit?before=${encodeAdminActionCursor(next)}`}>
              Older entries
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
