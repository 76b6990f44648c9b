import type { Metadata } from "next";
import Link from "next/link";
import { CapabilityCell } from "@/components/settings/phone-numbers/capability-cell";
import { ReleaseNumberButton } from "@/components/settings/phone-numbers/release-button";
import { buttonClass } from "@/components/ui/button-class";
import { FormMessage } from "@/components/ui/field";
import { Card, EmptyState, PageHeader } from "@/components/ui/page";
import { getDb } from "@/db";
import { listPhoneNumbers } from "@/db/queries/phone-numbers";
import { listPortRequests } from "@/db/queries/port-requests";
import type { PhoneNumber } from "@/db/schema";
import { requireAdmin } from "@/lib/auth/session";
import { twilioMode } from "@/lib/config/env";
import { countryFlag, countryName, formatPhoneNumber } from "@/lib/phone/normalize";
import { supportOfOwnedNumber } from "@/lib/phone-numbers/manage";
import { NUMBER_SOURCE_LABELS, NUMBER_TYPE_LABELS } from "@/lib/phone-numbers/types";

export const metadata: Metadata = { title: "Phone numbers" };

function notice(params: { added?: string; imported?: string }, numbers: Pick<PhoneNumber, "e164" | "twilioSms" | "twilioMms" | "type" | "country">[]): string | null {
  if (params.added) {
    const added = numbers.find((number) => number.e164 === params.added);
    const support = added ? supportOfOwnedNumber(added) : null;
    if (support && !support.sms) return `${formatPhoneNumber(params.added)} is now yours. It cannot have SMS here: ${support.reason}`;
    return `${formatPhoneNumber(params.added)} is now yours. Add an SMS integration on it to receive texts.`;
  }
  if (params.imported) return params.imported === "1" ? "1 number imported." : `${params.imported} numbers imported.`;
  return null;
}

export default async function PhoneNumbersPage({ searchParams }: { searchParams: Promise<{ added?: string; imported?: string }> }) {
  await requireAdmin();
  const db = await getDb();
  const [numbers, ports] = await Promise.all([listPhoneNumbers({ db }), listPortRequests({ db })]);
  const openPorts = ports.filter((port) => port.status === "submitted" || port.status === "in_progress").length;
  const sandbox = twilioMode() === "sandbox";
  const message = notice(await searchParams, numbers);
  return (
    <>
      <PageHeader
        title="Phone numbers"
        description="SMS works only on numbers owned in this app. Buy a new number, import one your Twilio account already has, or port an existing one in."
        actions={
          <>
            <Link href="/settings/phone-numbers/port" className={buttonClass("secondary")}>
              Port a number in
            </Link>
            <Link href="/settings/phone-numbers/import" className={buttonClass("secondary")}>
              Import from Twilio
            </Link>
            <Link href="/settings/phone-numbers/new" className={buttonClass("primary")}>
              Buy a number
            </Link>
          </>
        }
      />
      <div className="mb-4">
        <FormMessage message={message} tone="success" />
      </div>
      {openPorts > 0 ? (
        <p className="mb-4 text-sm text-slate-600">
          {openPorts === 1 ? "1 port request is" : `${openPorts} port requests are`} on the way.{" "}
          <Link href="/settings/phone-numbers/port" className="font-medium text-brand-700 underline">
            Follow port requests
          </Link>
        </p>
      ) : null}
      {numbers.length === 0 ? (
        <EmptyState title="No phone numbers yet">Buy a new number or port an existing one in, then add an SMS integration on it.</EmptyState>
      ) : (
        <Card className="relative overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Phone numbers</caption>
            <thead className="bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">Number</th>
                <th scope="col" className="px-4 py-3">Country</th>
                <th scope="col" className="px-4 py-3">Type</th>
                <th scope="col" className="px-4 py-3">Can do here</th>
                <th scope="col" className="px-4 py-3">SMS integration</th>
                <th scope="col" className="px-4 py-3">Came from</th>
                <th scope="col" className="px-4 py-3"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {numbers.map((number) => {
                const display = formatPhoneNumber(number.e164);
                return (
                  <tr key={number.id} className="align-top">
                    <th scope="row" className="px-4 py-3 font-medium text-slate-900">
                      <span className="whitespace-nowrap">{display}</span>
                      {number.friendlyName !== display ? <span className="block text-xs font-normal text-slate-500">{number.friendlyName}</span> : null}
                    </th>
                    <td className="px-4 py-3">
                      {countryFlag(number.country)} {number.country ? countryName(number.country) : "Unknown"}
                    </td>
                    <td className="px-4 py-3">{NUMBER_TYPE_LABELS[number.type]}</td>
                    <td className="px-4 py-3"><CapabilityCell support={supportOfOwnedNumber(number)} /></td>
                    <td className="px-4 py-3">
                      {number.integration ? (
                        <Link href={`/settings/integrations/sms/${number.integration.id}`} className="text-brand-700 underline">
                          {number.integration.name}
                        </Link>
                      ) : (
                        <span className="text-slate-500">None</span>
                      )}
                    </td>
                    <td className="px-4 py-3">{NUMBER_SOURCE_LABELS[number.source]}</td>
                    <td className="px-4 py-3 text-right">
                      <ReleaseNumberButton id={number.id} display={display} sandbox={sandbox} usedBy={number.integration?.name ?? null} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </Card>
      )}
    </>
  );
}
