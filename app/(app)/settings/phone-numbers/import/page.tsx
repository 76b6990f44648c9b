import type { Metadata } from "next";
import Link from "next/link";
import { ImportNumbersForm } from "@/components/settings/phone-numbers/import-form";
import { FormMessage } from "@/components/ui/field";
import { Card, EmptyState, PageHeader } from "@/components/ui/page";
import { getDb } from "@/db";
import { requireAdmin } from "@/lib/auth/session";
import { twilioMode } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { listImportableNumbers, type ImportableNumber } from "@/lib/phone-numbers/manage";
import { getTwilioClient } from "@/lib/twilio/client";

export const metadata: Metadata = { title: "Import numbers" };

async function importable(): Promise<{ numbers: ImportableNumber[] } | { error: string }> {
  try {
    return { numbers: await listImportableNumbers({ db: await getDb(), twilio: await getTwilioClient() }) };
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    throw error;
  }
}

export default async function ImportNumbersPage() {
  await requireAdmin();
  const sandbox = twilioMode() === "sandbox";
  const result = await importable();
  return (
    <>
      <PageHeader
        title="Import numbers from Twilio"
        description={
          sandbox
            ? "Importing is for numbers a real Twilio account already owns, bought in the Twilio console. In sandbox mode it lists the sandbox account’s numbers, such as those bought in the sandbox console, so the same steps can be tried."
            : "Numbers bought in the Twilio console belong to your Twilio account but not yet to this app. Import the ones this app should use."
        }
        actions={
          <Link href="/settings/phone-numbers" className="text-sm text-brand-700 underline">
            Back to phone numbers
          </Link>
        }
      />
      {"error" in result ? (
        <FormMessage message={result.error} />
      ) : result.numbers.length === 0 ? (
        <EmptyState title="Nothing to import">Every number in your Twilio account is already here.</EmptyState>
      ) : (
        <Card className="p-6">
          <ImportNumbersForm numbers={result.numbers} />
        </Card>
      )}
    </>
  );
}
