import type { Metadata } from "next";
import Link from "next/link";
import { CountryRefusalsSummary } from "@/components/settings/integrations/country-refusals";
import { ConnectionCell } from "@/components/settings/integrations/connection-cell";
import { MessagingPolicyPanel } from "@/components/settings/integrations/policy-panel";
import { ReadinessCell } from "@/components/settings/integrations/readiness-cell";
import { buttonClass } from "@/components/ui/button-class";
import { FormMessage } from "@/components/ui/field";
import { Card, EmptyState, PageHeader } from "@/components/ui/page";
import { getDb } from "@/db";
import { listIntegrations } from "@/db/queries/integrations";
import { requireAdmin } from "@/lib/auth/session";
import { getAllowedCountries } from "@/lib/integrations/countries";
import { getCountryRefusals, REFUSAL_WINDOW_DAYS } from "@/lib/integrations/refusals";
import { formatPhoneNumber } from "@/lib/phone/normalize";

export const metadata: Metadata = { title: "Integrations → SMS" };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

export default async function SmsIntegrationsPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  await requireAdmin();
  const db = await getDb();
  const [integrations, countries, refusals] = await Promise.all([listIntegrations({ db }), getAllowedCountries({ db }), getCountryRefusals({ db })]);
  const { deleted } = await searchParams;
  return (
    <>
      <PageHeader
        title="SMS integrations"
        description="Each integration connects one of your phone numbers to the inbox: every new SMS conversation with it becomes a ticket."
        actions={
          <Link href="/settings/integrations/sms/new" className={buttonClass("primary")}>
            Add SMS Integration
          </Link>
        }
      />
      <div className="mb-4">
        <FormMessage message={deleted ? "SMS integration deleted. Its tickets stay in the inbox." : null} tone="success" />
      </div>
      {integrations.length === 0 ? (
        <EmptyState title="No SMS integrations yet">
          Connect a phone number so customers can text your shop. You need a number first:{" "}
          <Link href="/settings/phone-numbers" className="text-brand-700 underline">
            buy or port one
          </Link>
          .
        </EmptyState>
      ) : (
        <Card className="relative overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">SMS integrations</caption>
            <thead className="bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">Name</th>
                <th scope="col" className="px-4 py-3">Phone number</th>
                <th scope="col" className="px-4 py-3">Status</th>
                <th scope="col" className="px-4 py-3">Connection to Twilio</th>
                <th scope="col" className="px-4 py-3">US carriers</th>
                <th scope="col" className="px-4 py-3">Created</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {integrations.map((integration) => (
                <tr key={integration.id} className="align-top">
                  <th scope="row" className="px-4 py-3 font-medium">
                    <Link href={`/settings/integrations/sms/${integration.id}`} className="text-brand-700 underline">
                      {integration.name}
                    </Link>
                  </th>
                  <td className="whitespace-nowrap px-4 py-3">{formatPhoneNumber(integration.phoneE164)}</td>
                  <td className="px-4 py-3">
                    {integration.status === "active" ? (
                      <span className="text-green-700">Active</span>
                    ) : (
                      <>
                        <span className="text-red-700">Deactivated</span>
                        {integration.deactivatedReason ? <p className="mt-0.5 max-w-xs text-xs text-slate-500">{integration.deactivatedReason}</p> : null}
                      </>
                    )}
                  </td>
                  <td className="whitespace-nowrap px-4 py-3">
                    <ConnectionCell integration={integration} />
                  </td>
                  <td className="px-4 py-3">
                    <ReadinessCell integration={integration} />
                  </td>
                  <td className="px-4 py-3">{dateFormat.format(integration.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
      <div className="mt-8 grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <MessagingPolicyPanel />
        </div>
        <section aria-labelledby="allowed-countries" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <h2 id="allowed-countries" className="text-base font-semibold text-slate-900">
            Countries
          </h2>
          <p className="mt-2 text-sm text-slate-600">
            Customers in {countries.length} countries can text you and be texted: Israel, Japan, France, Germany, the United Kingdom,
            Australia and every +1 country by default
            {countries.some((country) => !country.isDefault) ? ", plus those you added" : ""}.
          </p>
          <CountryRefusalsSummary refusals={refusals} days={REFUSAL_WINDOW_DAYS} />
          <Link href="/settings/integrations/sms/countries" className={buttonClass("secondary", "mt-4")}>
            Manage countries
          </Link>
        </section>
      </div>
    </>
  );
}
