import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PhoneSimulator } from "@/components/sandbox/phone-simulator";
import { PageHeader } from "@/components/ui/page";
import { getDb } from "@/db";
import { requireUser } from "@/lib/auth/session";
import { publicBaseUrl, twilioMode } from "@/lib/config/env";
import { allCountries } from "@/lib/phone/countries";
import { SANDBOX_PREFIX } from "@/lib/sandbox/paths";
import { loadSimulatorState } from "@/lib/sandbox/simulator";
import { getSandboxCredentials } from "@/lib/twilio/credentials";

export const metadata: Metadata = { title: "Phone simulator" };

export default async function PhoneSimulatorPage() {
  const user = await requireUser();
  if (twilioMode() === "live") notFound();
  const initialState = await loadSimulatorState({ db: await getDb(), handset: null, business: null });
  const isAdmin = user.role === "admin";
  const credentials = isAdmin ? await getSandboxCredentials() : null;
  return (
    <main className="mx-auto max-w-7xl px-4 py-8">
      <PageHeader
        title="Phone simulator"
        description="Play your customers: text your sandbox numbers from pretend phones and see the replies arrive, as customers would. It all runs on the built-in Twilio sandbox, so no real text is sent."
      />
      <PhoneSimulator
        initialState={initialState}
        isAdmin={isAdmin}
        countries={allCountries()}
        account={credentials ? { ...credentials, apiBaseUrl: `${publicBaseUrl()}${SANDBOX_PREFIX}` } : null}
      />
    </main>
  );
}
