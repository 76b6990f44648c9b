import type { Metadata } from "next";
import Link from "next/link";
import { PortRequestForm } from "@/components/settings/phone-numbers/port-request-form";
import { PortRequestActions } from "@/components/settings/phone-numbers/port-request-actions";
import { Card, PageHeader } from "@/components/ui/page";
import { getDb } from "@/db";
import { listPortRequests } from "@/db/queries/port-requests";
import type { PortRequest } from "@/db/schema";
import { requireAdmin } from "@/lib/auth/session";
import { twilioMode } from "@/lib/config/env";
import { describeError, log } from "@/lib/log";
import { formatPhoneNumber } from "@/lib/phone/normalize";
import { checkOpenPortRequests, SANDBOX_REJECTION_REASON } from "@/lib/phone-numbers/porting";
import { getTwilioClient } from "@/lib/twilio/client";

export const metadata: Metadata = { title: "Port a number in" };

const STATUS_LABELS: Record<PortRequest["status"], string> = {
  submitted: "Submitted",
  in_progress: "In progress",
  completed: "Completed",
  rejected: "Rejected",
};

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

export default async function PortPage() {
  await requireAdmin();
  const sandbox = twilioMode() === "sandbox";
  const db = await getDb();
  // A port the carrier finished shows as completed as soon as the page is opened (checked at most every few minutes).
  await checkOpenPortRequests({ db, twilio: await getTwilioClient() }).catch((error: unknown) => {
    log.warn({ err: describeError(error) }, "open port requests could not be checked");
  });
  const requests = await listPortRequests({ db });
  return (
    <>
      <PageHeader
        title="Port a number in"
        description="Porting moves a number you already have at another carrier into this app, so it can have SMS here. The carrier does the move: it usually takes several days, sometimes weeks, and your number keeps working where it is until then."
        actions={
          <Link href="/settings/phone-numbers" className="text-sm text-brand-700 underline">
            Back to phone numbers
          </Link>
        }
      />
      <ol className="mb-4 list-inside list-decimal space-y-1 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">
        <li>Submitted: the request is recorded here.{sandbox ? null : " Also start the port in the Twilio console (Phone Numbers → Port & Host) with the same details."}</li>
        <li>In progress: mark it so once the carrier has accepted it. The carrier moves the number; this takes days.</li>
        <li>
          Completed: when the number appears in your Twilio account, it becomes one of your numbers here. Opening this page, or
          “Check status”, looks for it.
        </li>
        <li>Rejected: if the carrier refuses, record the reason it gave, correct the details and submit again.</li>
      </ol>
      {sandbox ? (
        <p className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Sandbox mode: no carrier is involved. Use “Complete port now” or “Reject” on a request to see either outcome at once.
        </p>
      ) : null}
      <Card className="mb-8 p-6">
        <h2 className="mb-4 text-base font-semibold">New port request</h2>
        <PortRequestForm />
      </Card>
      <h2 className="mb-2 text-base font-semibold">Port requests</h2>
      {requests.length === 0 ? (
        <p className="text-sm text-slate-600">No port requests yet.</p>
      ) : (
        <Card className="relative overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Port requests</caption>
            <thead className="bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">Number</th>
                <th scope="col" className="px-4 py-3">Carrier</th>
                <th scope="col" className="px-4 py-3">Status</th>
                <th scope="col" className="px-4 py-3">Submitted</th>
                <th scope="col" className="px-4 py-3"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {requests.map((request) => {
                const display = formatPhoneNumber(request.e164);
                const openStatus = request.status === "submitted" || request.status === "in_progress" ? request.status : null;
                return (
                  <tr key={request.id} className="align-top">
                    <th scope="row" className="whitespace-nowrap px-4 py-3 font-medium">{display}</th>
                    <td className="px-4 py-3">{request.currentCarrier}</td>
                    <td className="px-4 py-3">
                      {STATUS_LABELS[request.status]}
                      {request.rejectionReason ? <p className="mt-0.5 max-w-xs text-xs text-red-700">{request.rejectionReason}</p> : null}
                    </td>
                    <td className="px-4 py-3">{dateFormat.format(request.createdAt)}</td>
                    <td className="px-4 py-3 text-right">{openStatus ? (
                        <PortRequestActions
                          id={request.id}
                          display={display}
                          status={openStatus}
                          sandbox={sandbox}
                          suggestedReason={SANDBOX_REJECTION_REASON}
                        />
                      ) : null}</td>
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
