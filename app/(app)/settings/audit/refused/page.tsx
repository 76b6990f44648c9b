import type { Metadata } from "next";
import Link from "next/link";
import { Card, EmptyState, PageHeader } from "@/components/ui/page";
import { getDb } from "@/db";
import { decodeAdminActionCursor, encodeAdminActionCursor } from "@/db/queries/audit";
import { listRefusedMessages } from "@/db/queries/refused-messages";
import { numberSearchFrom, REFUSAL_REASONS } from "@/lib/audit/refused";
import { requireAdmin } from "@/lib/auth/session";
import { countryFlag, countryName, formatPhoneNumber } from "@/lib/phone/normalize";

export const metadata: Metadata = { title: "Refused messages" };

const PAGE_SIZE = 50;

export default async function RefusedMessagesPage({ searchParams }: PageProps<"/settings/audit/refused">) {
  await requireAdmin();
  const { before, q } = await searchParams;
  const query = typeof q === "string" ? q.slice(0, 40) : "";
  const cursor = decodeAdminActionCursor(typeof before === "string" ? before : null);
  const db = await getDb();
  const { rows, next } = await listRefusedMessages({ db, search: numberSearchFrom(query), before: cursor, limit: PAGE_SIZE });
  const withQuery = (extra: Record<string, string>) => {
    const params = new URLSearchParams({ ...(query ? { q: query } : {}), ...extra });
    const text = params.toString();
    return `/settings/audit/refused${text ? `?${text}` : ""}`;
  };
  return (
    <>
      <p className="mb-2 text-sm">
        <Link className="text-blue-700 underline" href="/settings/audit">
          ← Audit log
        </Link>
      </p>
      <PageHeader
        title="Refused messages"
        description="Texts the inbox did not receive: from a country that is not allowed, one-time passcodes, and texts from short codes or sender names. Their text is never stored, so it cannot be shown."
      />
      <form role="search" action="/settings/audit/refused" className="mb-4 flex max-w-md gap-2">
        <label htmlFor="refused-search" className="sr-only">
          Sender&apos;s number
        </label>
        <input
          id="refused-search"
          name="q"
          type="search"
          defaultValue={query}
          maxLength={40}
          placeholder="Number in any format, e.g. +1 206 555 0100"
          className="min-w-0 flex-1 rounded-md border border-slate-300 px-3 py-2 text-sm"
        />
        <button type="submit" className="rounded-md bg-slate-900 px-3 py-2 text-sm font-medium text-white hover:bg-slate-700">
          Search
        </button>
      </form>
      {rows.length === 0 ? (
        <EmptyState title={query ? `No refused messages from ${query}` : cursor ? "No older refused messages" : "No refused messages"}>
          {query
            ? "Nothing from this number was refused: the text either reached the inbox (search the inbox) or never reached Twilio. Check the number, or search with fewer digits."
            : cursor
              ? "Every refused message is on the newer pages."
              : "Texts from countries you have not allowed, one-time passcodes and texts from short codes or sender names will be listed here."}
        </EmptyState>
      ) : (
        <Card className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Refused messages, newest first</caption>
            <thead className="bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">When</th>
                <th scope="col" className="px-4 py-3">From</th>
                <th scope="col" className="px-4 py-3">Country</th>
                <th scope="col" className="px-4 py-3">Integration</th>
                <th scope="col" className="px-4 py-3">Reason</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={row.id}>
                  <td className="whitespace-nowrap px-4 py-3 text-slate-600">
                    <time dateTime={row.createdAt.toISOString()}>{row.createdAt.toLocaleString("en-GB", { timeZone: "UTC" })} UTC</time>
                  </td>
                  <td className="whitespace-nowrap px-4 py-3 font-mono">{formatPhoneNumber(row.fromNumber)}</td>
                  <td className="px-4 py-3">{row.country ? `${countryFlag(row.country)} ${countryName(row.country)}` : "—"}</td>
                  <td className="px-4 py-3">{row.integrationName ?? "Deleted integration"}</td>
                  <td className="px-4 py-3">{REFUSAL_REASONS[row.reason]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
      {cursor || next ? (
        <nav aria-label="Refused messages pages" className="mt-4 flex gap-4 text-sm">
          {cursor ? (
            <Link className="text-blue-700 underline" href={withQuery({})}>
              Newest
            </Link>
          ) : null}
          {next ? (
            <Link className="text-blue-700 underline" href={withQuery({ before: encodeAdminActionCursor(next) })}>
              Older
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
