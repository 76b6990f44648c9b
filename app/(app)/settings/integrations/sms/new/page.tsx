import type { Metadata } from "next";
import Link from "next/link";
import { NewIntegrationForm } from "@/components/settings/integrations/new-integration-form";
import { buttonClass } from "@/components/ui/button-class";
import { Card, EmptyState, PageHeader } from "@/components/ui/page";
import { getDb } from "@/db";
import { requireAdmin } from "@/lib/auth/session";
import { Suspense } from "react";
import { ReadinessBadge } from "@/components/settings/integrations/readiness-badge";
import { listPhoneNumbers } from "@/db/queries/phone-numbers";
import type { PhoneNumber } from "@/db/schema";
import { listNumberChoices } from "@/lib/integrations/number-choices";
import { checkUsReadiness } from "@/lib/integrations/readiness";
import { usRegistrationKind } from "@/lib/integrations/readiness-words";
import { getTwilioClient } from "@/lib/twilio/client";

async function NumberReadiness({ number }: { number: PhoneNumber }) {
  const readiness = await checkUsReadiness({ twilio: await getTwilioClient(), number });
  if (!readiness) return null;
  return (
    <p className={readiness.state === "ready" ? "text-slate-600" : "rounded bg-amber-50 px-2 py-1 text-amber-950"}>
      US carriers: <ReadinessBadge readiness={readiness} withDetail={readiness.state !== "ready"} />
    </p>
  );
}

export const metadata: Metadata = { title: "Add SMS Integration" };

export default async function NewIntegrationPage() {
  await requireAdmin();
  const db = await getDb();
  const [choices, numbers] = await Promise.all([listNumberChoices({ db }), listPhoneNumbers({ db })]);
  // Before any text is sent: a US number that is not registered is warned about here.
  const usReadiness = Object.fromEntries(
    numbers
      .filter((number) => !number.integration && usRegistrationKind(number))
      .map((number) => [
        number.id,
        <Suspense key={number.id} fallback={<span className="text-slate-500">Asking Twilio about its US registration…</span>}>
          <NumberReadiness number={number} />
        </Suspense>,
      ]),
  );
  return (
    <>
      <PageHeader
        title="Add SMS Integration"
        description="Choose a name for the integration and the phone number to install it on. SMS works only on numbers owned in this app: US and Canadian numbers get SMS and MMS, UK mobile numbers get SMS only."
      />
      {choices.length === 0 ? (
        <EmptyState
          title="You have no phone numbers yet"
          action={
            <Link href="/settings/phone-numbers/new" className={buttonClass("primary")}>
              Buy a number
            </Link>
          }
        >
          Buy a new number or port your existing one in first, then come back here.
        </EmptyState>
      ) : (
        <Card className="max-w-2xl p-6">
          <NewIntegrationForm choices={choices} usReadiness={usReadiness} />
          <p className="mt-6 text-xs text-slate-500">
            Need another number?{" "}
            <Link href="/settings/phone-numbers/new" className="text-brand-700 underline">
              Buy one
            </Link>{" "}
            or{" "}
            <Link href="/settings/phone-numbers/port" className="text-brand-700 underline">
              port yours in
            </Link>
            .
          </p>
        </Card>
      )}
    </>
  );
}
