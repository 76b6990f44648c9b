import type { Metadata } from "next";
import Link from "next/link";
import { BuyNumberForm } from "@/components/settings/phone-numbers/buy-number-form";
import { PageHeader } from "@/components/ui/page";
import { requireAdmin } from "@/lib/auth/session";
import { twilioMode } from "@/lib/config/env";
import { allCountries } from "@/lib/phone/countries";

export const metadata: Metadata = { title: "Buy a number" };

export default async function BuyNumberPage() {
  await requireAdmin();
  const sandbox = twilioMode() === "sandbox";
  return (
    <>
      <PageHeader
        title="Buy a number"
        description={
          <>
            Search the numbers Twilio has for sale. Each one says whether it can do SMS and MMS in this app: US and Canadian numbers get
            both, UK mobile numbers get SMS only, and other numbers cannot have SMS yet.{" "}
            {sandbox ? "In sandbox mode the numbers are pretend ones and nothing is charged. " : null}
            <Link href="/settings/phone-numbers" className="text-brand-700 underline">
              Back to phone numbers
            </Link>
          </>
        }
      />
      <BuyNumberForm countries={allCountries()} sandbox={sandbox} />
    </>
  );
}
