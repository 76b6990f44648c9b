import type { Metadata } from "next";
import Link from "next/link";
import { NewIntegrationForm } from "@/components/settings/integrations/new-integration-form";
import { buttonClass } from "@/components/ui/button-class";
import { Card, EmptyState, PageHeader } from "@/components/ui/page";
import { getDb } from "@/db";
import { requireAdmin } from "@/lib/auth/session";
import { listNumberChoices } from "@/lib/integrations/number-choices";

export const metadata: Metadata = { title: "Add SMS Integration" };

export default async function NewIntegrationPage() {
  await requireAdmin();
  const choices = await listNumberChoices({ db: await getDb() });
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
          <NewIntegrationForm choices={choices} />
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
